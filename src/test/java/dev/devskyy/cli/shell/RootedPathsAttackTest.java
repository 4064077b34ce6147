package dev.devskyy.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.ToolPermission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path completion lists what a tool could reach and nothing else: no way out by .., links or absolute paths. */
@Tag("security")
class RootedPathsAttackTest {
    @TempDir
    Path root;

    @TempDir
    Path outside;

    RootedPaths paths;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(root.resolve("notes.txt"), "inside");
        Files.createDirectory(root.resolve("src"));
        Files.writeString(outside.resolve("private.key"), "outside");
        Files.createDirectory(outside.resolve("secrets"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("escape.key"), outside.resolve("private.key"));
        Files.createSymbolicLink(root.resolve("inner"), root.resolve("src"));
        paths = RootedPaths.of(Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(root), Set.of()));
    }

    private String real(Path path) throws Exception {
        return path.toRealPath().toString();
    }

    @Test
    void theRootsContentIsOffered_withDirectoriesAndLinksThatStayInside() throws Exception {
        assertThat(paths.complete(real(root) + "/"))
                .containsExactly(real(root) + "/inner/", real(root) + "/notes.txt", real(root) + "/src/");
    }

    @Test
    void aLinkPointingOutIsNeitherOfferedNorFollowed() throws Exception {
        assertThat(paths.complete(real(root) + "/esc")).isEmpty();
        assertThat(paths.complete(real(root) + "/escape/")).isEmpty();
        assertThat(paths.complete(real(root) + "/escape/pri")).isEmpty();
    }

    @Test
    void dotDotAndAbsolutePathsOutsideListNothing() throws Exception {
        String inside = real(root);
        assertThat(paths.complete(inside + "/../")).allMatch(p -> p.startsWith(inside));
        assertThat(paths.complete(real(outside) + "/")).isEmpty();
        assertThat(paths.complete("/etc/pass")).isEmpty();
        assertThat(paths.complete("/")).containsExactly(inside + "/");
    }

    @Test
    void withoutAFilesystemPermissionNothingIsListed() throws Exception {
        RootedPaths none = RootedPaths.of(Grants.of(Set.of(), List.of(root), Set.of()));
        assertThat(none.complete(real(root) + "/")).isEmpty();
        assertThat(none.complete("")).isEmpty();
    }
}
