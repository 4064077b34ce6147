package dev.devskyy.runtime;

import dev.devskyy.io.AtomicWrite;
import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.OpenDirectory;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Where devskyy keeps what must outlive a process: the idempotency store, the audit log and the
 * installation secret. Everything in it is private to its owner: directories 0700, files 0600,
 * given as the mode of the {@code open}/{@code mkdir} that creates them, so there is no moment in
 * which another user could open them.
 */
public final class StateDirectory {
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private StateDirectory() {}

    /**
     * {@code $XDG_STATE_HOME/devskyy}, else {@code ~/.local/state/devskyy}. A relative
     * XDG_STATE_HOME is ignored, as the XDG Base Directory specification requires.
     */
    public static Path resolve(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "devskyy");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "devskyy");
    }

    /** The creation mode of a private file (0600), for {@code Files.createFile}, {@code FileChannel.open}… */
    static FileAttribute<?>[] privateFile() {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Creates {@code directory} and its missing parents with mode 0700 (as the XDG specification
     * asks for directories it creates); directories that exist are left as they are.
     */
    static void createPrivateDirectories(Path directory) throws IOException {
        if (POSIX) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    /**
     * Creates a directory of devskyy's own state (0700), or narrows one that an earlier version
     * created with a looser mode, so that nothing inside it can be reached by other users.
     */
    static void ensurePrivate(Path directory) throws IOException {
        createPrivateDirectories(directory);
        if (POSIX && !Files.getPosixFilePermissions(directory).equals(OWNER_DIRECTORY)) {
            Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
        }
    }

    /**
     * Replaces {@code name} in the state directory {@code state} (created 0700 if missing) with
     * {@code content}, all or nothing, through the directory's handle: the file is 0600 from its
     * first byte whatever the umask, and a link or non-regular file in its place is refused.
     */
    public static void writePrivate(Path state, String name, byte[] content) throws IOException {
        ensurePrivate(state);
        Path file = Path.of(name);
        try (DirectoryEntry target = new DirectoryEntry(OpenDirectory.at(state), file, state.resolve(file))) {
            AtomicWrite.write(target, null, true, out -> out.write(content));
        }
    }
}
