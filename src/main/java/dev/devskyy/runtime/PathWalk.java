package dev.devskyy.runtime;

import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.OpenDirectory;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path the way the kernel would, one component at a time from the file system's root,
 * each directory opened relative to the one before it and never through a link: a link is read
 * and its target walked the same way. So the directory handed back is the real one, inside a
 * granted root, at the moment it is used — no second lookup by name can be redirected.
 *
 * <p>Failures say only what a caller could learn anyway: anything that goes wrong outside the
 * roots is "outside the granted roots", whether the thing exists or not.
 */
final class PathWalk {
    /** As Linux's MAXSYMLINKS: more links than this in one path is a loop. */
    private static final int MAX_LINKS = 40;

    private final List<Path> roots;
    private final String requested;
    private final Deque<OpenDirectory> open = new ArrayDeque<>();
    private final Deque<String> todo = new ArrayDeque<>();
    private int links;

    private PathWalk(List<Path> roots, String requested) {
        this.roots = roots;
        this.requested = requested;
    }

    /**
     * The directory that holds {@code requested}'s last component, and that name. A link as the
     * last component is followed; what the name then stands for (nothing, a file, something else)
     * is for the caller to check through the directory. The name is null when the path names a
     * directory itself ("." or ".." at its end, or the file system's root).
     */
    static DirectoryEntry entry(List<Path> roots, Path requested) {
        return new PathWalk(roots, requested.toString()).walk(requested, false);
    }

    /** The directory {@code requested} names, opened. */
    static OpenDirectory directory(List<Path> roots, Path requested) {
        DirectoryEntry entry = new PathWalk(roots, requested.toString()).walk(requested, true);
        return entry.directory();
    }

    private DirectoryEntry walk(Path requested, boolean wholeDirectory) {
        try {
            open.push(OpenDirectory.fileSystemRoot());
            queue(requested.toAbsolutePath());
            DirectoryEntry entry = step(wholeDirectory);
            open.remove(entry.directory());
            return entry;
        } catch (FileSystemException e) {
            throw failure(e);
        } catch (IOException e) {
            throw ToolError.of(
                    ErrorCode.E4001,
                    "cannot open " + requested + ": " + e.getClass().getSimpleName());
        } finally {
            closeAll();
        }
    }

    private DirectoryEntry step(boolean wholeDirectory) throws IOException {
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (open.size() > 1) {
                    open.pop().close();
                }
                continue;
            }
            OpenDirectory here = open.peek();
            Path path = here.path().resolve(name);
            BasicFileAttributes attributes = here.attributes(name);
            if (attributes != null && attributes.isSymbolicLink()) {
                follow(path);
            } else if (todo.isEmpty() && !wholeDirectory) {
                return entryIn(here, name, path);
            } else if (attributes == null) {
                throw new java.nio.file.NoSuchFileException(path.toString());
            } else if (!attributes.isDirectory()) {
                throw new java.nio.file.NotDirectoryException(path.toString());
            } else {
                open.push(here.directory(name, attributes));
            }
        }
        OpenDirectory last = open.peek();
        return entryIn(last, null, last.path());
    }

    private DirectoryEntry entryIn(OpenDirectory directory, String name, Path path) {
        if (!inside(path)) {
            throw outside();
        }
        return new DirectoryEntry(directory, name, path);
    }

    /** Replaces the link by its target's components; an absolute target starts again at "/". */
    private void follow(Path link) throws IOException {
        if (++links > MAX_LINKS) {
            throw new FileSystemException(link.toString(), null, "too many levels of symbolic links");
        }
        Path target = Files.readSymbolicLink(link);
        if (target.isAbsolute()) {
            while (open.size() > 1) {
                open.pop().close();
            }
        }
        List<String> names = names(target);
        for (int i = names.size() - 1; i >= 0; i--) {
            todo.addFirst(names.get(i));
        }
    }

    private void queue(Path absolute) {
        todo.addAll(names(absolute));
    }

    private static List<String> names(Path path) {
        List<String> names = new java.util.ArrayList<>();
        path.forEach(part -> names.add(part.toString()));
        return names;
    }

    private boolean inside(Path path) {
        for (Path root : roots) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Inside a root the reason is told (no such file, not a directory…); outside, only that the
     * path is outside, so existence there cannot be probed.
     */
    private ToolError failure(FileSystemException e) {
        Path where;
        try {
            where = Path.of(e.getFile());
        } catch (InvalidPathException | NullPointerException bad) {
            return outside();
        }
        if (!inside(where)) {
            return outside();
        }
        String reason = e instanceof java.nio.file.NoSuchFileException
                ? "no such file or directory"
                : e instanceof java.nio.file.NotDirectoryException
                        ? "not a directory"
                        : e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
        return ToolError.of(ErrorCode.E4001, reason + ": " + requested).withDetail("path", requested);
    }

    private ToolError outside() {
        return ToolError.of(ErrorCode.E4003, "path is outside the granted roots: " + requested)
                .withDetail("path", requested)
                .withDetail("roots", roots.stream().map(Path::toString).toList());
    }

    private void closeAll() {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (IOException e) {
                // a directory handle that fails to close has nothing left to lose
            }
        }
    }
}
