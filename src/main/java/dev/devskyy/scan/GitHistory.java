package dev.devskyy.scan;

import dev.devskyy.io.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What commits added to a repository ({@code git log -p}), or what is staged there ({@code git
 * diff --cached}), read from git's output as it is printed. Only added lines are read (no
 * context), so each line is scanned once, in the commit that added it; merge commits show no
 * diff, so what they bring from a branch is not reported twice. Every file is shown as text
 * ({@code --text}): the repository's own attributes could otherwise mark a file binary and hide it,
 * so devskyy decides what is binary itself, as it does for files.
 */
final class GitHistory {
    /** Options every run has: patches of added lines only, with nothing that can run a program. */
    private static final List<String> PATCH = List.of(
            "-p",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--text",
            "--unified=0",
            "-M",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            "--submodule=short");

    private final Scan.History history;
    private final long maxFileSize;
    private final BooleanSupplier stopping;
    private int commits;

    GitHistory(Scan.History history, long maxFileSize, BooleanSupplier stopping) {
        this.history = history;
        this.maxFileSize = maxFileSize;
        this.stopping = stopping;
    }

    int commits() {
        return commits;
    }

    /** The git command's arguments after the neutral settings. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (history.staged()) {
            args.add("diff");
            args.add("--cached");
            args.addAll(PATCH);
            return args;
        }
        LogOptions log = history.log();
        args.add("log");
        args.addAll(PATCH);
        args.add("--diff-merges=off");
        args.add(PatchParser.FORMAT);
        args.addAll(log.options());
        args.add("--end-of-options");
        if (impliesHead()) {
            args.add("HEAD");
        }
        args.addAll(log.revisions());
        args.add("--");
        args.addAll(log.paths());
        return args;
    }

    /** No revision nor ref option given: HEAD, as git log's own default. */
    private boolean impliesHead() {
        LogOptions log = history.log();
        return !history.staged()
                && log.revisions().isEmpty()
                && log.options().stream().noneMatch(GitHistory::selectsRefs);
    }

    private static boolean selectsRefs(String option) {
        return option.equals("--all")
                || option.startsWith("--branches")
                || option.startsWith("--tags")
                || option.startsWith("--remotes");
    }

    /** Runs git and hands each file's added lines to {@code sink} as they are read. */
    void read(Consumer<PatchParser.Change> sink) {
        GitRepository repository = history.repository();
        if (history.staged() && repository.workTree() == null) {
            throw new ScanException("a bare repository has no staged changes");
        }
        Thread caller = Thread.currentThread();
        BooleanSupplier stop = () -> caller.isInterrupted() || stopping.getAsBoolean();
        PatchParser parser = new PatchParser(maxFileSize, sink);
        try (GitProcess git = GitProcess.start(repository.gitDir(), repository.workTree(), arguments(), stop)) {
            try (InputStream out = git.stdout()) {
                parser.parse(out);
            } catch (IOException e) {
                if (!stop.getAsBoolean()) {
                    throw new ScanException("cannot read git's output: " + e.getMessage(), e);
                }
            }
            commits = parser.commits();
            int code = git.waitFor();
            if (code != 0 && !stop.getAsBoolean() && !isUnborn(git.stderr())) {
                throw new ScanException("git " + (history.staged() ? "diff --cached" : "log") + " failed: "
                        + Printable.of(git.stderr(), 400));
            }
        } catch (IOException e) {
            throw new ScanException("cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            caller.interrupt(); // the scan reports it as stopped
        }
    }

    /** A repository with no commit yet has no history: that is no error. */
    private boolean isUnborn(String stderr) {
        return stderr.contains("does not have any commits yet")
                || (impliesHead() && stderr.equals("fatal: bad revision 'HEAD'"));
    }
}
