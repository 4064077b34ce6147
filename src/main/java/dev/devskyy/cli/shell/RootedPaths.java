package dev.devskyy.cli.shell;

import dev.devskyy.io.OpenDirectory;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.ToolPermission;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * File names to complete, only inside the session's granted roots. The directory is reached the
 * way a tool reaches it, through the runtime's guarded walk ({@link Grants#directory}), so a path
 * that leaves the roots, by {@code ..} or through a link, lists nothing. A link inside is offered
 * only when the walk would let a tool follow it to a directory inside.
 */
final class RootedPaths {
    private static final int MAX_CANDIDATES = 1000;

    private final Grants grants;
    private final ToolPermission permission;

    private RootedPaths(Grants grants, ToolPermission permission) {
        this.grants = grants;
        this.permission = permission;
    }

    /** Completion over what {@code grants} lets a tool read or, failing that, write. */
    static RootedPaths of(Grants grants) {
        ToolPermission permission = grants.permissions().contains(ToolPermission.FILESYSTEM_READ)
                ? ToolPermission.FILESYSTEM_READ
                : ToolPermission.FILESYSTEM_WRITE;
        return new RootedPaths(grants, permission);
    }

    /**
     * The paths that complete {@code typed}: the roots whose path starts so, and the entries of
     * the typed directory whose names start with what follows its last {@code /}.
     * Directories end in {@code /}.
     */
    List<String> complete(String typed) {
        List<String> found = new ArrayList<>();
        if (!grants.permissions().contains(permission)) {
            return found;
        }
        // the roots themselves, as a way in: nothing typed, or the start of a root's path
        grants.roots().stream()
                .map(root -> root + "/")
                .filter(root -> root.startsWith(typed) && !root.equals(typed))
                .forEach(found::add);
        if (typed.isEmpty()) {
            return found;
        }
        int slash = typed.lastIndexOf('/');
        String directory = slash < 0 ? "." : typed.substring(0, slash + 1);
        String prefix = typed.substring(slash + 1);
        try (OpenDirectory open = grants.directory(directory, permission)) {
            Iterator<Path> names = open.names();
            while (names.hasNext() && found.size() < MAX_CANDIDATES) {
                Path name = names.next().getFileName();
                String text = name.toString();
                if (!text.startsWith(prefix) || (prefix.isEmpty() && text.startsWith("."))) {
                    continue;
                }
                String candidate = (slash < 0 ? "" : directory) + text;
                BasicFileAttributes attributes = open.attributes(name);
                if (attributes == null) {
                    continue;
                }
                if (attributes.isSymbolicLink()) {
                    followable(candidate).ifPresent(found::add);
                } else {
                    found.add(attributes.isDirectory() ? candidate + "/" : candidate);
                }
            }
        } catch (IOException | RuntimeException e) {
            // outside the roots, missing, or not a directory: nothing to offer
        }
        found.sort(null);
        return found;
    }

    /**
     * A link, offered only as a directory the guarded walk follows without leaving the roots; a
     * link to a file is not offered, since a tool opens files without following links.
     */
    private Optional<String> followable(String candidate) {
        try {
            grants.directory(candidate, permission).close();
            return Optional.of(candidate + "/");
        } catch (IOException | RuntimeException outsideOrNoDirectory) {
            return Optional.empty();
        }
    }
}
