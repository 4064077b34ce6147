package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.McpSchema;
import dev.devskyy.testing.OwnThreads;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10 000 seeded mutations of valid messages fed to the real server process: it never dies, every
 * stdout line is a valid JSON-RPC message, and every request with an id gets exactly one answer.
 */
class ServeFuzzIT {
    static final long SEED = 20261125L;
    static final int MUTATIONS = 10_000;

    @TempDir
    Path home;

    static final String[] BASES = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":\"abc\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"file_hash\","
                + "\"arguments\":{\"path\":\"/etc/hostname\",\"algorithm\":\"sha256\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\",\"arguments\":{}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"info\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"f\",\"version\":\"1\"}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"review_csp\","
                + "\"arguments\":{\"policy\":\"script-src *\",\"profile\":\"default\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":\"devskyy://grants\","
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}",
    };

    @Test
    void survivesTenThousandMutations() throws Exception {
        Random random = new Random(SEED);
        List<byte[]> lines = new ArrayList<>();
        lines.add(BASES[6].getBytes(StandardCharsets.UTF_8));
        lines.add(BASES[7].getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < MUTATIONS; i++) {
            lines.add(mutate(random, i));
        }
        Map<JsonNode, Integer> expectedAnswers = new HashMap<>();
        for (byte[] line : lines) {
            JsonNode id = answerableId(line);
            if (id != null) {
                expectedAnswers.merge(id, 1, Integer::sum);
            }
        }

        Launcher.Pending server = Launcher.start(home, Launcher.PROJECT, Map.of(), Launcher.SCRIPT, "serve");
        Process process = server.process();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(
                () -> {
                    try (OutputStream in = process.getOutputStream()) {
                        for (byte[] line : lines) {
                            in.write(line);
                            in.write('\n');
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                OwnThreads.EXECUTOR);
        writer.get(120, TimeUnit.SECONDS);
        Launcher.Run run = server.finish();
        assertThat(run.code()).as(run.err()).isZero();

        Map<JsonNode, Integer> answers = new HashMap<>();
        int lineCount = 0;
        for (String out : run.out().split("\n")) {
            lineCount++;
            JsonNode message = Json.parse(out);
            assertThat(message.path("jsonrpc").asText()).isEqualTo("2.0");
            McpSchema.assertValid("JSONRPCMessage", message);
            if (message.has("id")) {
                answers.merge(message.get("id"), 1, Integer::sum);
            } else if (message.has("error")) {
                assertThat(message.has("id")).isFalse();
            }
        }
        assertThat(lineCount).isGreaterThan(MUTATIONS / 2);
        assertThat(answers).isEqualTo(expectedAnswers);
    }

    /** The id the server must answer exactly once, or null when the line deserves no answer with an id. */
    static JsonNode answerableId(byte[] line) {
        JsonNode node;
        try {
            node = Json.parse(line);
        } catch (Exception e) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode id = node.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return null;
        }
        boolean isResponse = !node.has("method") && (node.has("result") || node.has("error"));
        return isResponse ? null : id;
    }

    static byte[] mutate(Random random, int n) throws Exception {
        ObjectNode message = (ObjectNode) Json.parse(BASES[random.nextInt(BASES.length)]);
        if (message.has("id")) {
            // Mostly fresh ids, some duplicated on purpose.
            message.put("id", random.nextInt(10) == 0 ? random.nextInt(20) : 1000 + n);
        }
        int operations = 1 + random.nextInt(3);
        String text = Json.compact(message);
        for (int i = 0; i < operations; i++) {
            text = switch (random.nextInt(10)) {
                case 0 -> text.substring(0, random.nextInt(text.length() + 1));
                case 1 -> replaceMember(text, "id", randomValue(random));
                case 2 -> replaceMember(text, "method", randomValue(random));
                case 3 -> replaceMember(text, "params", randomValue(random));
                case 4 -> replaceMember(text, "id", random.nextBoolean() ? "1e400" : "123456789012345678901234567890");
                case 5 -> replaceMember(text, "params", "[".repeat(5000) + "]".repeat(5000));
                case 6 -> text.replace("\"ping\"", "\"notifications/ping\"");
                case 7 -> text.replace("\"method\"", "\"method\":\"x\",\"method\"");
                case 8 -> text.replace("\"jsonrpc\":\"2.0\",", random.nextBoolean() ? "" : "\"jsonrpc\":2,");
                default -> text;
            };
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(8) == 0 && bytes.length > 0) {
            // invalid UTF-8 or a flipped byte, never a line break
            bytes = insertBytes(
                    bytes,
                    random.nextInt(bytes.length),
                    random.nextBoolean()
                            ? new byte[] {(byte) 0xC3, (byte) 0x28}
                            : new byte[] {(byte) (random.nextInt(200) + 32)});
        }
        return bytes;
    }

    static String replaceMember(String json, String member, String value) {
        String key = "\"" + member + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            return json;
        }
        int start = at + key.length();
        int end = endOfValue(json, start);
        return json.substring(0, start) + value + json.substring(end);
    }

    /** The end of the JSON value starting at {@code start} (strings and brackets balanced). */
    static int endOfValue(String json, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return json.length();
    }

    static String randomValue(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> String.valueOf(random.nextInt());
            case 3 -> "1.5";
            case 4 -> "\"" + "s".repeat(random.nextInt(5)) + "\"";
            case 5 -> "[]";
            case 6 -> "{}";
            default -> "{\"nested\":{\"a\":[1,2,{\"b\":null}]}}";
        };
    }

    static byte[] insertBytes(byte[] bytes, int at, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(insert);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }
}
