package dev.devskyy.cli;

import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.testing.McpSchema;
import dev.devskyy.testing.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path state;

    @TempDir
    Path work;

    ToolRegistry registry;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        registry = new ToolRegistry()
                .register(tool("echo", echo()).build())
                .register(tool("reader", (a, c) -> {
                            c.openFile(a.get("message").asText(), 1 << 20).close();
                            return echo().run(a, c);
                        })
                        .permissions(ToolPermission.FILESYSTEM_READ)
                        .build())
                .register(tool("slow", (a, c) -> {
                            Thread.sleep(60_000);
                            return echo().run(a, c);
                        })
                        .build())
                .register(tool("typed", (a, c) -> {
                            var out = Json.object();
                            out.put("echo", Json.canonical(a));
                            return new dev.devskyy.runtime.ToolOutput(Json.canonical(a), out);
                        })
                        .inputSchema(TestTools.schema("""
                                {"type":"object","properties":{
                                  "n":{"type":"integer"},"flag":{"type":"boolean"},"code":{"type":"string"},
                                  "list":{"type":"array"},"free":{}}}
                                """))
                        .build());
        cli = new CliRunner(registry, state);
    }

    @Test
    void versionPrintsTheBuildVersionAndCommit() {
        CliRunner.Run run = cli.run("--version");
        assertThat(run.code()).isZero();
        assertThat(run.out()).matches("devskyy \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,40}|unknown)\\)\\n");
    }

    @Test
    void helpGroupsCommandsAndPrintsTheExitCodeTable() {
        CliRunner.Run run = cli.run("--help");
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("Tools:\n  tools")
                .contains("Exit codes:")
                .contains(" 70   internal error");
        for (String row : ExitCodes.TABLE) {
            assertThat(run.out()).contains(row);
        }
    }

    @Test
    void everyCommandIsInAHelpGroup() {
        var root = Cli.commandLine(
                new CliContext(System.in, System.out, System.err, java.util.Map.of(), () -> registry, null, null));
        assertThat(Cli.COMMAND_GROUPS.values().stream().flatMap(List::stream))
                .containsExactlyInAnyOrderElementsOf(root.getSubcommands().keySet());
    }

    @Test
    void noCommand_isAUsageError() {
        CliRunner.Run run = cli.run();
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Missing a command");
    }

    @Test
    void anUnknownOption_isAUsageError_onStderr() {
        CliRunner.Run run = cli.run("tools", "list", "--bogus");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("E4001 INVALID_INPUT: Unknown option: '--bogus'");
    }

    @Test
    void badLoggingOptions_areUsageErrors() {
        assertThat(cli.run("--log-format", "xml", "tools", "list").code()).isEqualTo(2);
        assertThat(cli.run("--log-level", "loud", "tools", "list").code()).isEqualTo(2);
        assertThat(cli.run("-vv", "--log-format", "json", "tools", "list").code())
                .isZero();
    }

    @Nested
    class Serve {
        static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\","
                + "\"version\":\"1\"}}}\n";

        @Test
        void servesTheRegistryWithTheGrantsOfItsFlags() throws Exception {
            Path file = Files.writeString(work.resolve("a.txt"), "x");
            String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"reader\",\"arguments\":{\"message\":\"" + file + "\"}}}\n";
            CliRunner.Run granted = cli.stdin(INIT + call)
                    .run("serve", "--allow", "filesystem:read", "--root", work.toString(), "--audit-log", "-");
            assertThat(granted.code()).isZero();
            List<String> lines = granted.out().lines().toList();
            assertThat(lines).hasSize(2);
            for (String line : lines) {
                McpSchema.assertValid("JSONRPCMessage", Json.parse(line));
            }
            assertThat(Json.parse(lines.get(1)).at("/result/isError").asBoolean())
                    .isFalse();
            assertThat(granted.err()).contains("\"tool\":\"reader\"");
            CliRunner.Run denied = cli.stdin(INIT + call).run("serve");
            assertThat(Json.parse(denied.out().lines().toList().get(1))
                            .at("/result/structuredContent/code")
                            .asText())
                    .isEqualTo("E4003");
        }

        @Test
        void restoresSystemOutWhenItEnds() {
            java.io.PrintStream before = System.out;
            cli.stdin("").run("serve");
            assertThat(System.out).isSameAs(before);
        }

        @Test
        void rejectsNonsenseSettings() {
            assertThat(cli.run("serve", "--page-size", "0").code()).isEqualTo(2);
            assertThat(cli.run("serve", "--max-message-bytes", "-1").code()).isEqualTo(2);
            assertThat(cli.run("serve", "--allow", "root:everything").code()).isEqualTo(2);
        }
    }

    @Nested
    class ToolsList {
        @Test
        void printsATableSortedByName() {
            CliRunner.Run run = cli.run("tools", "list");
            assertThat(run.code()).isZero();
            assertThat(run.out().lines().toList())
                    .containsExactly(
                            "NAME    VERSION  PERMISSIONS      TITLE",
                            "echo    1.0.0    -                Test tool echo",
                            "reader  1.0.0    filesystem:read  Test tool reader",
                            "slow    1.0.0    -                Test tool slow",
                            "typed   1.0.0    -                Test tool typed");
        }

        @Test
        void jsonIsExactlyTheMcpToolsListResult() throws Exception {
            CliRunner.Run run = cli.run("tools", "list", "--json");
            JsonNode result = Json.parse(run.out());
            McpSchema.assertValid("ListToolsResult", result);
            assertThat(result.get("tools")).hasSize(4);
            JsonNode reader = result.get("tools").get(1);
            assertThat(reader.get("name").asText()).isEqualTo("reader");
            assertThat(reader.at("/_meta/dev.devskyy~1permissions/0").asText()).isEqualTo("filesystem:read");
            assertThat(reader.at("/annotations/readOnlyHint").asBoolean()).isTrue();
        }
    }

    @Nested
    class ToolsDescribe {
        @Test
        void showsSchemasPermissionsAnnotationsTimeoutAndRetries() {
            CliRunner.Run run = cli.run("tools", "describe", "reader");
            assertThat(run.code()).isZero();
            assertThat(run.out())
                    .contains("reader 1.0.0 - Test tool reader")
                    .contains("permissions:   filesystem:read")
                    .contains("readOnlyHint=true")
                    .contains("timeout:       30000 ms")
                    .contains("retries:       none")
                    .contains("input schema:")
                    .contains("\"required\" : [ \"message\" ]");
        }

        @Test
        void jsonAddsTimeoutAndRetryPolicyToTheListingEntry() throws Exception {
            JsonNode node =
                    Json.parse(cli.run("tools", "describe", "echo", "--json").out());
            assertThat(node.get("timeoutMs").asLong())
                    .isEqualTo(Duration.ofSeconds(30).toMillis());
            assertThat(node.at("/retryPolicy/maxRetries").asInt()).isZero();
            assertThat(node.get("inputSchema").get("type").asText()).isEqualTo("object");
        }

        @Test
        void anUnknownTool_exits4() {
            CliRunner.Run run = cli.run("tools", "describe", "nope");
            assertThat(run.code()).isEqualTo(4);
            assertThat(run.err()).contains("E4004 TOOL_NOT_FOUND: no tool named 'nope'");
        }
    }

    @Nested
    class ToolsCall {
        @Test
        void printsTheResultText() {
            CliRunner.Run run = cli.run("tools", "call", "echo", "--arg", "message=hi", "--arg", "times=3");
            assertThat(run.code()).isZero();
            assertThat(run.out()).isEqualTo("hihihi\n");
        }

        @Test
        void withoutAGrant_exits3_namingTheMissingPermission() throws Exception {
            Path file = Files.writeString(work.resolve("a.txt"), "x");
            CliRunner.Run run = cli.run("tools", "call", "reader", "--arg", "message=" + file);
            assertThat(run.code()).isEqualTo(3);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().strip())
                    .isEqualTo("E4003 PERMISSION_DENIED: tool reader needs filesystem:read, which is not granted to "
                            + "actor 'default'");
        }

        /** Calls the reader tool on {@code file} with filesystem:read granted under {@code work}. */
        CliRunner.Run readWithGrant(Path file) {
            return cli.run(
                    "tools",
                    "call",
                    "reader",
                    "--allow",
                    "filesystem:read",
                    "--root",
                    work.toString(),
                    "--arg",
                    "message=" + file);
        }

        @Test
        void withAGrantAndARoot_runs() throws Exception {
            assertThat(readWithGrant(Files.writeString(work.resolve("a.txt"), "x"))
                            .code())
                    .isZero();
        }

        @Test
        void aPathOutsideTheRoots_exits3() throws Exception {
            CliRunner.Run run = readWithGrant(Files.writeString(state.resolve("b.txt"), "x"));
            assertThat(run.code()).isEqualTo(3);
            assertThat(run.err()).contains("outside the granted roots");
        }

        @Test
        void aPolicyFileGrantsTheChosenActor() throws Exception {
            Path file = Files.writeString(work.resolve("a.txt"), "x");
            Path policy = Files.writeString(
                    work.resolve("policy.json"),
                    "{\"actors\":{\"ci\":{\"permissions\":[\"filesystem:read\"],\"roots\":[\".\"]},\"default\":{}}}");
            String[] call = {"tools", "call", "reader", "--policy", policy.toString(), "--arg", "message=" + file};
            assertThat(cli.run(concat(call, "--actor", "ci")).code()).isZero();
            assertThat(cli.run(call).code()).isEqualTo(3);
            CliRunner.Run stranger = cli.run(concat(call, "--actor", "mallory"));
            assertThat(stranger.code()).isEqualTo(2);
            assertThat(stranger.err()).contains("actor 'mallory' is not named in policy");
        }

        @Test
        void anUnknownPermission_isAUsageError() {
            CliRunner.Run run = cli.run("tools", "call", "echo", "--allow", "filesystem:everything");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("unknown permission 'filesystem:everything'");
        }

        @Test
        void argValuesTakeTheTypeTheSchemaAsksFor() {
            CliRunner.Run run = cli.run(
                    "tools",
                    "call",
                    "typed",
                    "--arg",
                    "n=3",
                    "--arg",
                    "flag=true",
                    "--arg",
                    "code=007",
                    "--arg",
                    "list=[1,2]",
                    "--arg",
                    "free=hello");
            assertThat(run.out().strip())
                    .isEqualTo("{\"code\":\"007\",\"flag\":true,\"free\":\"hello\",\"list\":[1,2],\"n\":3}");
        }

        @Test
        void aValueOfTheWrongType_exits2_namingTheArgument() {
            CliRunner.Run run = cli.run("tools", "call", "typed", "--arg", "n=three");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).startsWith("E4001 INVALID_INPUT: invalid argument at /n");
        }

        @Test
        void aMissingArgument_exits2_withE4002() {
            CliRunner.Run run = cli.run("tools", "call", "echo");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).startsWith("E4002 MISSING_PARAMETER: missing required argument /message");
        }

        @Test
        void argsJsonComesInlineFromAFileOrFromStdin_andArgAddsToIt() throws Exception {
            assertThat(cli.run("tools", "call", "echo", "--args-json", "{\"message\":\"a\"}")
                            .out())
                    .isEqualTo("a\n");
            Path file = Files.writeString(work.resolve("args.json"), "{\"message\":\"b\"}");
            assertThat(cli.run("tools", "call", "echo", "--args-json", "@" + file, "--arg", "times=2")
                            .out())
                    .isEqualTo("bb\n");
            assertThat(cli.stdin("{\"message\":\"c\"}")
                            .run("tools", "call", "echo", "--args-json", "-")
                            .out())
                    .isEqualTo("c\n");
        }

        @Test
        void malformedArgsJson_exits2() {
            CliRunner.Run run = cli.run("tools", "call", "echo", "--args-json", "{\"message\":");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("--args-json is not valid JSON");
            assertThat(cli.run("tools", "call", "echo", "--args-json", "[1]").err())
                    .contains("--args-json must be a JSON object");
            assertThat(cli.run("tools", "call", "echo", "--args-json", "@" + work.resolve("none"))
                            .err())
                    .contains("cannot read");
            assertThat(cli.run("tools", "call", "echo", "--arg", "novalue").code())
                    .isEqualTo(2);
        }

        @Test
        void aTimeout_exits5() {
            CliRunner.Run run = cli.run("tools", "call", "slow", "--arg", "message=x", "--timeout", "100ms");
            assertThat(run.code()).isEqualTo(5);
            assertThat(run.err()).contains("E5001 TIMEOUT: tool slow did not finish within 100 ms");
            assertThat(cli.run("tools", "call", "slow", "--timeout", "soon").code())
                    .isEqualTo(2);
        }

        @Test
        void anUnknownTool_exits4() {
            assertThat(cli.run("tools", "call", "nope").code()).isEqualTo(4);
        }

        @Test
        void anIdempotencyKeyReplaysAcrossInvocations() throws Exception {
            String[] call = {"tools", "call", "echo", "--arg", "message=a", "--idempotency-key", "build-7", "--json"};
            JsonNode first = Json.parse(cli.run(call).out());
            JsonNode second = Json.parse(cli.run(call).out());
            assertThat(first.at("/_meta/dev.devskyy~1replayed").asBoolean()).isFalse();
            assertThat(second.at("/_meta/dev.devskyy~1replayed").asBoolean()).isTrue();
            CliRunner.Run conflict =
                    cli.run("tools", "call", "echo", "--arg", "message=b", "--idempotency-key", "build-7");
            assertThat(conflict.code()).isEqualTo(2);
            assertThat(conflict.err()).contains("E4005 IDEMPOTENCY_CONFLICT");
        }

        @Test
        void jsonPrintsTheWholeResult_evenForErrors() throws Exception {
            CliRunner.Run ok = cli.run("tools", "call", "echo", "--arg", "message=a", "--json");
            JsonNode result = Json.parse(ok.out());
            assertThat(result.get("isError").asBoolean()).isFalse();
            assertThat(result.at("/content/0/text").asText()).isEqualTo("a");
            assertThat(result.at("/structuredContent/echo").asText()).isEqualTo("a");
            CliRunner.Run denied = cli.run("tools", "call", "reader", "--arg", "message=x", "--json");
            assertThat(denied.code()).isEqualTo(3);
            assertThat(Json.parse(denied.out()).at("/structuredContent/code").asText())
                    .isEqualTo("E4003");
        }

        @Test
        void everyCallIsAudited_inTheStateDirectory_orWhereAsked() throws Exception {
            cli.run("tools", "call", "echo", "--arg", "message=a");
            List<String> lines = Files.readAllLines(state.resolve("devskyy/audit.log"));
            assertThat(lines).hasSize(1);
            assertThat(Json.parse(lines.get(0)).get("tool").asText()).isEqualTo("echo");
            CliRunner.Run toStderr = cli.run("tools", "call", "echo", "--arg", "message=a", "--audit-log", "-");
            assertThat(toStderr.err()).contains("\"outcome\":\"ok\"");
            assertThat(toStderr.out()).isEqualTo("a\n");
        }
    }

    static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
