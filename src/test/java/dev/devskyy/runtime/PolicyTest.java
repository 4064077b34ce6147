package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** Issuers are trusted whole: anything that could hide what is trusted is refused. */
    @Test
    void namesTheTrustedAuthorizationServers_asPlainWebUrls() throws Exception {
        assertThat(
                        load("{\"actors\":{},\"oauth_issuers\":[\"https://auth.example.com\",\"http://127.0.0.1:9000/realm\"]}")
                                .oauthIssuers())
                .containsExactly("https://auth.example.com", "http://127.0.0.1:9000/realm");
        assertThat(load("{\"actors\":{}}").oauthIssuers()).isEmpty();
        List<String> refused = new java.util.ArrayList<>(AccessTokensTest.NOT_PLAIN_WEB_URLS);
        refused.add("http://auth.example.com"); // plain http to a name: its keys would never be fetched
        for (String bad : refused) {
            String policy = "{\"actors\":{},\"oauth_issuers\":[\"https://fine.example.com\","
                    + Json.compact(Json.tree(bad)) + "]}";
            assertRejected(policy, "/oauth_issuers/1 is not an https URL");
            assertThatThrownBy(() -> load(policy)).message().doesNotContain("hunter2", bad);
        }
        assertRejected("{\"actors\":{},\"oauth_issuers\":\"https://auth.example.com\"}", "must be an array of strings");
    }

    @Test
    void aMissingFile_isE4001() {
        assertThatThrownBy(() -> Policy.load(dir.resolve("none.json"))).hasMessageContaining("cannot be read");
    }
}
