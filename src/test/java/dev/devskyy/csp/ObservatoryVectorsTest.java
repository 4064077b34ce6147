package dev.devskyy.csp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.csp.HeaderGrade.HttpProbe;
import dev.devskyy.net.HttpHeaders;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.net.WebAddress;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.ThirdPartyTestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP Observatory's own test cases (third_party/http-observatory): for each, the headers,
 * page and plain-http route its test sets up are graded, and the result must be the one the
 * Observatory's test expects. The few cases where devskyy answers otherwise on purpose are listed
 * in {@link #DIFFERENT}, each with why.
 */
class ObservatoryVectorsTest {
    /** What devskyy answers where it knowingly differs from a vector, and why. */
    record Difference(String result, String why) {}

    /** Where devskyy knowingly differs (the vector's source → devskyy's result). Everything else must agree. */
    static final Map<String, Difference> DIFFERENT = Map.ofEntries(
            Map.entry(
                    "mdn/mdn-http-observatory@2e0fe4f5968a2e87becb3a3c738cd3263a5a646d:test/csp.test.js#no unsafe default src none (header + meta csp2)",
                    new Difference(
                            "csp-implemented-with-unsafe-inline",
                            "devskyy grades the strictest single policy; the Observatory intersects the source lists of all policies (here http: and https: leave none), which can only score higher")),
            Map.entry(
                    "mdn/mdn-http-observatory@fa093059da5f23a6d1f99a829136e75793d4f843:test/strict-transport-security.test.js#invalid cert",
                    new Difference(
                            "hsts-implemented-max-age-at-least-six-months",
                            "devskyy never grades a page whose certificate is not trusted: the request fails with E6001 instead")),
            Map.entry(
                    "mdn/mdn-http-observatory@71238f6db6af0ab8a22bb7722a653b7a7bdd4540:test/subresource-integrity.test.js#checks if not implemented with external scripts and no protocol (intermediate http hop)",
                    new Difference(
                            "sri-not-implemented-but-external-scripts-loaded-securely",
                            "the Observatory's versions disagree on an http hop before https; devskyy follows the newest, which scores it -5")),
            Map.entry(
                    "mozilla/http-observatory@49c14f3a87003504557a64f996342c6fafe4e209:httpobs/tests/unittests/test_headers.py#TestContentSecurityPolicy.test_unsafe_inline (values[6])",
                    new Difference(
                            "csp-implemented-with-no-unsafe-default-src-none",
                            "superseded: the Python Observatory did not read upper-case directive names; the current one does, as browsers do")),
            Map.entry(
                    "mozilla/http-observatory@49c14f3a87003504557a64f996342c6fafe4e209:httpobs/tests/unittests/test_headers.py#TestContentSecurityPolicy.test_unsafe_inline (values[7])",
                    new Difference(
                            "csp-header-invalid",
                            "superseded: the current Observatory refuses a repeated directive as invalid, as devskyy does")),
            Map.entry(
                    "mozilla/http-observatory@49c14f3a87003504557a64f996342c6fafe4e209:httpobs/tests/unittests/test_headers.py#TestContentSecurityPolicy.test_unsafe_inline (values[15])",
                    new Difference(
                            "csp-implemented-with-no-unsafe-default-src-none",
                            "superseded: the current Observatory reads a comma as the start of another policy, as browsers do")),
            Map.entry(
                    "mozilla/http-observatory@49c14f3a87003504557a64f996342c6fafe4e209:httpobs/tests/unittests/test_headers.py#TestReferrerPolicy.test_header_no_referrer_when_downgrade",
                    new Difference(
                            "referrer-policy-unsafe",
                            "superseded: the current Observatory counts no-referrer-when-downgrade as unsafe (-5)")),
            Map.entry(
                    "mozilla/http-observatory@038b8a98e0af04efeaf8e1de9a0aad4e3dd01332:httpobs/tests/unittests/test_content.py#TestSubResourceIntegrity.test_not_html (invalid html)",
                    new Difference(
                            "sri-not-implemented-but-no-scripts-loaded",
                            "devskyy reads any page as browsers do: no HTML is unparseable")),
            Map.entry(
                    "mozilla/http-observatory@038b8a98e0af04efeaf8e1de9a0aad4e3dd01332:httpobs/tests/unittests/test_content.py#TestSubResourceIntegrity.test_same_origin (sameorigin2)",
                    new Difference(
                            "sri-not-implemented-but-external-scripts-loaded-securely",
                            "superseded: the current Observatory's same origin is the same host, not the same registrable domain")),
            Map.entry(
                    "mozilla/http-observatory@038b8a98e0af04efeaf8e1de9a0aad4e3dd01332:httpobs/tests/unittests/test_content.py#TestSubResourceIntegrity.test_same_origin (sameorigin3)",
                    new Difference(
                            "sri-not-implemented-but-external-scripts-loaded-securely",
                            "superseded: the current Observatory counts a protocol-relative script as https when http:// leads to https")),
            Map.entry(
                    "mozilla/http-observatory@038b8a98e0af04efeaf8e1de9a0aad4e3dd01332:httpobs/tests/unittests/test_content.py#TestSubResourceIntegrity.test_implemented_external_scripts_noproto",
                    new Difference(
                            "sri-implemented-and-external-scripts-loaded-securely",
                            "superseded: the current Observatory counts a protocol-relative script as https when http:// leads to https")),
            Map.entry(
                    "mozilla/http-observatory@038b8a98e0af04efeaf8e1de9a0aad4e3dd01332:httpobs/tests/unittests/test_content.py#TestSubResourceIntegrity.test_not_implemented_external_scripts_noproto",
                    new Difference(
                            "sri-not-implemented-but-external-scripts-loaded-securely",
                            "superseded: the current Observatory counts a protocol-relative script as https when http:// leads to https")));

    /** Pages a vector's test serves from elsewhere than https://SITE/ after redirects. */
    static final Map<String, String> FINAL_URL = Map.of(
            "mdn/mdn-http-observatory@71238f6db6af0ab8a22bb7722a653b7a7bdd4540:test/subresource-integrity.test.js#derives the base origin from the final redirect",
            "https://www.mozilla.org/");

    static Stream<Arguments> vectors() throws Exception {
        JsonNode all = Json.parse(ThirdPartyTestData.bytes("http-observatory/vectors.json"));
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode v : all.get("vectors")) {
            cases.add(Arguments.of(v.get("source").asText(), v));
        }
        return cases.stream();
    }

    /** The figures docs/network.md quotes, and no difference listed for a case that is not there. */
    @org.junit.jupiter.api.Test
    void theListedDifferencesAreCasesOfTheSetAndTheDocsCountsHold() throws Exception {
        List<String> sources = vectors().map(a -> (String) a.get()[0]).toList();
        assertThat(sources).hasSize(174).containsAll(DIFFERENT.keySet()).containsAll(FINAL_URL.keySet());
        assertThat(sources.size() - DIFFERENT.size()).isEqualTo(162);
        assertThat(sources.stream().filter(s -> s.startsWith("mdn/")).count()).isEqualTo(161);
        assertThat(DIFFERENT.keySet().stream().filter(s -> s.startsWith("mdn/")).count())
                .isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void devskyyGivesTheObservatorysResult(String source, JsonNode vector) {
        String site = vector.get("site").asText();
        boolean https = !vector.path("https").isBoolean() || vector.get("https").asBoolean();
        String url = FINAL_URL.getOrDefault(source, (https ? "https://" : "http://") + site + "/");
        List<HttpHeaders.Field> fields = new ArrayList<>();
        fields.add(new HttpHeaders.Field("Content-Type", "text/html"));
        String origin = requestOrigin(vector);
        for (Map.Entry<String, JsonNode> header : vector.path("headers").properties()) {
            List<JsonNode> values = header.getValue().isArray() ? list(header.getValue()) : List.of(header.getValue());
            if (header.getKey().equalsIgnoreCase("content-type")) {
                fields.remove(0);
            }
            for (JsonNode value : values) {
                String text = value.asText();
                if (header.getKey().equalsIgnoreCase("access-control-allow-origin") && text.equals(origin)) {
                    text = HeaderGrade.PROBE_ORIGIN; // the server echoes the Origin the scanner sent
                }
                fields.add(new HttpHeaders.Field(header.getKey(), text));
            }
        }
        byte[] body = vector.path("html").asText("").getBytes(StandardCharsets.UTF_8);
        HttpResponse page = new HttpResponse(WebAddress.parse(url), 200, new HttpHeaders(fields), body, false);
        HeaderGrade.Report report = HeaderGrade.grade(List.of(page), probe(vector, site));
        String test = vector.get("test").asText();
        String result = report.tests().stream()
                .filter(t -> t.test().equals(test))
                .findFirst()
                .map(HeaderGrade.Test::result)
                .orElse("(no such test)");
        Difference difference = DIFFERENT.get(source);
        String expected = difference == null ? vector.get("expected").asText() : difference.result();
        assertThat(result).as(vector.path("note").asText("")).isEqualTo(expected);
    }

    static String requestOrigin(JsonNode vector) {
        for (Map.Entry<String, JsonNode> header : vector.path("request_headers").properties()) {
            if (header.getKey().equalsIgnoreCase("origin")) {
                return header.getValue().asText();
            }
        }
        return null;
    }

    /** The plain-http route as the vector gives it; a site whose http:// redirects to https:// when it gives none. */
    static HttpProbe probe(JsonNode vector, String site) {
        if (!vector.has("chain")) {
            return new HttpProbe(
                    List.of(
                            hop("http://" + site + "/", 301, "https://" + site + "/"),
                            hop("https://" + site + "/", 200, null)),
                    null);
        }
        List<HttpResponse> chain = new ArrayList<>();
        for (JsonNode hop : vector.get("chain")) {
            chain.add(hop(
                    hop.get("url").asText(),
                    hop.get("status").asInt(),
                    hop.path("location").asText(null)));
        }
        return new HttpProbe(chain, null);
    }

    static HttpResponse hop(String url, int status, String location) {
        List<HttpHeaders.Field> fields =
                location == null ? List.of() : List.of(new HttpHeaders.Field("Location", location));
        return new HttpResponse(WebAddress.parse(url), status, new HttpHeaders(fields), new byte[0], false);
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> values = new ArrayList<>();
        array.forEach(values::add);
        return values;
    }
}
