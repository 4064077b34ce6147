package dev.devskyy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.testing.Mutations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keyrings, encrypted-file headers and envelopes under mutation: a CryptoException, nothing else. */
@Tag("security")
class CryptoParserFuzzAttackTest {
    static final Duration LIMIT = Duration.ofSeconds(5);
    static final String V1 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String V2 = Base64.getEncoder().encodeToString(FileCipherTest.OTHER_KEY);
    static final String KEYRING = "{\"current\":\"v2\",\"keys\":{\"v1\":\"" + V1 + "\",\"v2\":\"" + V2 + "\"}}";

    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    @TempDir
    Path dir;

    static IntStream seeds() {
        return Mutations.seeds(60);
    }

    @Test
    void aKeyringNamingAVersionTwiceIsRefused() throws Exception {
        Path ring = Files.writeString(
                dir.resolve("ring.json"),
                "{\"current\":\"v1\",\"keys\":{\"v1\":\"" + V1 + "\",\"v1\":\"" + V2 + "\"}}");
        assertThatThrownBy(() -> MasterKeys.fromKeyring(ring))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("twice")
                .hasMessageNotContaining(V1)
                .hasMessageNotContaining(V2);
    }

    @Test
    void theSampleKeyringLoads() throws Exception {
        Path ring = Files.writeString(dir.resolve("ring.json"), KEYRING);
        assertThat(MasterKeys.fromKeyring(ring).currentVersion()).isEqualTo("v2");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedKeyringsAreRefusedCleanly_withoutTheirKeys(int seed) throws Exception {
        Path ring =
                Files.write(dir.resolve("ring.json"), Mutations.mutate(KEYRING.getBytes(StandardCharsets.UTF_8), seed));
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> {
                    try {
                        MasterKeys.fromKeyring(ring);
                        // The oracle: what loaded names no member twice (else one key silently replaced another).
                        STRICT.readTree(Files.readAllBytes(ring));
                    } catch (CryptoException e) {
                        assertThat(e.getMessage()).doesNotContain(V1).doesNotContain(V2);
                        throw e;
                    }
                },
                CryptoException.class,
                ToolError.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedHeadersAndSegmentsFailAsCryptoErrors(int seed) throws Exception {
        byte[] file = FileCipherTest.encrypt(FileCipherTest.random(1000));
        int header = FileCipherTest.headerLength(file);
        // Mutations aimed at the header most of the time, where the parsing is.
        byte[] mutated = seed % 4 == 0
                ? Mutations.mutate(file, seed)
                : concat(
                        Mutations.mutate(Arrays.copyOf(file, header), seed),
                        Arrays.copyOfRange(file, header, file.length));
        Mutations.onlyDocumentedErrors(
                seed, LIMIT, () -> FileCipherTest.decrypt(mutated, FileCipherTest.KEY), CryptoException.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedEnvelopesFailAsCryptoErrors(int seed) throws Exception {
        MasterKeys keys = MasterKeys.single(new byte[32]);
        String envelope = PlatformEnvelope.seal(keys, "hello".getBytes(StandardCharsets.UTF_8), null);
        String mutated = Mutations.mutate(envelope, seed);
        Mutations.onlyDocumentedErrors(
                seed, LIMIT, () -> PlatformEnvelope.open(keys, mutated, null), CryptoException.class);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
