package dev.devskyy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.testing.LoopbackHttp;
import dev.devskyy.testing.LoopbackProxy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxiesTest {
    static final WebAddress SECURE = WebAddress.parse("https://shop.example.com/");
    static final WebAddress PLAIN = WebAddress.parse("http://shop.example.com/");

    @Test
    void eachSchemeHasItsVariable_andTheUpperCaseHttpProxyIsNeverRead() {
        Proxies proxies = Proxies.fromEnvironment(
                Map.of("HTTPS_PROXY", "http://secure.proxy:3128", "HTTP_PROXY", "http://httpoxy.attacker:80"));
        assertThat(proxies.forAddress(SECURE))
                .hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("secure.proxy:3128"));
        assertThat(proxies.forAddress(PLAIN)).isEmpty();
    }

    @Test
    void allProxyIsTheFallback_andAProxyWithoutAPortListensOn1080() {
        Proxies proxies =
                Proxies.fromEnvironment(Map.of("all_proxy", "proxy.corp", "http_proxy", "http://web.corp:8080"));
        assertThat(proxies.forAddress(SECURE).orElseThrow().toString()).isEqualTo("proxy.corp:1080");
        assertThat(proxies.forAddress(PLAIN).orElseThrow().toString()).isEqualTo("web.corp:8080");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "example.com|https://shop.example.com/|true",
                ".example.com|https://example.com/|true",
                "shop.example.com:443|https://shop.example.com/|true",
                "*|https://anything.test/|true",
                "127.0.0.1, [::1]|https://[::1]/|true",
                "example.com|https://badexample.com/|false",
                "intranet|https://shop.example.com/|false"
            })
    void noProxyNamesWhatIsReachedDirectly(String noProxy, String url, boolean direct) {
        Proxies proxies = Proxies.fromEnvironment(Map.of("https_proxy", "http://p:3128", "NO_PROXY", noProxy));
        assertThat(proxies.forAddress(WebAddress.parse(url)).isEmpty()).isEqualTo(direct);
    }

    @Test
    void credentialsBecomeBasicAuthorization_andAreNeverShown() {
        Proxies.Proxy proxy = Proxies.fromEnvironment(Map.of("https_proxy", "http://ci%40corp:p%2Fw0rd@proxy:3128"))
                .forAddress(SECURE)
                .orElseThrow();
        assertThat(proxy.authorization()).isEqualTo("Basic Y2lAY29ycDpwL3cwcmQ="); // ci@corp:p/w0rd
        assertThat(proxy.toString()).doesNotContain("w0rd");
    }

    @Test
    void aProxyDevskyyCannotTunnelThroughIsRefusedWithoutItsCredentials() {
        assertThatThrownBy(() -> Proxies.fromEnvironment(Map.of("https_proxy", "socks5://u:s3cr3t@proxy:1080")))
                .hasMessageContaining("https_proxy must name an http:// proxy")
                .hasMessageNotContaining("s3cr3t");
    }

    /** A gate that allows everything and records what it was shown. */
    static final class Recorder implements HttpFetch.Gate {
        final List<String> seen = new ArrayList<>();

        @Override
        public void checkUrl(WebAddress address) {
            seen.add("url " + address.host());
        }

        @Override
        public void checkResolved(WebAddress address, List<InetAddress> resolved) {
            seen.add("resolved " + resolved.get(0).getHostAddress());
        }
    }

    /** A gate that allows every URL and address. */
    static HttpFetch.Gate allowAll() {
        return new Recorder();
    }

    static HttpFetch fetch(HttpFetch.Gate gate, Proxies proxies) {
        return new HttpFetch(
                gate,
                proxies,
                () -> (SSLSocketFactory) SSLSocketFactory.getDefault(),
                new HttpFetch.Limits(1024, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                Instant.now().plusSeconds(10),
                "devskyy-test");
    }

    @Test
    void theTunnelGoesToTheCheckedAddressNotTheName() throws Exception {
        try (LoopbackHttp site = LoopbackHttp.answering(head -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                LoopbackProxy proxy = new LoopbackProxy(200)) {
            Proxies proxies =
                    Proxies.fromEnvironment(Map.of("http_proxy", "http://ci:s3cr3t@127.0.0.1:" + proxy.port()));
            Recorder gate = new Recorder();
            HttpResponse response = fetch(gate, proxies)
                    .send("GET", WebAddress.parse("http://localhost:" + site.port() + "/p"), List.of());
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
            assertThat(gate.seen).containsExactly("url localhost", "resolved 127.0.0.1");
            assertThat(proxy.requests())
                    .singleElement()
                    .asString()
                    .startsWith("CONNECT 127.0.0.1:" + site.port() + " HTTP/1.1\r\n")
                    .contains("Proxy-Authorization: Basic Y2k6czNjcjN0\r\n");
            assertThat(site.requests().get(0)).contains("Host: localhost:" + site.port());
        }
    }

    @Test
    void aProxyThatRefusesTheTunnelIsAConnectFailureThatShowsNoCredentials() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(407)) {
            Proxies proxies =
                    Proxies.fromEnvironment(Map.of("https_proxy", "http://ci:s3cr3t@127.0.0.1:" + proxy.port()));
            assertThatThrownBy(() -> fetch(new Recorder(), proxies)
                            .send("GET", WebAddress.parse("https://127.0.0.1:1/"), List.of()))
                    .isInstanceOfSatisfying(
                            HttpFailure.class, f -> assertThat(f.kind()).isEqualTo(HttpFailure.Kind.PROXY))
                    .hasMessageContaining("refused the tunnel (407")
                    .hasMessageNotContaining("s3cr3t");
        }
    }

    @Test
    void aNameTheGateRefusesIsNeverLookedUp() {
        HttpFetch.Gate refusing = new HttpFetch.Gate() {
            @Override
            public void checkUrl(WebAddress address) {
                throw new IllegalStateException("refused " + address.host());
            }

            @Override
            public void checkResolved(WebAddress address, List<InetAddress> resolved) {
                throw new AssertionError("resolved a refused name");
            }
        };
        assertThatThrownBy(() -> fetch(refusing, Proxies.NONE)
                        .send("GET", WebAddress.parse("https://no-such-name.invalid/"), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("refused no-such-name.invalid");
    }
}
