package dev.devskyy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.scan.SecretShapes;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformFormatsTest {
    static final DataMasker MASKER = new DataMasker(SecretShapes::find);

    static final MasterKeys KEYS = MasterKeys.single(new byte[32]);

    static ObjectNode doc(String json) throws Exception {
        return (ObjectNode) Json.parse(json);
    }

    @Test
    void envelopesHaveThePlatformShape_andAnEmptyAadMeansTheDefault() {
        byte[] plain = "secret".getBytes(StandardCharsets.UTF_8);
        String envelope = PlatformEnvelope.seal(KEYS, plain, new byte[0]);
        assertThat(envelope).matches("v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]+=*");
        assertThat(PlatformEnvelope.open(KEYS, envelope, PlatformEnvelope.DEFAULT_AAD))
                .isEqualTo(plain);
        assertThatThrownBy(() -> PlatformEnvelope.open(KEYS, envelope, "other".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        CryptoException.class,
                        e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.AUTHENTICATION));
    }

    @Test
    void malformedEnvelopesAreClearErrors() {
        assertThatThrownBy(() -> PlatformEnvelope.open(KEYS, "hello", null))
                .hasMessageContaining("not a platform envelope");
        assertThatThrownBy(() -> PlatformEnvelope.open(KEYS, "v1:AAAA:AAAA", null))
                .hasMessage("envelope IV is 3 bytes, not 12");
        assertThatThrownBy(() -> PlatformEnvelope.open(KEYS, "v9:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==", null))
                .hasMessage("no key for version v9");
        assertThatThrownBy(() -> PlatformEnvelope.open(KEYS, "v1:AAAAAAAAAAAAAAAA:AAAA", null))
                .hasMessage("ciphertext is shorter than its tag");
    }

    @Test
    void fieldEncryptionTouchesOnlyNonEmptySensitiveStrings_inNestedObjects() throws Exception {
        ObjectNode document = doc("{\"Email\":\"a@b.co\",\"name\":\"Ada\",\"password\":\"\",\"card_number\":4111,"
                + "\"profile\":{\"phone\":\"555\"},\"list\":[{\"ssn\":\"1\"}]}");
        FieldCipher.Result encrypted = FieldCipher.encrypt(document, KEYS, FieldCipher.SENSITIVE, null);
        assertThat(encrypted.changed()).isEqualTo(2);
        assertThat(encrypted.document().get("Email").asText()).startsWith("v1:");
        assertThat(encrypted.document().at("/profile/phone").asText()).startsWith("v1:");
        assertThat(encrypted.document().get("name").asText()).isEqualTo("Ada");
        assertThat(encrypted.document().get("password").asText()).isEmpty();
        assertThat(encrypted.document().get("card_number").asInt()).isEqualTo(4111);
        assertThat(encrypted.document().at("/list/0/ssn").asText()).isEqualTo("1");
        FieldCipher.Result decrypted =
                FieldCipher.decrypt(encrypted.document(), KEYS, FieldCipher.SENSITIVE, null, false);
        assertThat(decrypted.document()).isEqualTo(document);
        assertThat(decrypted.changed()).isEqualTo(2);
    }

    @Test
    void theFieldNameBindsTheValue_soAMovedValueDoesNotDecrypt() throws Exception {
        FieldCipher.Result encrypted =
                FieldCipher.encrypt(doc("{\"email\":\"a@b.co\"}"), KEYS, FieldCipher.SENSITIVE, "u1");
        ObjectNode moved = Json.object();
        moved.set("phone", encrypted.document().get("email"));
        assertThatThrownBy(() -> FieldCipher.decrypt(moved, KEYS, FieldCipher.SENSITIVE, "u1", false))
                .hasMessageStartingWith("field 'phone': authentication failed");
        assertThat(FieldCipher.decrypt(moved, KEYS, FieldCipher.SENSITIVE, "u1", true)
                        .changed())
                .isZero();
    }

    @Test
    void givenFieldNamesReplaceTheDefaults_caseInsensitively() throws Exception {
        Set<String> fields = FieldCipher.fields(Set.of("Nickname"));
        FieldCipher.Result encrypted =
                FieldCipher.encrypt(doc("{\"nickname\":\"ada\",\"email\":\"x@y.z\"}"), KEYS, fields, null);
        assertThat(encrypted.changed()).isEqualTo(1);
        assertThat(encrypted.document().get("email").asText()).isEqualTo("x@y.z");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "card 4111 1111 1111 1234 paid | card ************1234 paid",
                "mail ada.l@example.com now | mail ******@example.com now",
                "call +1 555-010-9999 today | call *******9999 today",
                "ssn 123-45-6789 | ssn 1*********9",
                "key sk_live_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345 | key ****************************************",
                "key zz_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345abc | key z************************************c",
                "nothing here | nothing here"
            })
    void maskingKeepsWhatThePlatformKeeps(String text, String masked) {
        assertThat(MASKER.mask(text)).isEqualTo(masked);
    }

    @Test
    void maskingADocumentMasksEveryStringAndHidesNonStringSecrets() throws Exception {
        var masked = MASKER.mask(
                doc("{\"email\":\"ada@example.com\",\"cvv\":123,\"notes\":[\"4111-1111-1111-1234\"],\"n\":5}"));
        assertThat(Json.compact(masked))
                .isEqualTo(
                        "{\"email\":\"******@example.com\",\"cvv\":\"[MASKED]\",\"notes\":[\"************1234\"],\"n\":5}");
    }

    @ParameterizedTest
    @CsvSource({
        "1.5,1.5",
        "1e16,1e+16",
        "1e15,1000000000000000.0",
        "0.0001,0.0001",
        "0.00001,1e-05",
        "-2.5e-7,-2.5e-07",
        "123.456,123.456",
        "1.0,1.0",
        "0.1,0.1"
    })
    void floatsAreWrittenAsPythonsRepr(double value, String repr) {
        assertThat(PythonJson.floatRepr(value)).isEqualTo(repr);
    }
}
