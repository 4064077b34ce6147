package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks a candidate secret must pass besides its regex: fake runs and words. */
class SecretGatesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "1234567890abcdef1234",
                "abcdefghijklmnop",
                "abcdabcdabcdabcd",
                "abc123abc123abc123",
                "a1b2c3d4e5f6g7h8",
                "aaaaBBBBccccDDDD",
                "1111222233334444",
                "qwertyuiopasdfgh",
                "sk_live_zyxwvuabcdefgh"
            })
    void obviouslyFakeRunsAreNotSecrets(String value) {
        assertThat(SecretChecks.looksFake(value)).as(value).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Zq8vR2nT5wXk9LmB3cYh",
                "9f86d081884c7d659a2feaa0c55ad015",
                "AIzaSyCqT7n2Lr8WvK4mZ9pX3bQ6yD1hF5sJ0aE",
                "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",
                "Connection6159%FH"
            })
    void randomKeysAreNotFake(String value) {
        assertThat(SecretChecks.looksFake(value)).as(value).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "userServiceTimeout",
                "user_service_timeout_2",
                "SCAN-REPORT-WRITER",
                "config/secrets/prod.yaml",
                "~/rules/scan.json",
                "Authorization"
            })
    void identifiersPathsAndWordsReadAsWords(String value) {
        assertThat(Wordiness.readsAsWords(value)).as(value).isTrue();
        assertThat(SecretChecks.passes(Rule.Validator.LOOKS_RANDOM, value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zq8vR2nT5wXk9LmB3cYh", "Connection6159%FH", "q8Xr2Lm7Tz4Wb9Kc", "dGVzdDp0ZXN0MTIz"})
    void keysAndPasswordsLookRandom(String value) {
        assertThat(SecretChecks.passes(Rule.Validator.LOOKS_RANDOM, value))
                .as(value)
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"VGhpcyBpcyBhIHNlbnRlbmNl", "dXNlciBzZXJ2aWNlIHRpbWVvdXQ="})
    void base64OfASentenceIsText(String value) {
        assertThat(Wordiness.isBase64OfText(value)).as(value).isTrue();
    }
}
