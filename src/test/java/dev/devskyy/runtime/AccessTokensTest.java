package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which URLs may name a trusted authorization server, and which this server's public URL. */
class AccessTokensTest {
    /** Neither an issuer nor a public URL: each hides a user, a query or a fragment, or is no web URL with a host. */
    static final List<String> NOT_PLAIN_WEB_URLS = List.of(
            "https://user:hunter2@auth.example.com",
            "https://auth.example.com/?client_secret=hunter2",
            "https://auth.example.com/#x",
            "ftp://auth.example.com",
            "auth.example.com",
            "https:///no-host",
            "https://auth example.com");

    @Test
    void anIssuerIsHttps_orPlainHttpToAnAddressItNames_forOnlyThoseAreFetchedFrom() {
        assertThat(AccessTokens.isIssuerUrl("https://auth.example.com")).isTrue();
        assertThat(AccessTokens.isIssuerUrl("https://auth.example.com/realms/shop"))
                .isTrue();
        assertThat(AccessTokens.isIssuerUrl("http://127.0.0.1:9000/realm")).isTrue();
        assertThat(AccessTokens.isIssuerUrl("http://[::1]:9000")).isTrue();
        // the guarded client would refuse plain http to a name at every token: refused at the start
        assertThat(AccessTokens.isIssuerUrl("http://auth.example.com")).isFalse();
        assertThat(AccessTokens.isIssuerUrl("http://localhost:9000")).isFalse();
    }

    @Test
    void thePublicUrlMayBePlainHttpToAName_behindATlsTerminatingBalancer() {
        assertThat(AccessTokens.isPlainWebUrl("http://mcp.internal:8080/mcp")).isTrue();
        assertThat(AccessTokens.isPlainWebUrl("https://mcp.example.com/mcp")).isTrue();
    }

    @Test
    void neitherHidesAUserAQueryOrAFragment_norIsAnythingButAWebUrlWithAHost() {
        for (String bad : NOT_PLAIN_WEB_URLS) {
            assertThat(AccessTokens.isIssuerUrl(bad)).as(bad).isFalse();
            assertThat(AccessTokens.isPlainWebUrl(bad)).as(bad).isFalse();
        }
    }
}
