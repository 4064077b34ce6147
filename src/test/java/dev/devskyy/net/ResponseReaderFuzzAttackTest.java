package dev.devskyy.net;

import dev.devskyy.testing.Mutations;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A server's answer is hostile input: mutated, it is read within bounds or refused as a protocol failure. */
@Tag("security")
class ResponseReaderFuzzAttackTest {
    static final Duration LIMIT = Duration.ofSeconds(5);

    static final String[] SAMPLES = {
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 12\r\nSet-Cookie: s=1; Secure\r\n\r\n<html></html",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n3;x=y\r\nefg\r\n0\r\nT: 1\r\n\r\n",
        "HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.0 301 Moved\r\nLocation: https://a.example/\r\n\r\n"
    };

    static IntStream seeds() {
        return Mutations.seeds(300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aMutatedAnswerIsReadOrRefused(int seed) {
        String sample = SAMPLES[Math.floorMod(seed, SAMPLES.length)];
        byte[] mutated = Mutations.mutate(sample.getBytes(StandardCharsets.ISO_8859_1), seed);
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> new ResponseReader(new ByteArrayInputStream(mutated), 1 << 20)
                        .read(ResponseReaderTest.ADDRESS, "GET"),
                HttpFailure.class);
    }
}
