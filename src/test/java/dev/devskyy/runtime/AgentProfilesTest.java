package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.devskyy.ToolCatalogue;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of the platform's six agents holds exactly the permissions and tools docs/agents.md
 * justifies: its allowed tools pass the profile gate, and every other tool of the catalogue is
 * E4003 naming the agent, even for a caller granted everything.
 */
class AgentProfilesTest {
    @TempDir
    static Path state;

    private static ToolRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new ToolRuntime(ToolCatalogue.registry(Map.of()), IdempotencyStore.in(state), AuditLog.DISCARD);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static Stream<Arguments> agents() {
        return Stream.of(
                arguments(
                        "commerce",
                        Set.of("database:read", "database:write", "wordpress:api", "network:outbound", "keys:use"),
                        Set.of(
                                "crypto_encrypt_fields",
                                "crypto_decrypt_fields",
                                "crypto_rotate_fields",
                                "crypto_encrypt",
                                "crypto_decrypt",
                                "crypto_rotate",
                                "crypto_verify",
                                "data_mask",
                                "jwt_verify",
                                "wordpress_read")),
                arguments(
                        "creative",
                        Set.of("filesystem:read", "filesystem:write", "visual:generation"),
                        Set.of("budget_verify", "file_hash")),
                arguments("marketing", Set.of("wordpress:api", "llm:inference"), Set.of("data_mask", "csp_evaluate")),
                arguments(
                        "support",
                        Set.of("database:read", "llm:inference", "wordpress:api", "network:outbound"),
                        Set.of("data_mask", "jwt_decode", "jwt_verify", "wordpress_read")),
                arguments(
                        "operations",
                        Set.of("filesystem:read", "network:outbound"),
                        Set.of(
                                "security_scan",
                                "crypto_verify",
                                "crypto_verify_file",
                                "budget_verify",
                                "file_hash",
                                "csp_evaluate",
                                "csp_build",
                                "jwt_verify",
                                "jwt_decode",
                                "http_headers_check",
                                "wordpress_audit",
                                "experience_verify")),
                arguments(
                        "analytics", Set.of("database:read", "filesystem:read"), Set.of("data_mask", "budget_verify")));
    }

    private static Caller grantedEverything() {
        return new Caller(
                "platform",
                Grants.of(EnumSet.allOf(ToolPermission.class), List.of(state), List.of("*.example.com")),
                null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agents")
    void anAgentMayCallOnlyItsAllowlistWithOnlyItsPermissions(String name, Set<String> permissions, Set<String> tools) {
        AgentProfile profile = AgentProfiles.builtIn().find(name).orElseThrow();
        assertThat(profile.tools()).isEqualTo(tools);
        assertThat(profile.permissions().stream().map(ToolPermission::wireName))
                .containsExactlyInAnyOrderElementsOf(permissions);

        Caller agent = grantedEverything().asAgent(profile);
        assertThat(agent.grants().permissions()).isEqualTo(profile.permissions());
        assertThat(agent.agentName()).isEqualTo(name);

        for (ToolSpec spec : runtime.registry().list()) {
            ToolCallResult result = runtime.call(
                    ToolCallRequest.builder(spec.name(), Json.object(), agent).build());
            ToolError error = result.failure().orElse(null);
            if (tools.contains(spec.name())) {
                // empty arguments: the call may fail, but never at the gate
                assertThat(error == null ? null : error.code()).as(spec.name()).isNotEqualTo(ErrorCode.E4003);
            } else {
                assertThat(error).as(spec.name()).isNotNull();
                assertThat(error.code()).as(spec.name()).isEqualTo(ErrorCode.E4003);
                assertThat(error.getMessage()).contains("agent '" + name + "'", spec.name(), "allowlist");
                assertThat(error.details().get("agent").asText()).isEqualTo(name);
                assertThat(error.details().get("reason").asText()).isEqualTo("tool_not_allowed");
            }
        }
    }

    @Test
    void everyBuiltInAllowlistNamesRealToolsTheAgentHoldsThePermissionsFor() {
        ToolRegistry registry = ToolCatalogue.registry(Map.of());
        for (AgentProfile agent : AgentProfiles.BUILT_IN) {
            for (String tool : agent.tools()) {
                ToolSpec spec = registry.find(tool).orElseThrow(() -> new AssertionError(agent.name() + ": " + tool));
                assertThat(agent.permissions()).as(agent.name() + " " + tool).containsAll(spec.permissions());
            }
        }
        assertThat(AgentProfiles.builtIn().names())
                .containsExactly("commerce", "creative", "marketing", "support", "operations", "analytics");
    }

    @Test
    void anAgentNeverHoldsMoreThanItsCaller() {
        Grants readOnly = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(state), List.of());
        Caller creative = new Caller("ci", readOnly, null)
                .asAgent(AgentProfiles.builtIn().find("creative").orElseThrow());
        assertThat(creative.grants().permissions()).containsExactly(ToolPermission.FILESYSTEM_READ);

        Caller commerce = new Caller("ci", readOnly, null)
                .asAgent(AgentProfiles.builtIn().find("commerce").orElseThrow());
        assertThat(commerce.grants().permissions()).isEmpty();
    }

    @Test
    void aToolNeedingAPermissionTheProfileLacksIsDeniedNamingTheAgentAndThePermission() {
        AgentProfile narrow = new AgentProfile("hasher", "d", "i", Set.of(), Set.of("file_hash"));
        Caller agent = grantedEverything().asAgent(narrow);
        ToolError error = runtime.call(ToolCallRequest.builder("file_hash", Json.object(), agent)
                        .build())
                .failure()
                .orElseThrow();
        assertThat(error.code()).isEqualTo(ErrorCode.E4003);
        assertThat(error.getMessage())
                .isEqualTo("tool file_hash needs filesystem:read, which agent 'hasher' does not hold");
        assertThat(error.details().get("missing").get(0).asText()).isEqualTo("filesystem:read");
        assertThat(error.details().get("reason").asText()).isEqualTo("permission_not_in_profile");
    }

    @Test
    void anAgentCannotBecomeAnotherAgentButNarrowingTheActorKeepsIt() {
        AgentProfiles agents = AgentProfiles.builtIn();
        Caller support = grantedEverything().asAgent(agents.find("support").orElseThrow());
        assertThat(support.asAgent(agents.find("support").orElseThrow())).isSameAs(support);
        assertThatThrownBy(() -> support.asAgent(agents.find("commerce").orElseThrow()))
                .isInstanceOfSatisfying(
                        ToolError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.E4003))
                .hasMessageContaining("'support'")
                .hasMessageContaining("'commerce'");
        assertThat(support.narrowedTo("alice").agentName()).isEqualTo("support");
    }
}
