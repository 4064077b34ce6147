package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.ToolCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy's "agents" may redefine or add profiles, strictly read, and never grant past the caller. */
@Tag("security")
class PolicyAgentsAttackTest {
    @TempDir
    Path dir;

    private final ToolRegistry registry = ToolCatalogue.registry(Map.of());

    private AgentProfiles load(String agents) throws Exception {
        Path file = Files.writeString(
                dir.resolve("policy.json"), "{\"actors\":{\"default\":{}},\"agents\":" + agents + "}");
        return AgentProfiles.of(Policy.load(file), registry);
    }

    private void rejected(String agents, String problem) {
        assertThatThrownBy(() -> load(agents))
                .isInstanceOfSatisfying(
                        ToolError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.E4001))
                .hasMessageContaining(problem);
    }

    @Test
    void aPolicyRedefinesABuiltInWholeAndAddsItsOwn() throws Exception {
        AgentProfiles agents = load("""
                {"support":{"description":"masks only","instructions":"mask","tools":["data_mask"]},
                 "auditor":{"description":"hashes","instructions":"hash","permissions":["filesystem:read"],
                            "tools":["file_hash"]}}""");
        assertThat(agents.find("support").orElseThrow().tools()).containsExactly("data_mask");
        assertThat(agents.find("support").orElseThrow().permissions()).isEmpty();
        assertThat(agents.names()).endsWith("analytics", "auditor");
    }

    @Test
    void aProfileGrantingMoreThanTheCallerHasStillNeverExceedsTheCaller() throws Exception {
        AgentProfile greedy = load("""
                {"greedy":{"description":"d","instructions":"i","permissions":["filesystem:read","filesystem:write",
                  "network:outbound","database:read","database:write","wordpress:api","llm:inference",
                  "visual:generation"],"tools":["file_hash"]}}""").find("greedy").orElseThrow();
        Caller caller = new Caller("ci", Grants.of(Set.of(), List.of(dir), List.of()), null).asAgent(greedy);
        assertThat(caller.grants().permissions()).isEmpty();
    }

    @Test
    void unknownMembersPermissionsAndToolsAreErrors() {
        rejected(
                "{\"a\":{\"description\":\"d\",\"instructions\":\"i\",\"roots\":[\"/\"]}}",
                "unknown member /agents/a/roots");
        rejected(
                "{\"a\":{\"description\":\"d\",\"instructions\":\"i\",\"permissions\":[\"root\"]}}",
                "unknown permission");
        rejected(
                "{\"a\":{\"description\":\"d\",\"instructions\":\"i\",\"tools\":[\"rm_rf\"]}}",
                "no tool named 'rm_rf'");
        rejected(
                "{\"a\":{\"description\":\"d\",\"instructions\":\"i\",\"tools\":[\"file_hash\"]}}",
                "file_hash needs filesystem:read");
        rejected("{\"a\":{\"instructions\":\"i\"}}", "/agents/a/description must be a non-empty string");
        rejected("{\"Bad Name\":{\"description\":\"d\",\"instructions\":\"i\"}}", "bad agent name");
        rejected("[]", "\"agents\" must be an object");
    }

    @Test
    void duplicateNamesAreErrors() {
        rejected(
                "{\"a\":{\"description\":\"d\",\"instructions\":\"i\"},\"a\":{\"description\":\"d\",\"instructions\":\"i\"}}",
                "not valid JSON");
    }

    @Test
    void hugeProfilesAndTooManyProfilesAreErrors() {
        rejected(
                "{\"a\":{\"description\":\"d\",\"instructions\":\"" + "x".repeat(Policy.MAX_INSTRUCTIONS + 1) + "\"}}",
                "longer than 8192");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= Policy.MAX_AGENTS; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("\"a")
                    .append(i)
                    .append("\":{\"description\":\"d\",\"instructions\":\"i\"}");
        }
        rejected(many.append('}').toString(), "at most 64");
        rejected("{\"a\":{\"description\":\"d\",\"instructions\":\"" + "x".repeat(2 << 20) + "\"}}", "policy");
    }
}
