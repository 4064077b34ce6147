package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerTest {
    @TempDir
    Path dir;

    @Test
    void metadataCanNarrowTheGrantsButNeverWidenThem() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path policyFile = Files.writeString(dir.resolve("policy.json"), """
                {"actors":{
                  "server":{"permissions":["filesystem:read","network:outbound"],"roots":["."],"hosts":["a.com"]},
                  "reader":{"permissions":["filesystem:read","filesystem:write"],"roots":["src"]},
                  "wide":{"permissions":["filesystem:read"],"roots":["/"],"hosts":["a.com","b.com"]}}}
                """);
        Policy policy = Policy.load(policyFile);
        Caller server = new Caller("server", policy.grantsFor("server").orElseThrow(), policy);

        Caller reader = server.narrowedTo("reader");
        assertThat(reader.grants().permissions()).containsExactly(ToolPermission.FILESYSTEM_READ);
        assertThat(reader.grants().roots()).containsExactly(src.toRealPath());

        Caller wide = server.narrowedTo("wide");
        assertThat(wide.grants().roots()).containsExactly(dir.toRealPath());
        assertThat(wide.grants().hosts()).containsExactly("a.com");
        assertThat(wide.grants().permissions()).containsExactly(ToolPermission.FILESYSTEM_READ);

        assertThat(server.narrowedTo("stranger").grants().permissions()).isEmpty();
        assertThat(server.narrowedTo("server")).isSameAs(server);
    }

    @Test
    void withoutAPolicyANameOnlyRelabels() {
        Grants read = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(dir), List.of());
        Caller relabelled = new Caller("host", read, null).narrowedTo("alice");
        assertThat(relabelled.actor()).isEqualTo("alice");
        assertThat(relabelled.grants()).isSameAs(read);
    }
}
