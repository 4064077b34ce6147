package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.ToolCatalogue;
import dev.devskyy.logging.StderrLogging;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.CallMetadata;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key material, passwords and secrets put where devskyy expects a path or a name (an inline key in
 * DEVSKYY_KEYRING, a password after {@code --password=}) never come back in an error, a result, a
 * log line at trace level, or the audit log: for every key source, every canary shape, every tool.
 */
@Tag("security")
class SecretEchoAttackTest {
    /** The server's key sources: variables read from the environment. */
    static final List<String> ENV_SOURCES = List.of(
            "DEVSKYY_KEYRING",
            "ENCRYPTION_MASTER_KEY",
            "DEVSKYY_JWT_KEY",
            "DEVSKYY_JWT_SIGNING_KEY",
            "DEVSKYY_JWT_SECRET",
            "DEVSKYY_JWT_SIGNING_SECRET");

    /** The CLI's key settings, as the metadata a tool receives: each names a path or a variable. */
    static final List<String> METADATA_SOURCES = List.of(
            CallMetadata.KEYRING,
            CallMetadata.KEY_FILE,
            CallMetadata.KEY_ENV,
            CallMetadata.PASSWORD_FILE,
            CallMetadata.PASSWORD_ENV,
            CallMetadata.JWT_SECRET_ENV,
            CallMetadata.JWT_SECRET_FILE,
            CallMetadata.JWT_KEY_FILE);

    static final Map<String, String> CANARIES = canaries();

    @TempDir
    Path dir;

    PrintStream systemErr;
    int outputs;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void captureLogsAtTrace() throws Exception {
        Files.writeString(dir.resolve("input.txt"), "some input\n");
        systemErr = System.err;
        // logback's console appender writes to whatever System.err is at the time of the write
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        StderrLogging.apply("trace", StderrLogging.Format.TEXT);
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(systemErr);
        StderrLogging.apply("warn", StderrLogging.Format.TEXT);
    }

