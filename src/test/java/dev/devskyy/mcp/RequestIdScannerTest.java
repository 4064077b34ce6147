package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The id of a line too long to keep, read as it streams past in chunks of any size. */
@Tag("security")
class RequestIdScannerTest {
    static JsonNode scan(String line, int chunk) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        RequestIdScanner scanner = new RequestIdScanner();
        for (int from = 0; from < bytes.length; from += chunk) {
            scanner.feed(bytes, from, Math.min(bytes.length, from + chunk));
        }
        return scanner.id();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"id\":8}} | 7",
                "{\"params\":{\"id\":8,\"a\":[{\"id\":9}]},\"id\" : \"late, \\\"quoted\\\" }\" } | "
                        + "\"late, \\\"quoted\\\" }\"",
                "{\"params\":{\"s\":\"\\\\\",\"id\":1},\"id\":-3} | -3",
                "{\"x\":\"\\\"id\\\":5\",\"id\":\"a\"} | \"a\"",
            })
    void findsTheTopLevelIdWhereverItIs(String line, String expected) throws Exception {
        for (int chunk : new int[] {1, 2, 3, 7, 1 << 16}) {
            assertThat(scan(line, chunk)).as("chunk %d", chunk).isEqualTo(Json.parse(expected));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"method\":\"x\",\"params\":{\"id\":1}}", // only a nested id
                "{\"id\":1.5}", // not an integer
                "{\"id\":null}",
                "{\"id\":{\"a\":1}}",
                "{\"id\":1,\"id\":2}", // ambiguous
                "{\"idx\":1}",
                "[{\"id\":1}]", // a batch, not a request
                "{\"id\":\"truncated",
            })
    void findsNoIdWhenThereIsNoSingleValidOne(String line) {
        assertThat(scan(line, 5)).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void anIdTooLongIsNotKept_andRandomBytesNeverBreakTheScanner(long seed) {
        assertThat(scan("{\"id\":\"" + "x".repeat(300) + "\"}", 64)).isNull();
        Random random = new Random(seed);
        byte[] noise = new byte[1 << 16];
        random.nextBytes(noise);
        RequestIdScanner scanner = new RequestIdScanner();
        scanner.feed(noise, 0, noise.length);
        JsonNode id = scanner.id();
        assertThat(id == null || JsonRpc.isValidId(id)).isTrue();
    }
}
