package dev.devskyy.io;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Walks a directory tree through open handles, names in sorted order, never following a link:
 * every subdirectory is opened relative to its parent and checked to be what was listed, so
 * nothing renamed or swapped in meanwhile leads outside the tree. Depth is bounded, since a
 * crafted tree can be far deeper than any real one.
 */
public final class TreeWalk {
    /** What a walk reports, and how its user steers it. */
    public interface Visitor {
        /** Checked before each entry; true ends the walk. */
        boolean stop();

        /** Whether the entry at {@code relative} is walked (a directory) or reported (a file). */
        boolean include(String relative, boolean directory);

        /** A directory was opened and is about to be walked ("" for the root). */
        default void entered(OpenDirectory directory, String relative) {}

        /** A directory's walk is over. */
        default void left(String relative) {}

        /** A regular file, by its name in {@code directory}, which stays open only during the call. */
        void file(OpenDirectory directory, Path name, String relative, long size);

        /** Something not walked: a link, FIFO, socket or device, or what could not be read. */
        void skipped(String relative, boolean unreadable);
    }

    private final int maxDepth;
    private final Visitor visitor;

    private TreeWalk(int maxDepth, Visitor visitor) {
        this.maxDepth = maxDepth;
        this.visitor = visitor;
    }

    /** Walks {@code root}, which stays open (its owner closes it). */
    public static void walk(OpenDirectory root, int maxDepth, Visitor visitor) {
        new TreeWalk(maxDepth, visitor).directory(root, "", 0);
    }

    private void directory(OpenDirectory dir, String relative, int depth) {
        visitor.entered(dir, relative);
        try {
            for (Path name : sortedNames(dir, relative)) {
                if (visitor.stop()) {
                    return;
                }
                visit(dir, name, relative.isEmpty() ? name.toString() : relative + "/" + name, depth);
            }
        } finally {
            visitor.left(relative);
        }
    }

    private void visit(OpenDirectory dir, Path name, String relative, int depth) {
        BasicFileAttributes attributes;
        try {
            attributes = dir.attributes(name);
        } catch (IOException e) {
            visitor.skipped(relative, true);
            return;
        }
        if (attributes == null) {
            return; // removed since it was listed
        }
        if (attributes.isDirectory()) {
            if (!visitor.include(relative, true)) {
                return;
            }
            if (depth >= maxDepth) {
                visitor.skipped(relative, true);
                return;
            }
            try (OpenDirectory child = dir.directory(name, attributes)) {
                directory(child, relative, depth + 1);
            } catch (IOException e) {
                visitor.skipped(relative, true);
            }
        } else if (!attributes.isRegularFile()) {
            visitor.skipped(relative, false);
        } else if (visitor.include(relative, false)) {
            visitor.file(dir, name, relative, attributes.size());
        }
    }

    private List<Path> sortedNames(OpenDirectory dir, String relative) {
        List<Path> names = new ArrayList<>();
        try {
            for (Iterator<Path> it = dir.names(); it.hasNext(); ) {
                names.add(it.next().getFileName());
            }
        } catch (RuntimeException e) {
            // a DirectoryIteratorException: what was listed so far is still walked
            visitor.skipped(relative, true);
        }
        names.sort(null);
        return names;
    }
}
