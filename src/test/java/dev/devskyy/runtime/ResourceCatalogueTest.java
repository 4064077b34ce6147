package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceCatalogueTest {
    static final ResourceSpec EXTRA = ResourceSpec.shared(
            "devskyy://capability/list", "extra", "Extra", "A capability's resource.", "text/plain", c -> "x");

    @TempDir
    Path root;

    static ResourceCatalogue catalogue() {
        return ResourceCatalogue.of(new ToolRegistry().register(EXTRA));
    }

    @Test
    void listsTheRuntimesResources_theCapabilities_andEveryDocsPage_sortedByUri() throws Exception {
        List<String> uris = catalogue().list().stream().map(ResourceSpec::uri).toList();
        List<String> pages;
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            pages = docs.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md"))
                    .map(n -> "devskyy://docs/" + n.substring(0, n.length() - 3))
                    .toList();
        }
        assertThat(pages).isNotEmpty();
        assertThat(uris)
                .isSorted()
                .containsAll(pages)
                .contains(ResourceCatalogue.GRANTS_URI, ResourceCatalogue.ERRORS_URI, EXTRA.uri())
                .hasSize(pages.size() + 3);
    }

    @Test
    void aDocsPageIsTheFileAsBuilt_titledByItsHeading() throws Exception {
        ResourceSpec errors = catalogue().find("devskyy://docs/errors").orElseThrow();
        assertThat(errors.reader().read(null)).isEqualTo(Files.readString(Path.of("docs/errors.md")));
        assertThat(errors.title()).isEqualTo("Errors and exit codes");
        assertThat(errors.mimeType()).isEqualTo("text/markdown");
        assertThat(errors.perCaller()).isFalse();
    }

    @Test
    void theErrorTaxonomyIsMadeFromErrorCode() throws Exception {
        JsonNode document = Json.parse(catalogue()
                .find(ResourceCatalogue.ERRORS_URI)
                .orElseThrow()
                .reader()
                .read(null));
        assertThat(document.get("codes").findValuesAsText("code"))
                .containsExactlyElementsOf(
                        Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        assertThat(document.at("/codes/2").toString())
                .isEqualTo("{\"code\":\"E4003\",\"name\":\"PERMISSION_DENIED\",\"who_fixes_it\":\"caller\","
                        + "\"retryable_by_default\":false}");
        assertThat(document.at("/codes/7/who_fixes_it").asText()).isEqualTo("devskyy");
    }

    @Test
    void theGrantsAreTheCallersOwn_andHoldNothingElse() throws Exception {
        Grants grants =
                Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(root), Set.of("b.example", "a.example"));
        ResourceSpec resource = catalogue().find(ResourceCatalogue.GRANTS_URI).orElseThrow();
        JsonNode document = Json.parse(resource.reader().read(new Caller("ci", grants, null)));
        assertThat(resource.perCaller()).isTrue();
        assertThat(document.get("actor").asText()).isEqualTo("ci");
        assertThat(document.get("permissions").toString()).isEqualTo("[\"filesystem:read\"]");
        assertThat(document.get("not_granted")).hasSize(ToolPermission.values().length - 1);
        assertThat(document.get("roots").get(0).asText())
                .isEqualTo(root.toRealPath().toString());
        assertThat(document.get("hosts").toString()).isEqualTo("[\"a.example\",\"b.example\"]");
        assertThat(document.properties().stream()
                        .map(java.util.Map.Entry::getKey)
                        .toList())
                .containsExactly("actor", "permissions", "not_granted", "roots", "hosts", "note");
    }

    @Test
    void aUriIsMatchedExactly_neverDecodedNorResolved() {
        ResourceCatalogue catalogue = catalogue();
        assertThat(catalogue.find("devskyy://docs/errors")).isPresent();
        for (String near : List.of(
                "devskyy://docs/../docs/errors",
                "devskyy://docs/./errors",
                "devskyy://docs/errors/",
                "devskyy://docs//errors",
                "devskyy://docs/%65rrors",
                "DEVSKYY://docs/errors",
                "devskyy://docs/errors.md",
                "devskyy://docs/pages",
                "devskyy://docs/pages.txt",
                " devskyy://docs/errors")) {
            assertThat(catalogue.find(near)).as(near).isEmpty();
        }
    }

    @Test
    void aResourceUriIsOfOurSchemeInLowerCasePathSegments() {
        for (String bad : List.of("file:///etc/passwd", "devskyy://docs/../x", "devskyy://Docs", "devskyy://")) {
            assertThatThrownBy(() -> ResourceSpec.shared(bad, "n", "t", "d", "text/plain", c -> ""))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new ToolRegistry().register(EXTRA).register(EXTRA))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
