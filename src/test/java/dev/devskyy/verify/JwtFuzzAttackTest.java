package dev.devskyy.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.ToolError;
import dev.devskyy.testing.Mutations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Mutated JWS/JWT tokens and JWK/JWKS/PEM key files: a verdict or a JwtException, nothing else. */
@Tag("security")
class JwtFuzzAttackTest {
    static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    static IntStream seeds() {
        return Mutations.seeds(100);
    }

    static String jwks() {
        byte[] modulus = new byte[256];
        new Random(1).nextBytes(modulus);
        modulus[0] |= (byte) 0x80;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return """
                {"keys":[{"kty":"oct","kid":"a","alg":"HS256","k":"%s"},
                 {"kty":"RSA","kid":"b","alg":"RS256","use":"sig","n":"%s","e":"AQAB"}]}
                """.formatted(b64.encodeToString(new byte[32]), b64.encodeToString(modulus));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedTokensGiveAVerdict(int seed) {
        String sample = JwtVerifierTest.token(
                List.of("access", "rs256", "es256", "api_key").get(seed % 4));
        String token = Mutations.mutate(sample, seed);
        List<VerificationKey> keys = List.of(JwtKeys.secret(JwtVerifierTest.platformSecret()));
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> {
                    JwtVerifier.Result result = JwtVerifier.verify(token, keys, JwtVerifierTest.platform(null));
                    assertThat(result.valid()).isEqualTo(token.strip().equals(sample));
                    JwtVerifier.decodeUnverified(token);
                },
                JwtException.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedKeyFilesAreRefusedCleanly(int seed) throws Exception {
        String sample = seed % 3 == 0 ? JwtVerifierTest.token("rsa_public") : jwks();
        Path file = Files.writeString(dir.resolve("key"), Mutations.mutate(sample, seed));
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> JwtKeys.load(new JwtKeys.Settings(null, null, file.toString()), Map.of()),
                JwtException.class,
                ToolError.class);
    }
}
