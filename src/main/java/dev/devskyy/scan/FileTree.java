package dev.devskyy.scan;

import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.OpenDirectory;
import dev.devskyy.io.ReadableFile;
import dev.devskyy.io.TreeWalk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Walks one scan target through open directory handles (see {@link TreeWalk}), so that no link is
 * ever followed and nothing swapped in meanwhile leads outside it; skips {@code .git} and whatever the {@code .gitignore} files on the way exclude. Git's rules
 * hold: a file inside an ignored directory cannot be re-included, because the directory is never
 * entered, and a {@code .gitignore} that is a link is not read.
 */
final class FileTree {
    /** Deeper than this is a crafted tree, not a repository: passed over as unreadable. */
    static final int MAX_DEPTH = 256;

    /** Larger than this is no hand-written ignore file: passed over as unreadable. */
    static final long MAX_GITIGNORE_BYTES = 1L << 20;

    /**
     * A regular file to scan: its name in a directory held open for it (the receiver closes the
     * directory once), and its path as reports show it.
     */
    record Entry(OpenDirectory directory, Path name, String displayPath, long size) {}

    private static final Path GIT = Path.of(".git");
    private static final Path GITIGNORE = Path.of(".gitignore");

    private final String display;
    private final boolean useGitignore;
    private final Consumer<SkipReason> skipped;
    private final BooleanSupplier stop;
    private final Consumer<Entry> files;

    private FileTree(
            String display,
            boolean useGitignore,
            Consumer<SkipReason> skipped,
            BooleanSupplier stop,
            Consumer<Entry> files) {
        this.display = display;
        this.useGitignore = useGitignore;
        this.skipped = skipped;
        this.stop = stop;
        this.files = files;
    }

    /**
     * @param skipped told of each file or directory passed over
     * @param stop checked before each entry; true ends the walk
     * @throws NoSuchFileException when the target does not exist
     */
    static void walk(
            Scan.Target target,
            boolean useGitignore,
            Consumer<SkipReason> skipped,
            BooleanSupplier stop,
            Consumer<Entry> files)
            throws IOException {
        new FileTree(target.display(), useGitignore, skipped, stop, files).walk(target);
    }

    private void walk(Scan.Target target) throws IOException {
        DirectoryEntry at = target.entry();
        if (at.name() == null) {
            walkRoot(at.directory().retain(), target);
            return;
        }
        BasicFileAttributes attributes = at.directory().attributes(at.name());
        if (attributes == null) {
            throw new NoSuchFileException(display);
        } else if (attributes.isRegularFile()) {
            files.accept(new Entry(at.directory().retain(), at.name(), display, attributes.size()));
        } else if (attributes.isDirectory()) {
            walkRoot(at.directory().directory(at.name(), attributes), target);
        } else {
            skipped.accept(SkipReason.NOT_REGULAR);
        }
    }

    private void walkRoot(OpenDirectory root, Scan.Target target) throws IOException {
        try (root) {
            Deque<Level> levels = useGitignore ? enclosingRepository(root, target.ancestors()) : new ArrayDeque<>();
            TreeWalk.walk(root, MAX_DEPTH, new TreeWalk.Visitor() {
                @Override
                public boolean stop() {
                    return stop.getAsBoolean();
                }

                @Override
                public boolean include(String relative, boolean directory) {
                    boolean git = directory && (relative.equals(".git") || relative.endsWith("/.git"));
                    if (git || ignored(levels, relative, directory)) {
                        skipped.accept(SkipReason.IGNORED);
                        return false;
                    }
                    return true;
                }

                @Override
                public void entered(OpenDirectory directory, String relative) {
                    levels.push(new Level(relative, "", useGitignore ? gitignoreOf(directory) : null));
                }

                @Override
                public void left(String relative) {
                    levels.pop();
                }

                @Override
                public void file(OpenDirectory directory, Path name, String relative, long size) {
                    String shown =
                            display.isEmpty() || display.endsWith("/") ? display + relative : display + "/" + relative;
                    files.accept(new Entry(directory.retain(), name, shown, size));
                }

                @Override
                public void skipped(String relative, boolean unreadable) {
                    skipped.accept(unreadable ? SkipReason.UNREADABLE : SkipReason.NOT_REGULAR);
                }
            });
        }
    }

    /**
     * The .gitignore files of the directories above the target, up to the top of its git work
     * tree, so that scanning a subdirectory of a repository ignores what git ignores there. Only
     * the directories the caller could open are looked at; nothing outside a work tree.
     */
    private Deque<Level> enclosingRepository(OpenDirectory root, List<OpenDirectory> ancestors) throws IOException {
        Deque<Level> levels = new ArrayDeque<>();
        if (root.attributes(GIT) != null) {
            return levels;
        }
        for (OpenDirectory ancestor : ancestors) {
            Gitignore rules = gitignoreOf(ancestor);
            if (rules != null) {
                levels.addLast(new Level("", slashes(ancestor.path().relativize(root.path())), rules));
            }
            if (ancestor.attributes(GIT) != null) {
                return levels;
            }
        }
        return new ArrayDeque<>();
    }

    /** A directory's .gitignore; null when it has none, or one that is not a readable regular file. */
    private Gitignore gitignoreOf(OpenDirectory dir) {
        try {
            BasicFileAttributes attributes = dir.attributes(GITIGNORE);
            if (attributes == null || !attributes.isRegularFile()) {
                return null;
            }
            try (ReadableFile file = dir.file(GITIGNORE, MAX_GITIGNORE_BYTES)) {
                return Gitignore.parse(new String(file.readAll(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            skipped.accept(SkipReason.UNREADABLE);
            return null;
        }
    }

    /** The deepest .gitignore that mentions the path decides, as in git. */
    private static boolean ignored(Deque<Level> levels, String relative, boolean directory) {
        for (Level level : levels) {
            if (level.rules() != null) {
                Gitignore.Verdict verdict = level.rules().match(level.relative(relative), directory);
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

    /**
     * One .gitignore's scope. A path relative to the target becomes relative to the .gitignore's
     * directory by dropping {@code below} (a directory inside the target) or putting {@code above}
     * (the way down from a directory above the target) in front.
     */
    private record Level(String below, String above, Gitignore rules) {
        String relative(String path) {
            String inside = below.isEmpty() ? path : path.substring(below.length() + 1);
            return above.isEmpty() ? inside : above + "/" + inside;
        }
    }
}
