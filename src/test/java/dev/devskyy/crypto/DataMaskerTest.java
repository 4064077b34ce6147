package dev.devskyy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.devskyy.runtime.Json;
import dev.devskyy.scan.SecretShapes;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What data_mask must never leave in clear: the platform's sensitive fields and the scanner's secret shapes. */
@Tag("security")
class DataMaskerTest {
    /** As the tool catalogue builds it, with the scanner's secret shapes. */
    static final DataMasker MASKER = new DataMasker(SecretShapes::find);

    @ParameterizedTest
    @ValueSource(strings = {"password", "cvv", "token", "dob", "secret", "api_key", "ssn", "date_of_birth", "Password"})
    void everySensitiveFieldIsMaskedWhatever_itsValue(String field) throws Exception {
        String value = "hunter2-x";
        String masked = Json.compact(MASKER.mask(Json.parse("{\"" + field + "\":\"" + value + "\",\"n\":\"keep\"}")));
        assertThat(masked).doesNotContain("hunter").contains("[MASKED]").contains("keep");
    }

    @Test
    void everyFieldOfThePlatformListIsMasked() throws Exception {
        for (String field : FieldCipher.SENSITIVE) {
            String masked = Json.compact(MASKER.mask(Json.parse("{\"" + field + "\":\"plain value 42\"}")));
            assertThat(masked).as(field).doesNotContain("plain value");
        }
    }

    @Test
    void anEmailFieldStillKeepsItsDomain_asThePlatformDoes() throws Exception {
        assertThat(Json.compact(MASKER.mask(Json.parse("{\"email\":\"ada@example.com\"}"))))
                .isEqualTo("{\"email\":\"******@example.com\"}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AKIAIOSFODNN7EXAMPLF", // an AWS access key id (20 characters: too short for the API-key shape)
                "s3cr3tPa55", // a database URL password
                "opaqueTok3n", // a bearer token
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg", // a JWT
                "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", // a GitHub token
                "Zq8!vR2#pL5@tY" // a quoted password assignment
            })
    void theScannersSecretShapesAreMaskedInText(String secret) {
        String text = "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLF\n"
                + "url postgres://app:s3cr3tPa55@db.internal:5432/shop\n"
                + "Authorization: Bearer opaqueTok3n\n"
                + "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg\n"
                + "gh ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n"
                + "config password = \"Zq8!vR2#pL5@tY\"\n";
        String masked = MASKER.mask(text);
        assertThat(masked).doesNotContain(secret).contains("postgres://app:").contains("Authorization: Bearer ");
    }

    @Test
    void theSameShapesAreMaskedInsideDocuments() throws Exception {
        String masked = Json.compact(MASKER.mask(Json.parse("{\"note\":\"key AKIAIOSFODNN7EXAMPLF\"}")));
        assertThat(masked).doesNotContain("AKIAIOSFODNN7EXAMPLF");
    }

    /** A rule for files of given names (a .pgpass line) knows its shape only there: elsewhere it masks nothing. */
    @Test
    void aShapeOfOneKindOfFileIsNoSecretElsewhere() {
        assertThat(dev.devskyy.scan.SecretShapes.find("root:*:19000:0:99999:7:::")
                        .cardinality())
                .isZero();
    }

    @Test
    void longRunsOfSeparatorsTakeLinearTime() {
        String dots = "a.".repeat(100_000);
        String dashes = "a-".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            MASKER.mask(dots);
            MASKER.mask(dashes);
        });
    }
}
