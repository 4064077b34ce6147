package dev.devskyy.scan;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One git command, run so that nothing the scanned repository configures can run a program:
 * no system or global configuration, command-line settings (which outrank every configuration
 * file, included ones too) that switch off each setting known to start a program or to change
 * what devskyy parses, no pager, no prompt, no lock taken, no lazy fetch, no replaced objects;
 * the git directory and work tree named explicitly, so git discovers nothing itself. The
 * environment is built from nothing, and git is found on the absolute entries of PATH only (never
 * in the scanned directory). A watchdog kills git and its children as soon as the caller's scan
 * stops: a cancel, a deadline's interrupt, or the scan's end.
 */
final class GitProcess implements AutoCloseable {
    private static final int STDERR_LIMIT = 4096;
    private static final long WATCH_EVERY_MS = 20;

    /** Settings given on the command line, so no configuration file can set them otherwise. */
    private static final List<String> NEUTRAL_CONFIG = List.of(
            "core.fsmonitor=false",
            "core.hooksPath=/dev/null",
            "core.pager=cat",
            "core.quotePath=true",
            "core.attributesFile=/dev/null",
            "core.untrackedCache=false",
            "core.sshCommand=false",
            "core.askPass=false",
            "credential.helper=",
            "diff.external=",
            "diff.noprefix=false",
            "diff.mnemonicPrefix=false",
            "diff.relative=false",
            "diff.submodule=short",
            "log.showSignature=false",
            "log.showRoot=true",
            "log.mailmap=false",
            "protocol.allow=never",
            "gc.auto=0",
            "maintenance.auto=false");

    private final Process process;
    private final Thread watchdog;
    private final Thread stderrReader;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private volatile boolean killed;

    private GitProcess(Process process, BooleanSupplier stop) {
        this.process = process;
        this.stderrReader = new Thread(this::readStderr, "devskyy-git-stderr");
        this.stderrReader.setDaemon(true);
        this.stderrReader.start();
        this.watchdog = new Thread(() -> watch(stop), "devskyy-git-watchdog");
        this.watchdog.setDaemon(true);
        this.watchdog.start();
    }

    /**
     * Starts {@code git <neutral settings> <args>} on that git directory and work tree (none for a
     * bare repository).
     *
     * @param stop asked every few milliseconds; true kills git and everything it started
     */
    static GitProcess start(Path gitDir, Path workTree, List<String> args, BooleanSupplier stop) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.add("--no-pager");
        command.add("--no-replace-objects");
        command.add("--git-dir=" + gitDir);
        if (workTree != null) {
            command.add("--work-tree=" + workTree);
        }
        for (String setting : NEUTRAL_CONFIG) {
            command.add("-c");
            command.add(setting);
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory((workTree == null ? gitDir : workTree).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment());
        return new GitProcess(builder.start(), stop);
    }

    /** The whole environment git gets: nothing of the caller's but where git lives. */
    static Map<String, String> environment() {
        return Map.ofEntries(
                Map.entry("PATH", executable().getParent() + ":/usr/bin:/bin"),
                Map.entry("HOME", "/nonexistent"),
                Map.entry("LC_ALL", "C"),
                Map.entry("GIT_CONFIG_NOSYSTEM", "1"),
                Map.entry("GIT_CONFIG_GLOBAL", "/dev/null"),
                Map.entry("GIT_ATTR_NOSYSTEM", "1"),
                Map.entry("GIT_TERMINAL_PROMPT", "0"),
                Map.entry("GIT_OPTIONAL_LOCKS", "0"),
                Map.entry("GIT_NO_LAZY_FETCH", "1"),
                Map.entry("GIT_NO_REPLACE_OBJECTS", "1"),
                Map.entry("GIT_PAGER", "cat"),
                Map.entry("PAGER", "cat"),
                Map.entry("GIT_ASKPASS", "/bin/false"),
                Map.entry("SSH_ASKPASS", "/bin/false"));
    }

    /** The first {@code git} on an absolute PATH entry: a relative entry could be the scanned tree. */
    static Path executable() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            if (dir.startsWith("/")) {
                Path git = Path.of(dir, "git");
                if (Files.isRegularFile(git) && Files.isExecutable(git)) {
                    return git;
                }
            }
        }
        throw new ScanException("git is not installed (no git on an absolute PATH entry)");
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    /** Waits for git to end; its exit code, or -1 when it was killed. */
    int waitFor() throws InterruptedException {
        int code = process.waitFor();
        stderrReader.join(TimeUnit.SECONDS.toMillis(1));
        return killed ? -1 : code;
    }

    /** What git said on stderr, the last few kilobytes. */
    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8).strip();
        }
    }

    private void readStderr() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getErrorStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (stderr) {
                    if (stderr.size() < STDERR_LIMIT) {
                        stderr.write(buffer, 0, Math.min(n, STDERR_LIMIT - stderr.size()));
                    }
                }
            }
        } catch (IOException e) {
            // git was killed: what it said so far is all there is
        }
    }

    private void watch(BooleanSupplier stop) {
        try {
            while (!process.waitFor(WATCH_EVERY_MS, TimeUnit.MILLISECONDS)) {
                if (stop.getAsBoolean()) {
                    kill();
                    return;
                }
            }
        } catch (InterruptedException e) {
            kill(); // close() interrupts: the scan is over
        }
    }

    /** Kills git's children first (they would otherwise be orphaned and live on), then git. */
    private void kill() {
        killed = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Ends git if it still runs, and its watchdog. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        watchdog.interrupt();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
