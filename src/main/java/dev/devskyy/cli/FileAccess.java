package dev.devskyy.cli;

import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.ToolPermission;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a command lets the tool it fronts touch: only the filesystem permissions that tool needs
 * for this command line, over the directories of the files the user named on it. A command that
 * names no file grants nothing, as a policy that lists nothing does. Key and secret files are not
 * among the files: they travel as the caller's own settings (metadata), which the capability reads.
 *
 * @param files paths as the user gave them; {@code -} (stdin or stdout) reaches no directory
 */
record FileAccess(Set<ToolPermission> permissions, List<String> files) {
    /** No permission and no directory: for tools that read only their arguments and the streams. */
    static final FileAccess NONE = new FileAccess(Set.of(), List.of());

    FileAccess {
        permissions = Set.copyOf(permissions);
        files = List.copyOf(files);
    }

    static FileAccess reading(List<String> files) {
        return new FileAccess(Set.of(ToolPermission.FILESYSTEM_READ), files);
    }

    static FileAccess writing(String file) {
        return NONE.andWriting(file);
    }

    /** This access, and writing {@code file} besides. */
    FileAccess andWriting(String file) {
        Set<ToolPermission> more = EnumSet.of(ToolPermission.FILESYSTEM_WRITE);
        more.addAll(permissions);
        List<String> all = new ArrayList<>(files);
        all.add(file);
        return new FileAccess(more, all);
    }

    /** A path inside {@code directory}, for {@link #files}: it makes the directory itself a root. */
    static String entryOf(String directory) {
        return Path.of(directory, "entry").toString();
    }

    /** The permissions, over each named file's directory; no directory when only streams are named. */
    Grants grants() {
        Set<Path> roots = new LinkedHashSet<>();
        for (String file : files) {
            if (!"-".equals(file)) {
                Path absolute = Path.of(file).toAbsolutePath().normalize();
                // "/" has no parent: it is its own root (and no regular file, which the tool says)
                roots.add(absolute.getParent() == null ? absolute : absolute.getParent());
            }
        }
        return Grants.of(permissions, roots, Set.of());
    }
}
