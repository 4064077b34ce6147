package dev.devskyy.runtime;

import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.OpenDirectory;
import dev.devskyy.io.Printable;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path the way the kernel would, one component at a time from its granted root (see
 * {@link #startAtRoot}) or the file system's root, each directory opened relative to the one before it and never through a link: a link is read
 * and its target walked the same way. So the directory handed back is the real one, inside a
 * granted root, at the moment it is used — no second lookup by name can be redirected.
 *
 * <p>Components are kept as one-name paths, never as strings, so names that are not valid UTF-8
 * keep their bytes. A walk may pass through directories outside the roots (a path given through a
 * link elsewhere that leads into a root), but every failure there is "outside the granted roots",
 * whether or not what it names exists, and it never backs out of such a directory with "..": so
 * existence outside cannot be probed.
 */
final class PathWalk {
    /** As Linux's MAXSYMLINKS: more links than this in one path is a loop. */
    private static final int MAX_LINKS = 40;

    /** More components than this (links' included) is no real path; each open level costs a descriptor. */
    static final int MAX_COMPONENTS = 256;

    /** A granted root: its real path, and the identity of the directory there when it was granted. */
    record Root(Path path, Object fileKey) {}

    /** Thrown to walk again from "/": a shortcut start at a root met a ".." or a link out of it. */
    private static final class Restart extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Restart() {
            super(null, null, false, false);
        }
    }

    private final List<Root> roots;
    private final String requested;

    /** The path as errors show it: control characters escaped, length bounded. */
    private final String shown;

    private final Deque<OpenDirectory> open = new ArrayDeque<>();
    private final Deque<Path> todo = new ArrayDeque<>();
    private int links;
    private int components;

    /** Where the walk is looking now: the place a failure is told about. */
    private Path at;

    private PathWalk(List<Root> roots, String requested) {
        this.roots = roots;
        this.requested = requested;
        this.shown = Printable.of(requested, 240);
    }

    /**
     * The directory that holds {@code requested}'s last component, and that name. A link as the
     * last component is followed; what the name then stands for (nothing, a file, something else)
     * is for the caller to check through the directory. The name is null when the path names a
     * directory itself ("." or ".." at its end, or the file system's root).
     */
    static DirectoryEntry entry(List<Root> roots, Path requested) {
        return new PathWalk(roots, requested.toString()).walk(requested, false);
    }

    /** The directory {@code requested} names, opened. */
    static OpenDirectory directory(List<Root> roots, Path requested) {
        return new PathWalk(roots, requested.toString()).walk(requested, true).directory();
    }

    private DirectoryEntry walk(Path requested, boolean wholeDirectory) {
        try {
            Path absolute = requested.toAbsolutePath();
            if (startAtRoot(absolute)) {
                try {
                    return finish(step(wholeDirectory));
                } catch (Restart e) {
                    closeAll();
                    todo.clear();
                    links = 0;
                    components = 0;
                }
            }
            open.push(OpenDirectory.fileSystemRoot());
            at = open.peek().path();
            push(absolute);
            return finish(step(wholeDirectory));
        } catch (FileSystemException e) {
            throw failure(e);
        } catch (IOException e) {
            throw ToolError.of(
                    ErrorCode.E4001,
                    "cannot open " + shown + ": " + e.getClass().getSimpleName());
        } finally {
            closeAll();
        }
    }

    /**
     * Starts the walk at the deepest root the path lies below, opened by its real path and used
     * only if it is still the very directory that was granted: the way there lies outside the
     * roots, where a caller cannot change it, and this spares opening every directory above the
     * root on each call. Returns false (nothing opened) when no root applies.
     */
    private boolean startAtRoot(Path absolute) throws IOException {
        Root start = null;
        for (Root root : roots) {
            if (absolute.startsWith(root.path())
                    && absolute.getNameCount() > root.path().getNameCount()
                    && (start == null || root.path().startsWith(start.path()))) {
                start = root;
            }
        }
        if (start == null) {
            return false;
        }
        OpenDirectory opened;
        try {
            opened = OpenDirectory.at(start.path());
        } catch (IOException e) {
            return false; // gone or replaced: the full walk says what became of it
        }
        if (!opened.fileKey().equals(start.fileKey())) {
            opened.close();
            return false;
        }
        open.push(opened);
        at = start.path();
        // subpath, not relativize: relativize normalizes "link/.." away before the link is read
        push(absolute.subpath(start.path().getNameCount(), absolute.getNameCount()));
        return true;
    }

    private DirectoryEntry finish(DirectoryEntry entry) {
        open.remove(entry.directory());
        return entry;
    }

    /** A ".." or an absolute link at the bottom of a walk that started at a root needs what lies above. */
    private boolean atShortcutStart() {
        return open.size() == 1 && open.peek().path().getNameCount() > 0;
    }

    private DirectoryEntry step(boolean wholeDirectory) throws IOException {
        while (!todo.isEmpty()) {
            Path name = todo.removeFirst();
            if (++components > MAX_COMPONENTS) {
                throw ToolError.of(
                                ErrorCode.E4001,
                                "path has more than " + MAX_COMPONENTS + " components, links included: " + shown)
                        .withDetail("path", shown);
            }
            String text = name.toString();
            if (text.equals(".")) {
                continue;
            }
            if (text.equals("..")) {
                if (!onTheWayToARoot(at)) {
                    // Back out of a directory outside the roots: whether it existed would show.
                    throw outside();
                }
                if (atShortcutStart()) {
                    throw new Restart();
                }
                if (open.size() > 1) {
                    open.pop().close();
                    at = open.peek().path();
                }
                continue;
            }
            OpenDirectory here = open.peek();
            at = here.path().resolve(name);
            BasicFileAttributes attributes = here.attributes(name);
            if (attributes != null && attributes.isSymbolicLink()) {
                follow(at);
            } else if (todo.isEmpty() && !wholeDirectory) {
                return entryIn(here, name, at);
            } else if (attributes == null) {
                throw new NoSuchFileException(at.toString());
            } else if (!attributes.isDirectory()) {
                throw new NotDirectoryException(at.toString());
            } else {
                open.push(here.directory(name, attributes));
            }
        }
        OpenDirectory last = open.peek();
        return entryIn(last, null, last.path());
    }

    private DirectoryEntry entryIn(OpenDirectory directory, Path name, Path path) {
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
            if (atShortcutStart()) {
                throw new Restart();
            }
        }
        push(target);
        at = open.peek().path();
    }

    /** Puts {@code path}'s components in front of what is left to walk. */
    private void push(Path path) {
        List<Path> names = new ArrayList<>();
        path.forEach(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
            todo.addFirst(names.get(i));
        }
    }

    private boolean inside(Path path) {
        return roots.stream().anyMatch(root -> path.startsWith(root.path()));
    }

    /** Inside a root, or a directory above one (the only places a walk may pass through). */
    private boolean onTheWayToARoot(Path path) {
        return roots.stream()
                .anyMatch(root -> path.startsWith(root.path()) || root.path().startsWith(path));
    }

    /**
     * Inside a root the reason is told (no such file, not a directory…); outside, only that the
     * path is outside, so existence there cannot be probed. The place is the walk's own, not the
     * exception's: an openat failure names only the last component.
     */
    private ToolError failure(FileSystemException e) {
        if (!inside(at)) {
            return outside();
        }
        return ThrowableErrors.forFile("devskyy", requested, e);
    }

    private ToolError outside() {
        return ToolError.of(ErrorCode.E4003, "path is outside the granted roots: " + shown)
                .withDetail("path", shown)
                .withDetail(
                        "roots",
                        roots.stream().map(root -> root.path().toString()).toList());
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
