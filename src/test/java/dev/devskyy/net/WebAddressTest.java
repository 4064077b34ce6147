package dev.devskyy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebAddressTest {
    @Test
    void anHttpsUrlHasItsSchemesPortAndATargetOfPathAndQuery() {
        WebAddress a = WebAddress.parse("HTTPS://Shop.Example.COM/cart?id=7#top");
        assertThat(a).isEqualTo(new WebAddress("https", "shop.example.com", 443, "/cart?id=7"));
        assertThat(a.authority()).isEqualTo("shop.example.com");
        assertThat(a.toString()).isEqualTo("https://shop.example.com/cart?id=7");
    }

    @Test
    void anEmptyPathIsTheRootAndAnUnusualPortIsKeptInTheAuthority() {
        WebAddress a = WebAddress.parse("http://127.0.0.1:8080");
        assertThat(a.target()).isEqualTo("/");
        assertThat(a.authority()).isEqualTo("127.0.0.1:8080");
        assertThat(a.isSecure()).isFalse();
    }

    @Test
    void anIpv6LiteralIsKeptWithoutBracketsAndBracketedInTheHostHeader() {
        WebAddress a = WebAddress.parse("https://[::1]:8443/x");
        assertThat(a.host()).isEqualTo("::1");
        assertThat(a.authority()).isEqualTo("[::1]:8443");
    }

    @Test
    void nonAsciiInAPathOrQueryIsSentPercentEncodedAsUtf8() {
        assertThat(WebAddress.parse("https://example.com/café?q=é").target()).isEqualTo("/caf%C3%A9?q=%C3%A9");
    }

    @Test
    void aLongSchemeIsNotQuotedBack() {
        assertThatThrownBy(() -> WebAddress.parse("x".repeat(300) + "://example.com/"))
                .hasMessage("only http and https URLs are fetched");
    }

    @Test
    void theRootLabelsDotNamesTheSameHost() {
        assertThat(WebAddress.parse("https://example.com./").host()).isEqualTo("example.com");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://user:s3cr3tpw@example.com/|credentials",
                "https://t0k3nvalue@example.com/|credentials",
                "ftp://example.com/|only http and https",
                "file:///etc/passwd|only http and https",
                "javascript:alert(1)|absolute",
                "/relative/path|absolute",
                "https:///nohost|no host",
                "https://exa mple.com/|not a valid URL",
                "https://bücher.example/|xn--",
                "https://example.com:99999/|out of range",
                "https://under_score.example.com/|no host"
            })
    void urlsDevskyyDoesNotFetchAreRefusedWithoutQuotingThem(String url, String reason) {
        assertThatThrownBy(() -> WebAddress.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason)
                .hasMessageNotContaining("s3cr3tpw")
                .hasMessageNotContaining("t0k3nvalue");
    }

    @Test
    void aUrlLongerThanTheBoundIsRefusedBeforeItIsParsed() {
        String url = "https://example.com/" + "a".repeat(WebAddress.MAX_CHARS);
        assertThatThrownBy(() -> WebAddress.parse(url)).hasMessageContaining("longer than");
    }

    @ParameterizedTest
    @CsvSource({
        "/login, https://shop.example.com/login",
        "next?x=1, https://shop.example.com/a/next?x=1",
        "//cdn.example.net/app.js, https://cdn.example.net/app.js",
        "http://shop.example.com/, http://shop.example.com/",
        "https://www.example.com, https://www.example.com/"
    })
    void aRedirectsLocationIsReadRelativeToThePage(String location, String expected) {
        WebAddress page = WebAddress.parse("https://shop.example.com/a/b");
        assertThat(page.resolve(location).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gopher://127.0.0.1:6379/_FLUSHALL", "file:///etc/shadow", "https://u:p@evil.example/"})
    void aRedirectToASchemeOrCredentialsDevskyyRefusesIsRefused(String location) {
        WebAddress page = WebAddress.parse("https://shop.example.com/");
        assertThatThrownBy(() -> page.resolve(location)).isInstanceOf(IllegalArgumentException.class);
    }
}
