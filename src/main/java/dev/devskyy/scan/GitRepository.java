package dev.devskyy.scan;

import dev.devskyy.io.OpenDirectory;
import dev.devskyy.io.Printable;
import dev.devskyy.io.TreeWalk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A git repository whose every part git will read lies inside the caller's roots: the git
 * directory (a {@code .git} file's {@code gitdir:} may point anywhere), its common directory (a
 * linked work tree's {@code commondir}), its object store and every alternate object store, with
 * no link inside the object store and none among the git directory's own files. Each directory is
 * opened through the caller's guarded path walk, which follows links itself and refuses what lies
 * outside the roots; git is then asked where it thinks the directories are, and must agree.
 *
 * @param workTree null for a bare repository
 */
record GitRepository(Path gitDir, Path commonDir, Path workTree) {
    private static final long MAX_POINTER_FILE = 4096;
    private static final long MAX_ALTERNATES_FILE = 64 * 1024;
    /** As deep as git itself follows alternates of alternates. */
    private static final int MAX_ALTERNATE_DEPTH = 5;
    /** objects/xx/file, objects/pack/file, objects/info/commit-graphs/file. */
    private static final int OBJECTS_DEPTH = 3;

    /** What the caller may read, as the runtime's guarded walk decides. */
    interface Roots {
        /** The directory opened inside the roots; the runtime's refusal (E4003) when outside. */
        OpenDirectory directory(Path path);

        /** The regular file read whole inside the roots, at most {@code maxBytes}. */
        byte[] read(Path path, long maxBytes);

        boolean inside(Path path);
    }

    /** A repository that may not be scanned: its message says why, in devskyy's words. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** The repository {@code dir} (already opened inside the roots) is in, checked whole. */
    static GitRepository locate(OpenDirectory dir, Roots roots, java.util.function.BooleanSupplier stop)
            throws IOException {
        GitRepository found = find(dir, roots);
        Path gitDir = checkedDirectory(found.gitDir(), roots, "git directory");
        Path commonDir = gitDir;
        try (OpenDirectory git = roots.directory(gitDir)) {
            refuseLinks(git, "");
            if (git.attributes(Path.of("commondir")) != null) {
                commonDir = checkedDirectory(
                        gitDir.resolve(pointer(roots.read(gitDir.resolve("commondir"), MAX_POINTER_FILE))),
                        roots,
                        "common git directory");
            }
        }
        if (!commonDir.equals(gitDir)) {
            try (OpenDirectory common = roots.directory(commonDir)) {
                refuseLinks(common, "");
            }
        }
        checkObjects(commonDir.resolve("objects"), roots, 0);
        GitRepository repository = new GitRepository(gitDir, commonDir, found.workTree());
        repository.agreeWithGit(roots, stop);
        return repository;
    }

    /** The nearest {@code .git} at or above {@code dir} inside the roots, or {@code dir} if bare. */
    private static GitRepository find(OpenDirectory dir, Roots roots) throws IOException {
        if (isBare(dir)) {
            return new GitRepository(dir.path(), dir.path(), null);
        }
        Path dotGit = Path.of(".git");
        for (Path d = dir.path(); d != null && roots.inside(d); d = d.getParent()) {
            BasicFileAttributes attributes;
            try (OpenDirectory open = roots.directory(d)) {
                attributes = open.attributes(dotGit);
            }
            if (attributes == null) {
                continue;
            }
            if (attributes.isRegularFile()) {
                String target = pointer(roots.read(d.resolve(dotGit), MAX_POINTER_FILE));
                if (!target.startsWith("gitdir: ")) {
                    throw new Refused(d.resolve(dotGit) + " is a file that does not start with gitdir:");
                }
                return new GitRepository(d.resolve(target.substring(8)).normalize(), null, d);
            }
            return new GitRepository(d.resolve(dotGit), null, d);
        }
        throw new Refused("no git repository at or above " + dir.path() + " inside the granted roots");
    }

    private static boolean isBare(OpenDirectory dir) throws IOException {
        BasicFileAttributes head = dir.attributes(Path.of("HEAD"));
        BasicFileAttributes objects = dir.attributes(Path.of("objects"));
        BasicFileAttributes refs = dir.attributes(Path.of("refs"));
        return head != null
                && head.isRegularFile()
                && objects != null
                && objects.isDirectory()
                && refs != null
                && refs.isDirectory();
    }

    /** The directory's real place, opened through the roots (which refuse it outside them). */
    private static Path checkedDirectory(Path path, Roots roots, String what) {
        if (!roots.inside(path.normalize())) {
            throw new Refused(
                    "the " + what + " " + Printable.of(path.toString(), 240) + " lies outside the granted roots");
        }
        try (OpenDirectory open = roots.directory(path)) {
            return open.path();
        } catch (IOException e) {
            throw new Refused("cannot open the " + what + " " + Printable.of(path.toString(), 240));
        }
    }

    /** The one line of a pointer file (.git, commondir), without its line break. */
    private static String pointer(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /**
     * The object store at {@code objects}: inside the roots, with no link anywhere in it (a loose
     * object or pack could be a link to a file outside), and its alternates the same, as deep as
     * git follows them.
     */
    private static void checkObjects(Path objects, Roots roots, int depth) throws IOException {
        if (depth > MAX_ALTERNATE_DEPTH) {
            throw new Refused("alternate object stores nest deeper than " + MAX_ALTERNATE_DEPTH);
        }
        Path real = checkedDirectory(objects, roots, depth == 0 ? "object store" : "alternate object store");
        try (OpenDirectory store = roots.directory(real)) {
            refuseLinks(store, "objects");
            BasicFileAttributes info = store.attributes(Path.of("info"));
            if (info == null || !info.isDirectory()) {
                return;
            }
            BasicFileAttributes alternates;
            try (OpenDirectory infoDir = store.directory(Path.of("info"), info)) {
                alternates = infoDir.attributes(Path.of("alternates"));
            }
            if (alternates == null) {
                return;
            }
            byte[] list = roots.read(real.resolve("info/alternates"), MAX_ALTERNATES_FILE);
            for (String alternate : alternates(list)) {
                checkObjects(real.resolve(alternate).normalize(), roots, depth + 1);
            }
        }
    }

    /** The object stores an alternates file lists: one a line, # comments, C-quoted if quoted. */
    static List<String> alternates(byte[] list) {
        List<String> out = new ArrayList<>();
        for (String line : new String(list, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.length() > 1 && line.startsWith("\"") && line.endsWith("\"")) {
                byte[] raw = line.getBytes(StandardCharsets.UTF_8);
                line = new String(PatchParser.unquote(raw, 1, raw.length - 1), StandardCharsets.UTF_8);
            }
            out.add(line);
        }
        return out;
    }

    /** Refuses a link, FIFO or device anywhere below {@code dir} ("objects") or right in it (""). */
    private static void refuseLinks(OpenDirectory dir, String where) {
        int depth = where.isEmpty() ? 0 : OBJECTS_DEPTH;
        TreeWalk.walk(dir, depth, new TreeWalk.Visitor() {
            @Override
            public boolean stop() {
                return false;
            }

            @Override
            public boolean include(String relative, boolean directory) {
                return true;
            }

            @Override
            public void file(OpenDirectory directory, Path name, String relative, long size) {}

            @Override
            public void skipped(String relative, boolean unreadable) {
                if (!unreadable) {
                    throw new Refused("the git directory " + dir.path() + " holds a link or special file: "
                            + Printable.of(relative, 240));
                }
            }
        });
    }

    /** git's own view of the git and common directories must be what was checked. */
    private void agreeWithGit(Roots roots, java.util.function.BooleanSupplier stop) throws IOException {
        List<String> answer;
        try (GitProcess git = GitProcess.start(
                gitDir, workTree, List.of("rev-parse", "--absolute-git-dir", "--git-common-dir"), stop)) {
            answer = lines(git.stdout());
            int code = git.waitFor();
            if (code != 0 || answer.size() != 2) {
                throw new ScanException(
                        "git cannot read the repository at " + gitDir + ": " + Printable.of(git.stderr(), 400));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScanException("interrupted while asking git about " + gitDir);
        }
        Path seenGitDir = checkedDirectory(Path.of(answer.get(0)), roots, "git directory");
        Path seenCommon = checkedDirectory(gitDir.resolve(answer.get(1)).normalize(), roots, "common git directory");
        if (!seenGitDir.equals(gitDir) || !seenCommon.equals(commonDir)) {
            throw new Refused("git reads the repository from " + seenGitDir + " and " + seenCommon
                    + ", not where devskyy checked it");
        }
    }

    private static List<String> lines(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(2 * 4096 + 2);
        List<String> out = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }
}
