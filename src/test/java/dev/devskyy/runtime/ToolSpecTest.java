package dev.devskyy.runtime;

import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.testing.TestTools;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolSpecTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"a", "file_hash", "scan2", "a234567890123456789012345678901234567890123456789012345678901234"})
    void acceptsPortableNames(String name) {
        assertThat(tool(name, echo()).build().name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "File",
                "file.hash",
                "file-hash",
                "2fa",
                "_x",
                "a b",
                "é",
                "a2345678901234567890123456789012345678901234567890123456789012345"
            })
    void rejectsNamesSomeHostWouldReject(String name) {
        assertThatThrownBy(() -> tool(name, echo())).hasMessageContaining("not portable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.0", "v1.0.0", "01.0.0", "1.0.0."})
    void rejectsVersionsThatAreNotSemver(String version) {
        assertThatThrownBy(() -> tool("t", echo()).version(version).build()).hasMessageContaining("semver");
    }

    @Test
    void acceptsSemverWithPreReleaseAndBuild() {
        assertThat(tool("t", echo()).version("2.1.0-rc.1+build.5").build().version())
                .isEqualTo("2.1.0-rc.1+build.5");
    }

    @Test
    void schemasMustBeObjects() {
        assertThatThrownBy(() -> tool("t", echo())
                        .inputSchema(TestTools.schema("{\"type\":\"string\"}"))
                        .build())
                .hasMessageContaining("inputSchema must have root type \"object\"");
    }

    @Test
    void timeoutsDefaultTo30sAndMustBePositive() {
        assertThat(tool("t", echo()).build().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> tool("t", echo()).timeout(Duration.ZERO).build())
                .hasMessageContaining("positive");
    }

    @Test
    void annotationsAreDerivedFromPermissions() {
        ToolAnnotations reader = tool("t", echo())
                .permissions(ToolPermission.FILESYSTEM_READ)
                .idempotent(true)
                .build()
                .annotations();
        assertThat(reader).isEqualTo(new ToolAnnotations(true, false, true, false));
        ToolAnnotations publisher = tool("t", echo())
                .permissions(ToolPermission.WORDPRESS_API)
                .build()
                .annotations();
        assertThat(publisher).isEqualTo(new ToolAnnotations(false, true, false, true));
    }

    /** A scan that writes its report only when asked is still no read-only tool to a host. */
    @Test
    void permissionsAnArgumentMayNeed_countInTheAnnotations_butAreNotRequired() {
        ToolSpec scanner = tool("t", echo())
                .permissions(ToolPermission.FILESYSTEM_READ)
                .permissionsWhenAsked(ToolPermission.FILESYSTEM_WRITE)
                .idempotent(true)
                .build();
        assertThat(scanner.permissions()).containsExactly(ToolPermission.FILESYSTEM_READ);
        assertThat(scanner.annotations()).isEqualTo(new ToolAnnotations(false, true, true, false));
    }

    @Test
    void theSpecCannotBeChangedThroughItsSchemas() {
        ToolSpec spec = tool("t", echo()).build();
        spec.inputSchema().put("type", "array");
        assertThat(spec.inputSchema().get("type").asText()).isEqualTo("object");
    }
}
