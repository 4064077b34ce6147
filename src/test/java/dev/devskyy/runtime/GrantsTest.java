package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.io.DirectoryEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrantsTest {
    @TempDir
    Path tmp;

    Path root;
    Path outside;
    Grants readInRoot;

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(root.resolve("inside.txt"), "in");
        Files.writeString(outside.resolve("secret.txt"), "out");
        readInRoot = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(root), List.of());
    }

    static ErrorCode codeOf(Runnable action) {
        try {
            action.run();
        } catch (ToolError e) {
            return e.code();
        }
        return null;
    }

    /** The real path {@code requested} comes to, walked as a tool's open walks it. */
    static Path pathOf(Grants grants, Path requested, ToolPermission permission) throws Exception {
        try (DirectoryEntry entry = grants.entry(requested.toString(), permission)) {
            return entry.path();
        }
    }

    @Test
    void nothingIsGrantedByDefault() {
        assertThat(Grants.NONE.missing(Set.of(ToolPermission.FILESYSTEM_READ)))
                .containsExactly(ToolPermission.FILESYSTEM_READ);
        assertThat(codeOf(
                        () -> Grants.NONE.entry(root.resolve("inside.txt").toString(), ToolPermission.FILESYSTEM_READ)))
                .isEqualTo(ErrorCode.E4003);
        assertThat(codeOf(() -> Grants.NONE.requireHost("example.com"))).isEqualTo(ErrorCode.E4003);
    }

    @Test
    void aFileInsideARoot_resolvesToItsRealPath() throws Exception {
        assertThat(pathOf(readInRoot, root.resolve("inside.txt"), ToolPermission.FILESYSTEM_READ))
                .isEqualTo(root.toRealPath().resolve("inside.txt"));
    }

    @Test
    void aPermissionWithoutARoot_coversNoPath() {
        Grants noRoot = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(), List.of());
        assertThatThrownBy(() -> noRoot.entry(root.resolve("inside.txt").toString(), ToolPermission.FILESYSTEM_READ))
                .isInstanceOf(ToolError.class)
                .hasMessageContaining("no root directory");
    }

    @Test
    void readingDoesNotGrantWriting() {
        assertThatThrownBy(() -> readInRoot.entry(root.resolve("new.txt").toString(), ToolPermission.FILESYSTEM_WRITE))
                .hasMessageContaining("missing permission filesystem:write");
    }

    @Test
    void dotDotCannotLeaveTheRoot() {
        assertThat(codeOf(() -> readInRoot.entry(
                        root.resolve("../outside/secret.txt").toString(), ToolPermission.FILESYSTEM_READ)))
                .isEqualTo(ErrorCode.E4003);
    }

    @Test
    void aSymlinkInsideTheRootCannotEscapeIt() throws Exception {
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        assertThat(codeOf(() -> readInRoot.entry(root.resolve("link.txt").toString(), ToolPermission.FILESYSTEM_READ)))
                .isEqualTo(ErrorCode.E4003);
        assertThat(codeOf(() -> readInRoot.entry(
                        root.resolve("linkdir/secret.txt").toString(), ToolPermission.FILESYSTEM_READ)))
                .isEqualTo(ErrorCode.E4003);
    }

    @Test
    void aSymlinkThatStaysInsideTheRoot_isFollowed() throws Exception {
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("alias"), Path.of("real"));
        Files.createSymbolicLink(root.resolve("real/file.txt"), Path.of("../inside.txt"));
        assertThat(pathOf(readInRoot, root.resolve("alias/file.txt"), ToolPermission.FILESYSTEM_READ))
                .isEqualTo(root.toRealPath().resolve("inside.txt"));
    }

    @Test
    void aNewFile_isPlacedInItsParentAndAMissingParentIsAnError() throws Exception {
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        Grants write = Grants.of(Set.of(ToolPermission.FILESYSTEM_WRITE), List.of(root), List.of());
        assertThat(pathOf(write, root.resolve("new.txt"), ToolPermission.FILESYSTEM_WRITE))
                .isEqualTo(root.toRealPath().resolve("new.txt"));
        assertThat(codeOf(() -> write.entry(root.resolve("sub/new.txt").toString(), ToolPermission.FILESYSTEM_WRITE)))
                .isEqualTo(ErrorCode.E4001);
        assertThat(codeOf(
                        () -> write.entry(root.resolve("linkdir/new.txt").toString(), ToolPermission.FILESYSTEM_WRITE)))
                .isEqualTo(ErrorCode.E4003);
    }

    @Test
    void aRootGivenThroughASymlink_coversItsTarget() throws Exception {
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), root);
        Grants viaAlias = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(alias), List.of());
        assertThat(pathOf(viaAlias, root.resolve("inside.txt"), ToolPermission.FILESYSTEM_READ))
                .isEqualTo(root.toRealPath().resolve("inside.txt"));
        assertThat(pathOf(viaAlias, alias.resolve("inside.txt"), ToolPermission.FILESYSTEM_READ))
                .isEqualTo(root.toRealPath().resolve("inside.txt"));
    }

    @Test
    void aRootReplacedAfterItWasGranted_isWalkedByItsPathAgain() throws Exception {
        Files.move(root, tmp.resolve("root-before"));
        Files.createDirectories(root);
        Files.writeString(root.resolve("new.txt"), "new");
        assertThat(pathOf(readInRoot, root.resolve("new.txt"), ToolPermission.FILESYSTEM_READ))
                .isEqualTo(root.toRealPath().resolve("new.txt"));
        assertThat(codeOf(() -> readInRoot.entry(
                        root.resolve("../root-before/inside.txt").toString(), ToolPermission.FILESYSTEM_READ)))
                .isEqualTo(ErrorCode.E4003);
    }

    @Test
    void aRootThatDoesNotExist_isE4001() {
        assertThat(codeOf(() -> Grants.of(Set.of(), List.of(tmp.resolve("nope")), List.of())))
                .isEqualTo(ErrorCode.E4001);
    }

    @Test
    void hostsMatchExactlyOrBySubdomainWildcard() {
        Grants net =
                Grants.of(Set.of(ToolPermission.NETWORK_OUTBOUND), List.of(), List.of("API.example.com", "*.cdn.net"));
        net.requireHost("api.example.com");
        net.requireHost("img.cdn.net");
        assertThat(codeOf(() -> net.requireHost("example.com"))).isEqualTo(ErrorCode.E4003);
        assertThat(codeOf(() -> net.requireHost("cdn.net"))).isEqualTo(ErrorCode.E4003);
        assertThat(codeOf(() -> net.requireHost("evilcdn.net"))).isEqualTo(ErrorCode.E4003);
    }

    @Test
    void aHostListWithoutTheNetworkPermission_grantsNothing() {
        Grants hostsOnly = Grants.of(Set.of(), List.of(), List.of("example.com"));
        assertThat(codeOf(() -> hostsOnly.requireHost("example.com"))).isEqualTo(ErrorCode.E4003);
    }

    @Test
    void unionAddsEverything() {
        Grants net = Grants.of(Set.of(ToolPermission.NETWORK_OUTBOUND), List.of(), List.of("example.com"));
        Grants both = readInRoot.union(net);
        assertThat(both.permissions())
                .containsExactlyInAnyOrder(ToolPermission.FILESYSTEM_READ, ToolPermission.NETWORK_OUTBOUND);
        assertThat(both.roots()).hasSize(1);
        assertThat(both.hosts()).containsExactly("example.com");
    }
}
