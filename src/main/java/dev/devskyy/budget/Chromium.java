package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One headless Chromium for one check: a fresh, private profile; the DevTools protocol on a pipe
 * (no port another process could reach); no network of its own. Its every request is paused and
 * answered by devskyy ({@link ExperienceCheck}), and whatever is not (a WebSocket, a worker's own
 * fetch) meets a proxy that does not exist and names that resolve nowhere, so the browser never
 * reaches a host the caller did not grant. Closing it ends the browser and all its processes and
 * deletes the profile.
 */
final class Chromium implements AutoCloseable {
    /** Where Debian, Ubuntu, Fedora and Google's packages put it, tried in order. */
    private static final List<String> KNOWN = List.of(
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable",
            "/snap/bin/chromium");

    /** How long a browser may take to answer its first command. */
    static final Duration STARTUP = Duration.ofSeconds(30);

    /** How long the browser may take to exit, and then its profile to be deleted. */
    private static final Duration EXIT = Duration.ofSeconds(2);

    private static final Duration POLL = Duration.ofMillis(20);

    private static final String PROFILE_PREFIX = "devskyy-chromium-";

    private final Process process;
    private final Path profile;
    private final DevToolsPipe pipe;

    /** Ends the browser and deletes its profile when devskyy is stopped mid-check (a signal, a CLI timeout). */
    private final Thread onExit = new Thread(this::end, "devskyy-chromium-cleanup");

    private boolean ended;

    private Chromium(Process process, Path profile, Consumer<JsonNode> events) {
        this.process = process;
        this.profile = profile;
        Runtime.getRuntime().addShutdownHook(onExit);
        this.pipe = new DevToolsPipe(
                new BufferedInputStream(process.getInputStream(), 1 << 16),
                new BufferedOutputStream(process.getOutputStream(), 1 << 16),
                events);
    }

