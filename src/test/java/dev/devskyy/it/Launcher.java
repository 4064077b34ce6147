package dev.devskyy.it;

import dev.devskyy.testing.OwnThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the real {@code bin/devskyy} as a subprocess with a minimal environment, as MCP hosts do. */
final class Launcher {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path SCRIPT = PROJECT.resolve("bin/devskyy");

    record Run(int code, String out, String err) {}

    private Launcher() {}

    /** {@code env -i PATH=/usr/bin:/bin HOME=home} plus {@code extraEnv}. */
    static Run run(Path home, Path workingDir, Map<String, String> extraEnv, Path script, String... args)
            throws IOException, InterruptedException {
        return start(home, workingDir, extraEnv, script, args).finish();
    }

    /** Runs a helper program (npm, node) to completion and returns its output; fails on a non-zero exit. */
    static String runTool(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            // A black-box test needs its tools; a missing one is a failure, never a skip.
            throw new AssertionError(command.get(0) + " is required by this test (Node 20+ with npm on PATH)", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    /** The JDKs under /usr/lib/jvm (each with a release file and a java), as the launcher sees them. */
    static List<Path> installedJdks() throws IOException {
        List<Path> jdks = new ArrayList<>();
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path jdk : homes.toList()) {
                if (Files.isRegularFile(jdk.resolve("release")) && Files.isExecutable(jdk.resolve("bin/java"))) {
                    jdks.add(jdk);
                }
            }
        }
        return jdks;
    }

    static Run run(Path home, String... args) throws IOException, InterruptedException {
        return run(home, PROJECT, Map.of(), SCRIPT, args);
    }

    /** Started with its stdout drained in the background, for {@link Pending#finish()}. */
    static Pending start(Path home, Path workingDir, Map<String, String> extraEnv, Path script, String... args)
            throws IOException {
        Pending pending = startInteractive(home, workingDir, extraEnv, script, args);
        pending.drainStdout();
        return pending;
    }

    /** Started with its stdout left for the test to read. */
    static Pending startInteractive(
            Path home, Path workingDir, Map<String, String> extraEnv, Path script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(extraEnv);
        return new Pending(builder.start());
    }

    /** A started process whose output is being drained. */
    static final class Pending {
        private final Process process;
        private final CompletableFuture<String> err;

        Pending(Process process) {
            this.process = process;
            this.err = drain(process.getErrorStream());
        }

        private CompletableFuture<String> stdout;

        private void drainStdout() {
            stdout = drain(process.getInputStream());
        }

        /** What the process wrote on stderr, once it has exited. */
        String stderr() {
            return err.join();
        }

        Process process() {
            return process;
        }

        /** Closes the process's input, then waits for it to exit. */
        Run finish() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already closed by the test that wrote to it
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("devskyy did not exit within 120 s");
            }
            return new Run(process.exitValue(), stdout.join(), err.join());
        }

        private static CompletableFuture<String> drain(java.io.InputStream stream) {
            return CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    },
                    OwnThreads.EXECUTOR);
        }
    }
}
