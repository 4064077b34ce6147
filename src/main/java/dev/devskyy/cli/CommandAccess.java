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
 * What a command lets the tool it fronts touch: only the permissions that tool needs for this
 * command line, over the directories of the files and the hosts of the URLs the user named on it.
 * A command that names nothing grants nothing, as a policy that lists nothing does. Key and secret
 * files are not among the files: they travel as the caller's own settings (metadata), which the
 * capability reads.
 *
 * @param files paths as the user gave them; {@code -} (stdin or stdout) reaches no directory
 * @param hosts hosts network:outbound may reach
 */
record CommandAccess(Set<ToolPermission> permissions, List<String> files, List<String> hosts) {
    /** No permission and no directory: for tools that read only their arguments and the streams. */
    static final CommandAccess NONE = new CommandAccess(Set.of(), List.of(), List.of());
    /**
     * The keys the person names on the line (or the default key variable of their own
     * environment): running the command is asking for them to be used.
     */
    static final CommandAccess KEYS = new CommandAccess(Set.of(ToolPermission.KEYS_USE), List.of(), List.of());

    CommandAccess {
        permissions = Set.copyOf(permissions);
        files = List.copyOf(files);
        hosts = List.copyOf(hosts);
    }

    /** The network, to {@code hosts} only. */
    static CommandAccess network(List<String> hosts) {
        return new CommandAccess(Set.of(ToolPermission.NETWORK_OUTBOUND), List.of(), hosts);
    }

    static CommandAccess reading(List<String> files) {
        return new CommandAccess(Set.of(ToolPermission.FILESYSTEM_READ), files, List.of());
    }

    static CommandAccess writing(String file) {
        return NONE.andWriting(file);
    }

    /** This access and {@code other}'s together. */
    CommandAccess and(CommandAccess other) {
        Set<ToolPermission> all = EnumSet.noneOf(ToolPermission.class);
        all.addAll(permissions);
        all.addAll(other.permissions);
        List<String> allFiles = new ArrayList<>(files);
        allFiles.addAll(other.files);
        List<String> allHosts = new ArrayList<>(hosts);
        allHosts.addAll(other.hosts);
        return new CommandAccess(all, allFiles, allHosts);
    }

    /** This access, and writing {@code file} besides. */
    CommandAccess andWriting(String file) {
        return and(new CommandAccess(Set.of(ToolPermission.FILESYSTEM_WRITE), List.of(file), List.of()));
    }

    /** A path inside {@code directory}, for {@link #files}: it makes the directory itself a root. */
    static String entryOf(String directory) {
        return Path.of(directory, "entry").toString();
    }

    /** The permissions, over each named file's directory (none when only streams are named) and the hosts. */
    Grants grants() {
        Set<Path> roots = new LinkedHashSet<>();
        for (String file : files) {
            if (!"-".equals(file)) {
                Path absolute = Path.of(file).toAbsolutePath().normalize();
                // "/" has no parent: it is its own root (and no regular file, which the tool says)
                roots.add(absolute.getParent() == null ? absolute : absolute.getParent());
            }
        }
        return Grants.of(permissions, roots, hosts);
    }
}