    /**
     * The browser to run: {@code DEVSKYY_CHROMIUM} when set, else the first of the usual places.
     *
     * @throws BrowserFailure MISSING naming where devskyy looked
     */
    static Path find(Map<String, String> env) {
        String chosen = env.get("DEVSKYY_CHROMIUM");
        if (chosen != null && !chosen.isBlank()) {
            Path path = Path.of(chosen);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new BrowserFailure(
                        BrowserFailure.Kind.MISSING, "DEVSKYY_CHROMIUM is not an executable file: " + chosen);
            }
            return path;
        }
        Optional<Path> found = KNOWN.stream()
                .map(Path::of)
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
        return found.orElseThrow(() -> new BrowserFailure(
                BrowserFailure.Kind.MISSING,
                "no Chromium found (looked for " + String.join(", ", KNOWN)
                        + "): install it (Debian: apt-get install chromium) or set DEVSKYY_CHROMIUM"));
    }

    /** Starts {@code executable} headless; {@code events} receives every protocol event. */
    static Chromium launch(Path executable, Consumer<JsonNode> events) {
        Path profile;
        try {
            sweepOrphans();
            // owner-only on POSIX; the process id names whose it is, for the sweep after a kill -9
            profile = Files.createTempDirectory(
                    PROFILE_PREFIX + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new BrowserFailure(BrowserFailure.Kind.BROKEN, "no temporary directory for Chromium's profile");
        }
        List<String> command = new ArrayList<>(List.of(
                // the pipe's ends are file descriptors 3 and 4 of the browser: this process's stdin and stdout
                "/bin/sh", "-c", "exec \"$@\" 3<&0 4>&1 </dev/null >/dev/null", "sh", executable.toString()));
        command.addAll(flags(profile, isRoot()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            // Chromium's own temporary files (its singleton socket) go where devskyy's do
            builder.environment().put("TMPDIR", System.getProperty("java.io.tmpdir"));
            Process process = builder.start();
            return new Chromium(process, profile, events);
        } catch (IOException e) {
            delete(profile);
            throw new BrowserFailure(BrowserFailure.Kind.BROKEN, "Chromium would not start: " + executable);
        }
    }

    /** The command-line flags, each there for a reason. */
    static List<String> flags(Path profile, boolean root) {
        List<String> flags = new ArrayList<>(List.of(
                "--headless",
                "--remote-debugging-pipe",
                "--user-data-dir=" + profile,
                // nothing of Chromium's own reaches the network: no updates, sync, field trials or lookups
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-domain-reliability",
                "--metrics-recording-only",
                "--disable-features=Translate,MediaRouter,OptimizationHints,DialMediaRouteProvider",
                // what devskyy does not answer goes nowhere: a proxy nothing listens on, names that resolve to nothing
                "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                // WebRTC's UDP goes around any proxy: only through it (to nowhere). The policy needs both switches.
                "--webrtc-ip-handling-policy=disable_non_proxied_udp",
                "--force-webrtc-ip-handling-policy",
                // small /dev/shm in containers; a fixed viewport so that figures compare run to run
                "--disable-dev-shm-usage",
                "--window-size=1280,800",
                "--mute-audio"));
        if (root) {
            flags.add("--no-sandbox"); // Chromium refuses to run its sandbox as root
        }
        flags.add("about:blank");
        return flags;
    }

    private static boolean isRoot() {
        return Integer.valueOf(0).equals(ownUid());
    }

    /** This process's user id: the owner of its /proc directory (the link /proc/self itself is root's). */
    private static Object ownUid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    DevToolsPipe pipe() {
        return pipe;
    }

    @Override
    public void close() {
        end(); // first: should the JVM begin to exit meanwhile, its hook waits for this to finish
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // shutting down already: the hook finds the browser ended
        }
    }

    /** Synchronized: the exit hook waits for a close already under way, so that the JVM halts after it. */
    private synchronized void end() {
        if (ended) {
            return;
        }
        ended = true;
        pipe.close();
        try {
            // The end of its pipe makes Chromium exit by itself (in ~150 ms here), removing what it keeps
            // outside the profile: a killed browser leaves its singleton socket's directory in /tmp
            process.getOutputStream().close();
        } catch (IOException e) {
            // the pipe broke already: the browser is ending
        }
        if (!await(() -> !process.isAlive())) {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroyForcibly);
            await(() -> !process.isAlive());
        }
        // A helper forked as the browser was killed escapes it and may still write into the profile
        // while it is deleted: whatever still runs on the profile is ended until the profile is gone
        await(() -> {
            if (delete(profile)) {
                return true;
            }
            runningOn(profile).forEach(ProcessHandle::destroyForcibly);
            return false;
        });
    }

    /**
     * Polls until {@code done}, for at most {@link #EXIT}. An interrupt does not cut the cleanup short
     * (a cancelled call is interrupted as it ends, and its browser must end all the same): it is kept for after.
     */
    private static boolean await(BooleanSupplier done) {
        long until = System.nanoTime() + EXIT.toNanos();
        boolean interrupted = false;
        boolean finished;
        while (!(finished = done.getAsBoolean()) && System.nanoTime() - until < 0) {
            LockSupport.parkNanos(POLL.toNanos());
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return finished;
    }

    /** The processes whose command line names {@code profile}: this browser's, helpers included. */
    private static List<ProcessHandle> runningOn(Path profile) {
        String flag = "--user-data-dir=" + profile;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(flag))
                .toList();
    }

    /**
     * Deletes the profiles a devskyy killed mid-check left behind: those of this user whose process
     * is gone. (Its browser ended with it: Chromium exits when its pipe closes.)
     */
    private static void sweepOrphans() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Object self = ownUid();
        if (self == null) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(temp, PROFILE_PREFIX + "*")) {
            for (Path entry : entries) {
                String[] parts = entry.getFileName()
                        .toString()
                        .substring(PROFILE_PREFIX.length())
                        .split("-", 2);
                boolean orphan = parts.length == 2
                        && parts[0].matches("[0-9]{1,10}")
                        && ProcessHandle.of(Long.parseLong(parts[0])).isEmpty();
                if (orphan && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && self.equals(uid(entry))) {
                    delete(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // an entry that went away meanwhile: nothing to clean
        }
    }

    /** The owner's user id of {@code path} itself (a link is not followed), or null where there is none. */
    private static Object uid(Path path) {
        try {
            return Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Deletes the profile without following a link out of it; whether it is gone. */
    private static boolean delete(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a file still held or written: the caller tries again, and the system cleans its temp in time
        }
        return Files.notExists(directory, LinkOption.NOFOLLOW_LINKS);
    }
}
