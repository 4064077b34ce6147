package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {
    @TempDir
    Path dir;

    Policy load(String json) throws Exception {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, json);
        return Policy.load(file);
    }

    void assertRejected(String json, String reason) {
        assertThatThrownBy(() -> load(json))
                .isInstanceOfSatisfying(
                        ToolError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.E4001))
                .hasMessageContaining(reason);
    }

    @Test
    void namesActorsWithPermissionsRootsAndHosts_rootsRelativeToTheFile() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Policy policy = load("""
                {"version": 1, "actors": {
                  "default": {"permissions": ["filesystem:read"], "roots": ["src"]},
                  "deployer": {"permissions": ["network:outbound"], "hosts": ["example.com"]}}}
                """);
        Grants byDefault = policy.grantsFor("default").orElseThrow();
        assertThat(byDefault.permissions()).containsExactly(ToolPermission.FILESYSTEM_READ);
        assertThat(byDefault.roots()).containsExactly(dir.resolve("src").toRealPath());
        assertThat(policy.grantsFor("deployer").orElseThrow().hosts()).containsExactly("example.com");
        assertThat(policy.grantsFor("stranger")).isEmpty();
    }

    @Test
    void anActorWithNoMembers_isGrantedNothing() throws Exception {
        assertThat(load("{\"actors\":{\"guest\":{}}}")
                        .grantsFor("guest")
                        .orElseThrow()
                        .permissions())
                .isEmpty();
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        assertRejected("{\"actors\":{\"a\":{\"permisions\":[]}}}", "unknown member /actors/a/permisions");
        assertRejected("{\"actor\":{}}", "unknown member /actor");
        assertRejected("{\"actors\":{\"a\":{\"permissions\":[\"filesystem:rwx\"]}}}", "unknown permission");
        assertRejected("{\"actors\":{\"a\":{\"roots\":\"src\"}}}", "must be an array of strings");
        assertRejected("{\"actors\":{\"a\":{\"hosts\":[1]}}}", "must be an array of strings");
        assertRejected("{\"actors\":{\"a\":{\"roots\":[\"missing\"]}}}", "does not exist");
        assertRejected("{\"version\":2,\"actors\":{}}", "unsupported version");
        assertRejected("{\"actors\":[]}", "must be an object");
        assertRejected("[]", "top level must be an object");
        assertRejected("{\"actors\":{}", "not valid JSON");
        assertRejected("{\"actors\":{},\"actors\":{}}", "not valid JSON");
    }

    @Test
    void aMissingFile_isE4001() {
        assertThatThrownBy(() -> Policy.load(dir.resolve("none.json"))).hasMessageContaining("cannot be read");
    }
}
