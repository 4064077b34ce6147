package dev.devskyy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.testing.LoopbackHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that keeps every single read alive, one byte inside each read timeout, cannot hold a
 * request past its deadline: not in the TLS handshake, whose record it announces and then drips,
 * nor in a plain answer.
 */
@Tag("security")
class HttpFetchDeadlineAttackTest {
    /** A TLS handshake record header announcing 16 KiB, then zeros at one byte every 200 ms. */
    static final byte[] RECORD_HEADER = {0x16, 0x03, 0x03, 0x40, 0x00};

    @ParameterizedTest
    @ValueSource(strings = {"https", "http"})
    void aDrippingServerIsCutOffAtTheDeadline(String scheme) throws Exception {
        try (LoopbackHttp server = LoopbackHttp.scripted((head, out) -> {
            out.write(scheme.equals("https") ? RECORD_HEADER : "HTTP/1.1 200 OK\r\n".getBytes());
            for (int i = 0; i < 600; i++) {
                out.flush();
                Thread.sleep(200);
                out.write(scheme.equals("https") ? 0 : 'x');
            }
        })) {
            HttpFetch fetch = new HttpFetch(
                    ProxiesTest.allowAll(),
                    Proxies.fromEnvironment(Map.of()),
                    () -> (SSLSocketFactory) SSLSocketFactory.getDefault(),
                    new HttpFetch.Limits(1024, Duration.ofSeconds(10), Duration.ofSeconds(10)),
                    Instant.now().plusSeconds(2),
                    "devskyy-test");
            long start = System.nanoTime();
            assertThatThrownBy(() -> fetch.send(
                            "GET", WebAddress.parse(scheme + "://127.0.0.1:" + server.port() + "/"), List.of()))
                    .isInstanceOfSatisfying(
                            HttpFailure.class, f -> assertThat(f.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }
}
