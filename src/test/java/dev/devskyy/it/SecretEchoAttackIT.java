package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server, its keys pasted inline into the variables that should name key files: the
 * model reading the tool results, and stderr at trace level, see the variables' names, never the keys.
 */
@Tag("security")
class SecretEchoAttackIT {
    @TempDir
    Path home;

    @Test
    void inlineKeysInTheServersEnvironmentAreNeverEchoed() throws Exception {
        Random random = new Random(5);
        byte[] raw = new byte[96];
        random.nextBytes(raw);
        String base64 = Base64.getEncoder().encodeToString(raw);
        String keyring = "{\"current\":\"v1\",\"keys\":{\"v1\":\"" + base64.substring(0, 43) + "=\"}}";
        String pem = "-----BEGIN PRIVATE KEY-----\n" + base64.substring(0, 64) + "\n" + base64.substring(64)
                + "\n-----END PRIVATE KEY-----\n";
        String jwk = "{\"kty\":\"oct\",\"k\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\"}";
        Map<String, String> env = Map.of(
                "DEVSKYY_KEYRING", keyring,
                "DEVSKYY_JWT_KEY", pem,
                "DEVSKYY_JWT_SIGNING_KEY", jwk);
        Launcher.Pending server =
                Launcher.start(home, Launcher.PROJECT, env, Launcher.SCRIPT, "-vvv", "serve", "--allow", "keys:use");
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        try (OutputStream in = server.process().getOutputStream()) {
            for (String line : List.of(
                    ServeIT.INITIALIZE,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    call(2, "crypto_encrypt", "{\"text\":\"hello\"}"),
                    call(3, "crypto_decrypt", "{\"envelope\":\"v1:AAAAAAAAAAAAAAAA:BBBBBBBBBBBBBBBBBBBBBBBB\"}"),
                    call(4, "jwt_verify", "{\"token\":\"" + token + "\",\"algorithms\":[\"RS256\"]}"),
                    call(5, "jwt_issue", "{\"algorithm\":\"RS256\"}"))) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Launcher.Run run = server.finish();
        assertThat(run.code()).as(run.err()).isZero();
        Map<Integer, String> texts = new HashMap<>();
        for (String line : run.out().lines().toList()) {
            JsonNode response = Json.parse(line);
            JsonNode result = response.path("result");
            if (result.has("content")) {
                texts.put(
                        response.get("id").asInt(),
                        result.get("content").get(0).get("text").asText());
            }
        }
        assertThat(texts).containsKeys(2, 3, 4, 5);
        assertThat(texts.get(2)).contains("DEVSKYY_KEYRING");
        assertThat(texts.get(3)).contains("DEVSKYY_KEYRING");
        assertThat(texts.get(4)).contains("DEVSKYY_JWT_KEY");
        assertThat(texts.get(5)).contains("DEVSKYY_JWT_SIGNING_KEY");
        String everything = run.out() + run.err();
        for (String secret : List.of(keyring, pem.strip(), jwk, base64.substring(0, 43), base64.substring(0, 64))) {
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(everything).doesNotContain(base64.substring(64, 96));
    }

    private static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }
}
