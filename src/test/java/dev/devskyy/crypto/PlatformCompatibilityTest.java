package dev.devskyy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixtures made by the platform's own library (python3-cryptography's AESGCM, with
 * src/test/resources/platform/platform_fixtures.py) open here, and what devskyy makes opens there.
 */
class PlatformCompatibilityTest {
    static final Path DIR = Path.of("src/test/resources/platform");

    @TempDir
    Path tmp;

    static JsonNode fixtures() throws Exception {
        return Json.parse(Files.readAllBytes(DIR.resolve("fixtures.json")));
    }

    static MasterKeys keyring(JsonNode fixtures, String current, Path dir) throws Exception {
        ObjectNode ring = Json.object();
        ring.put("current", current);
        ring.set("keys", fixtures.get("keys"));
        Path file = Files.writeString(dir.resolve("keyring-" + current + ".json"), Json.compact(ring));
        return MasterKeys.fromKeyring(file);
    }

    @Test
    void platformEnvelopesOpen_withTheRightKeyVersionAndAad() throws Exception {
        JsonNode fixtures = fixtures();
        MasterKeys keys = keyring(fixtures, "v1", tmp);
        for (JsonNode c : fixtures.get("envelopes")) {
            byte[] aad = c.get("aad").asText().getBytes(StandardCharsets.UTF_8);
            byte[] plain = PlatformEnvelope.open(keys, c.get("envelope").asText(), aad);
            assertThat(new String(plain, StandardCharsets.UTF_8))
                    .isEqualTo(c.get("plaintext").asText());
        }
    }

    @Test
    void dictPlaintextsAreSerializedAsPythonsJsonDumps() throws Exception {
        for (JsonNode c : fixtures().get("envelopes")) {
            if (c.has("json")) {
                assertThat(PythonJson.dumps(c.get("json")))
                        .isEqualTo(c.get("plaintext").asText());
            }
        }
    }

    @Test
    void platformFieldDocumentsDecrypt_andAWrongContextFailsLoudly() throws Exception {
        JsonNode fixtures = fixtures();
        MasterKeys keys = keyring(fixtures, "v1", tmp);
        for (JsonNode c : fixtures.get("fields")) {
            String context = c.get("context").isNull() ? null : c.get("context").asText();
            FieldCipher.Result result =
                    FieldCipher.decrypt((ObjectNode) c.get("encrypted"), keys, FieldCipher.SENSITIVE, context, false);
            assertThat(result.document()).isEqualTo(c.get("plain"));
            assertThat(result.changed()).isEqualTo(3);
            assertThatThrownBy(() -> FieldCipher.decrypt(
                            (ObjectNode) c.get("encrypted"), keys, FieldCipher.SENSITIVE, "other", false))
                    .hasMessageContaining("field '");
        }
    }

    @Test
    void whatDevskyyMakesOpensWithThePlatformsLibrary() throws Exception {
        JsonNode fixtures = fixtures();
        MasterKeys v2 = keyring(fixtures, "v2", tmp);
        ObjectNode cases = Json.object();
        ArrayNode envelopes = cases.putArray("envelopes");
        for (String text : new String[] {"", "hello", "héllo wörld ✓ 🔐", "x".repeat(70_000)}) {
            for (String aad : new String[] {"", "order:9"}) {
                envelopes
                        .addObject()
                        .put("aad", aad)
                        .put("plaintext", text)
                        .put(
                                "envelope",
                                PlatformEnvelope.seal(
                                        v2,
                                        text.getBytes(StandardCharsets.UTF_8),
                                        aad.getBytes(StandardCharsets.UTF_8)));
            }
        }
        ArrayNode fields = cases.putArray("fields");
        ObjectNode document = (ObjectNode) fixtures.get("fields").get(0).get("plain");
        FieldCipher.Result encrypted = FieldCipher.encrypt(document, v2, FieldCipher.SENSITIVE, "user:7");
        ObjectNode fieldCase = fields.addObject();
        fieldCase.put("context", "user:7");
        fieldCase.set("plain", document);
        fieldCase.set("encrypted", encrypted.document());
        fieldCase.set("names", Json.tree(Set.of("email", "SSN")));
        Path file = Files.writeString(tmp.resolve("cases.json"), Json.compact(cases));
        Process python = new ProcessBuilder(
                        "/usr/bin/python3", DIR.resolve("platform_fixtures.py").toString(), "verify", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor())
                .as(output + "\n(needs Debian's python3-cryptography)")
                .isZero();
        assertThat(output).contains("9 cases, 0 failed");
    }

    @Test
    void aKeyThatIsNot32BytesIsRefused_whateverItIs() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKeys.fromBase64(sixteen, "ENCRYPTION_MASTER_KEY"))
                .hasMessage("ENCRYPTION_MASTER_KEY must decode to exactly 32 bytes, not 16");
        assertThatThrownBy(() -> MasterKeys.fromBase64("not base64!", "ENCRYPTION_MASTER_KEY"))
                .hasMessage("ENCRYPTION_MASTER_KEY is not base64");
    }
}
