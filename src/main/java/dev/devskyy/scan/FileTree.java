package dev.devskyy.scan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Walks one scan root in a stable order, never following symbolic links, skipping {@code .git}
 * and whatever the {@code .gitignore} files on the way exclude. Git's rule holds: a file inside an
 * ignored directory cannot be re-included, because the directory is never entered.
 */
final class FileTree {
    /** A regular file to scan, with its path as reports show it. */
    record Entry(Path file, String displayPath, long size) {}

    /** Counts of what the walk passed over. */
    interface Skips {
        void ignored();

        void unreadable();

        void notRegular();
    }

    private FileTree() {}

    /**
     * @param display how the root is shown; its files' paths start with it ("" shows them bare)
     * @param stop checked before each file; true ends the walk
     */
    static void walk(
            Path root,
            String display,
            boolean useGitignore,
            Skips skips,
            java.util.function.BooleanSupplier stop,
            Consumer<Entry> files)
            throws IOException {
        BasicFileAttributes rootAttributes = Files.readAttributes(root, BasicFileAttributes.class);
        if (!rootAttributes.isDirectory()) {
            files.accept(new Entry(root, display, rootAttributes.size()));
            return;
        }
        Deque<Level> levels = useGitignore ? enclosingRepository(root, skips) : new ArrayDeque<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (stop.getAsBoolean()) {
                    return FileVisitResult.TERMINATE;
                }
                if (!dir.equals(root)) {
                    if (dir.getFileName().toString().equals(".git") || ignored(levels, dir, true)) {
                        skips.ignored();
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }
                levels.push(new Level(dir, useGitignore ? gitignoreOf(dir, skips) : null));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (stop.getAsBoolean()) {
                    return FileVisitResult.TERMINATE;
                }
                if (!attrs.isRegularFile()) {
                    skips.notRegular();
                } else if (ignored(levels, file, false)) {
                    skips.ignored();
                } else {
                    String relative = slashes(root.relativize(file));
                    files.accept(new Entry(
                            file,
                            display.isEmpty() || display.endsWith("/") ? display + relative : display + "/" + relative,
                            attrs.size()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!(e instanceof NoSuchFileException)) {
                    skips.unreadable();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    skips.unreadable();
                }
                levels.pop();
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The .gitignore files above the root, up to the top of its git work tree, so that scanning
     * a subdirectory of a repository ignores what git ignores there. Nothing outside a work tree.
     */
    private static Deque<Level> enclosingRepository(Path root, Skips skips) {
        Deque<Level> levels = new ArrayDeque<>();
        Path top = root;
        while (top != null && !Files.exists(top.resolve(".git"))) {
            top = top.getParent();
        }
        if (top == null) {
            return levels;
        }
        for (Path dir = root.getParent(); dir != null && dir.startsWith(top); dir = dir.getParent()) {
            Gitignore rules = gitignoreOf(dir, skips);
            if (rules != null) {
                levels.addLast(new Level(dir, rules));
            }
        }
        return levels;
    }

    /** A directory's .gitignore; null when it has none, or has one that cannot be read (counted). */
    private static Gitignore gitignoreOf(Path dir, Skips skips) {
        Path file = dir.resolve(".gitignore");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Gitignore.read(file);
        } catch (IOException e) {
            skips.unreadable();
            return null;
        }
    }

    /** The deepest .gitignore that mentions the path decides, as in git. */
    private static boolean ignored(Deque<Level> levels, Path path, boolean directory) {
        for (Level level : levels) {
            if (level.rules() != null) {
                Gitignore.Verdict verdict =
                        level.rules().match(slashes(level.dir().relativize(path)), directory);
                if (verdict != Gitignore.Verdict.UNMENTIONED) {
                    return verdict == Gitignore.Verdict.IGNORED;
                }
            }
        }
        return false;
    }

    static String slashes(Path relative) {
        return relative.toString().replace(java.io.File.separatorChar, '/');
    }

    private record Level(Path dir, Gitignore rules) {}
}