    private static Map<String, String> canaries() {
        Random random = new Random(11);
        Map<String, String> canaries = new LinkedHashMap<>();
        String key = Base64.getEncoder().encodeToString(bytes(random, 32));
        canaries.put("base64 key", key);
        canaries.put(
                "PEM private key",
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(bytes(random, 138))
                        + "\n-----END PRIVATE KEY-----\n");
        canaries.put(
                "JWK",
                "{\"kty\":\"oct\",\"k\":\""
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, 64)) + "\"}");
        canaries.put(
                "keyring",
                "{\"current\":\"v1\",\"keys\":{\"v1\":\"" + Base64.getEncoder().encodeToString(bytes(random, 32))
                        + "\"}}");
        canaries.put("password", "Tr0ub4dor&3-canary-horse-battery-staple");
        return canaries;
    }

    private static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Every form of a canary that would betray it: itself, its long base64 runs, their bytes as hex and base64. */
    static Set<String> forms(String canary) {
        Set<String> forms = new LinkedHashSet<>(List.of(canary, canary.strip()));
        Matcher runs = Pattern.compile("[A-Za-z0-9+/_=-]{16,}").matcher(canary);
        while (runs.find()) {
            String run = runs.group();
            forms.add(run);
            for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
                try {
                    byte[] decoded = decoder.decode(run);
                    forms.add(HexFormat.of().formatHex(decoded));
                    forms.add(Base64.getEncoder().encodeToString(decoded));
                    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(decoded));
                } catch (IllegalArgumentException e) {
                    // not base64 of this alphabet
                }
            }
        }
        forms.add(HexFormat.of().formatHex(canary.getBytes(StandardCharsets.UTF_8)));
        return forms;
    }

    static void assertNoCanary(String where, String text) {
        for (Map.Entry<String, String> canary : CANARIES.entrySet()) {
            for (String form : forms(canary.getValue())) {
                assertThat(text)
                        .as("%s shows the %s canary", where, canary.getKey())
                        .doesNotContain(form);
            }
        }
    }

    // ---------------------------------------------------------------- through the runtime

    @Test
    void noToolEchoesAKeySourceThroughTheRuntime_serverVariablesAndCliSettings() throws Exception {
        Set<String> sourcesNamed = new LinkedHashSet<>();
        List<String> canaries = List.copyOf(CANARIES.values());
        List<String> sources = new ArrayList<>(ENV_SOURCES);
        sources.addAll(METADATA_SOURCES);
        // every source with two canaries in turn, so that every canary shape meets every kind of source
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            for (String canary : List.of(canaries.get(i % canaries.size()), canaries.get((i + 1) % canaries.size()))) {
                if (ENV_SOURCES.contains(source)) {
                    sourcesNamed.addAll(callEveryTool(Map.of(source, canary), Map.of(), source));
                } else {
                    Map<String, String> metadata = Map.of(source, canary);
                    sourcesNamed.addAll(callEveryTool(Map.of(), metadata, source));
                }
            }
        }
        assertNoCanary("stderr and logs at trace", logs.toString(StandardCharsets.UTF_8));
        // the calls reached the key sources: each was named in some error, so the check above meant something
        assertThat(sourcesNamed)
                .contains(
                        "DEVSKYY_KEYRING",
                        "DEVSKYY_JWT_KEY",
                        "DEVSKYY_JWT_SIGNING_KEY",
                        "--keyring",
                        "--key-file",
                        "--key-env",
                        "--password-file",
                        "--password-env",
                        "--secret-env",
                        "--secret-file",
                        "--key)");
    }

    /** Calls each tool with several argument sets; gives the setting names its errors mentioned. */
    private Set<String> callEveryTool(Map<String, String> env, Map<String, String> metadata, String source)
            throws Exception {
        ToolRegistry registry = ToolCatalogue.registry(env);
        List<AuditLog.Entry> audit = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        Grants grants = Grants.of(Arrays.asList(ToolPermission.values()), List.of(dir), Set.of());
        try (ToolRuntime runtime = new ToolRuntime(registry, IdempotencyStore.in(dir.resolve("state")), audit::add)) {
            for (ToolSpec spec : registry.list()) {
                for (ObjectNode args : argumentSets(spec)) {
                    ToolCallResult result = runtime.call(
                            ToolCallRequest.builder(spec.name(), args, new Caller("attacker", grants, null))
                                    .metadata(metadata)
                                    .build());
                    String shown = result.text() + "\n" + Json.compact(result.structuredContent());
                    assertNoCanary(spec.name() + " via " + source + " " + args, shown);
                    for (String name : List.of(
                            "DEVSKYY_KEYRING",
                            "DEVSKYY_JWT_KEY",
                            "DEVSKYY_JWT_SIGNING_KEY",
                            "--keyring",
                            "--key-file",
                            "--key-env",
                            "--password-file",
                            "--password-env",
                            "--secret-env",
                            "--secret-file",
                            "--key)")) {
                        if (result.isError() && result.text().contains(name)) {
                            named.add(name);
                        }
                    }
                }
            }
        }
        audit.forEach(entry -> assertNoCanary("audit line", entry.toJsonLine()));
        return named;
    }

    /** {}, the required arguments, and the required ones with each optional one in turn. */
    private List<ObjectNode> argumentSets(ToolSpec spec) {
        JsonNode properties = spec.inputSchema().path("properties");
        List<String> required = new ArrayList<>();
        spec.inputSchema().path("required").forEach(name -> required.add(name.asText()));
        List<ObjectNode> sets = new ArrayList<>();
        sets.add(Json.object());
        ObjectNode base = Json.object();
        required.forEach(name -> base.set(name, sample(name, properties.get(name))));
        sets.add(base);
        properties.fieldNames().forEachRemaining(name -> {
            if (!required.contains(name)) {
                ObjectNode more = base.deepCopy();
                more.set(name, sample(name, properties.get(name)));
                if ("profile".equals(name)) {
                    more.put("subject", "user-1");
                }
                sets.add(more);
            }
        });
        return sets;
    }

    private JsonNode sample(String name, JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText("string");
        return switch (type) {
            case "integer", "number" -> Json.tree(schema.path("minimum").asLong(1));
            case "boolean" -> Json.tree(false);
            case "array" -> Json.array();
            case "object" ->
                "document".equals(name)
                        ? Json.object().put("ssn", "v1:AAAAAAAAAAAAAAAA:BBBBBBBBBBBBBBBBBBBBBBBB")
                        : Json.object();
            default ->
                Json.tree(
                        switch (name) {
                            case "path", "root", "input" ->
                                dir.resolve("input.txt").toString();
                            case "output" -> dir.resolve("out-" + outputs++).toString();
                            case "envelope" -> "v1:AAAAAAAAAAAAAAAA:BBBBBBBBBBBBBBBBBBBBBBBB";
                            case "token" -> "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
                            default -> "x";
                        });
        };
    }

    // ---------------------------------------------------------------- through the command line

    /** Each variable gets a canary of the shape a person would wrongly paste there. */
    static final Map<String, String> INLINE = Map.of(
            "DEVSKYY_KEYRING", "keyring",
            "ENCRYPTION_MASTER_KEY", "password",
            "DEVSKYY_JWT_KEY", "PEM private key",
            "DEVSKYY_JWT_SIGNING_KEY", "JWK",
            "DEVSKYY_JWT_SECRET", "base64 key",
            "DEVSKYY_JWT_SIGNING_SECRET", "password");

    @Test
    void noCommandEchoesAnInlineKeyFromTheEnvironment_forEveryToolAtTrace() throws Exception {
        Path auditLog = dir.resolve("audit.jsonl");
        Map<String, String> everyVariable = new HashMap<>();
        INLINE.forEach((variable, canary) -> everyVariable.put(variable, CANARIES.get(canary)));
        everyVariable.put("XDG_STATE_HOME", dir.resolve("state").toString());
        // DEVSKYY_KEYRING and DEVSKYY_JWT_KEY take precedence: the second round lets the others be read
        Map<String, String> fallbacks = new HashMap<>(everyVariable);
        fallbacks.keySet().removeAll(Set.of("DEVSKYY_KEYRING", "DEVSKYY_JWT_KEY", "DEVSKYY_JWT_SECRET"));
        for (Map<String, String> env : List.of(everyVariable, fallbacks)) {
            for (ToolSpec spec : ToolCatalogue.registry(env).list()) {
                List<ObjectNode> sets = argumentSets(spec);
                for (ObjectNode args : sets.subList(1, Math.min(3, sets.size()))) {
                    CatalogueRunner.Run run = CatalogueRunner.run(
                            env,
                            new byte[0],
                            "-vvv",
                            "tools",
                            "call",
                            spec.name(),
                            "--args-json",
                            Json.compact(args),
                            "--allow",
                            "filesystem:read,filesystem:write,keys:use",
                            "--root",
                            dir.toString(),
                            "--audit-log",
                            auditLog.toString());
                    assertNoCanary(spec.name() + " with " + env.keySet(), run.text() + run.err());
                }
            }
        }
        assertNoCanary("audit log", Files.readString(auditLog));
        assertNoCanary("logs", logs.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> env(String variable, String value) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put(variable, value);
        return env;
    }

    @Test
    void theServerVariablesAreNamedButNotQuoted() {
        Map<String, Supplier<CatalogueRunner.Run>> runs = new LinkedHashMap<>();
        String input = dir.resolve("input.txt").toString();
        runs.put(
                "DEVSKYY_KEYRING",
                () -> CatalogueRunner.run(
                        env("DEVSKYY_KEYRING", CANARIES.get("keyring")), new byte[0], "encrypt", input, "-o", "-"));
        runs.put(
                "DEVSKYY_JWT_KEY",
                () -> CatalogueRunner.run(
                        env("DEVSKYY_JWT_KEY", CANARIES.get("PEM private key")),
                        new byte[0],
                        "tools",
                        "call",
                        "jwt_verify",
                        "--arg",
                        "token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
                        "--arg",
                        "algorithms=[\"RS256\"]"));
        runs.put(
                "DEVSKYY_JWT_SIGNING_KEY",
                () -> CatalogueRunner.run(
                        env("DEVSKYY_JWT_SIGNING_KEY", CANARIES.get("JWK")),
                        new byte[0],
                        "tools",
                        "call",
                        "jwt_issue",
                        "--allow",
                        "keys:use",
                        "--arg",
                        "algorithm=RS256"));
        runs.forEach((variable, call) -> {
            CatalogueRunner.Run run = call.get();
            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains(variable).contains("never the secret itself");
            assertNoCanary(variable, run.text() + run.err());
        });
    }

    /** Every secret-bearing option, given a canary, on every command that has it, also misplaced or misspelt. */
    @Test
    void noUsageOrKeyErrorEchoesASecretOptionsValue() {
        String input = dir.resolve("input.txt").toString();
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        List<List<String>> commands = List.of(
                List.of("encrypt", input, "-o", "-"),
                List.of("decrypt", input, "-o", "-"),
                List.of("rotate", input, "-o", "-"),
                List.of("verify", "envelope", input),
                List.of("verify", "jwt", token, "--alg", "HS256"),
                List.of("jwt", "issue", "--alg", "HS256"),
                List.of("jwt", "issue", "--alg", "RS256"),
                List.of("scan", input),
                List.of("tools", "call", "crypto_encrypt", "--allow", "keys:use", "--arg", "text=x"));
        List<String> options = List.of(
                "--keyring",
                "--key-file",
                "--key-env",
                "--password-file",
                "--password-env",
                "--password",
                "--secret-env",
                "--secret-file",
                "--key",
                "--passwrd",
                "--arg");
        int runs = 0;
        List<String> canaries = List.copyOf(CANARIES.values());
        for (List<String> command : commands) {
            for (String option : options) {
                // attached (--option=value) and apart (--option value) in turn: with an odd number of
                // options, each meets both forms across the commands, within seconds
                boolean attached = runs % 2 == 0;
                String canary = canaries.get(runs % canaries.size());
                List<String> args = new ArrayList<>(List.of("-vvv"));
                args.addAll(command);
                if (attached) {
                    args.add(option + "=" + canary);
                } else {
                    args.addAll(List.of(option, canary));
                }
                CatalogueRunner.Run run = CatalogueRunner.run(
                        env("XDG_CONFIG_HOME", dir.toString()), new byte[0], args.toArray(String[]::new));
                assertNoCanary(String.join(" ", args.subList(0, args.size() - 1)), run.text() + run.err());
                runs++;
            }
        }
        assertNoCanary("logs", logs.toString(StandardCharsets.UTF_8));
        assertThat(runs).isEqualTo(commands.size() * options.size());
    }

    /** serve parses its options while it already answers: the error reaches stderr and every request. */
    @Test
    void serveDoesNotEchoAMisplacedSecretOption() {
        CliRunner serve = new CliRunner(ToolCatalogue.registry(Map.of()), dir.resolve("state"))
                .stdin("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}\n");
        for (String canary : CANARIES.values()) {
            for (String option : List.of("--password", "--keyring")) {
                CliRunner.Run run = serve.run("serve", option + "=" + canary);
                assertNoCanary("serve " + option, run.out() + run.err());
                CliRunner.Run apart = serve.run("serve", "--password", canary);
                assertNoCanary("serve --password apart", apart.out() + apart.err());
            }
        }
    }

    /** A broken JSON document of plaintext fields, or of tool arguments: the parser's quote of it is not shown. */
    @Test
    void brokenJsonOnTheCommandLineIsPlacedNotQuoted() throws Exception {
        String password = CANARIES.get("password").replace("&", "");
        Path fields = Files.writeString(dir.resolve("fields.json"), "{\"ssn\": " + password + "}");
        Map<String, String> env = env("ENCRYPTION_MASTER_KEY", CANARIES.get("base64 key"));
        CatalogueRunner.Run encrypt = CatalogueRunner.run(env, new byte[0], "encrypt", "--fields", fields.toString());
        CatalogueRunner.Run call = CatalogueRunner.run(
                env, new byte[0], "tools", "call", "crypto_encrypt", "--args-json", "{\"text\": " + password + "}");
        for (CatalogueRunner.Run run : List.of(encrypt, call)) {
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("not valid JSON at line 1, column").doesNotContain(password.substring(0, 9));
        }
    }

    @Test
    void aUsageErrorStillSaysWhatWasWrong() {
        CatalogueRunner.Run run = CatalogueRunner.run(
                env("XDG_CONFIG_HOME", dir.toString()),
                new byte[0],
                "encrypt",
                dir.resolve("input.txt").toString(),
                "--password=hunter2-canary");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("E4001 INVALID_INPUT", "--password", "<hidden>")
                .doesNotContain("hunter2-canary");
    }
}
