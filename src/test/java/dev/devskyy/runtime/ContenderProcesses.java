package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real JVMs running {@link StateContender} at the same time, on this test's own class path. */
final class ContenderProcesses {
    private record Running(Process process, Path out, Path err) {}

    private final Path logs;
    private final List<Running> running = new ArrayList<>();

    ContenderProcesses(Path logs) {
        this.logs = logs;
    }

    void start(String... args) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                StateContender.class.getName()));
        command.addAll(List.of(args));
        int n = running.size();
        Path out = logs.resolve("out-" + n);
        Path err = logs.resolve("err-" + n);
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        running.add(new Running(process, out, err));
    }

    /** Waits for every process; each must exit 0 and report no failed call. Returns their stdout. */
    String awaitAll() throws Exception {
        StringBuilder all = new StringBuilder();
        for (Running r : running) {
            boolean exited = r.process().waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                running.forEach(other -> other.process().destroyForcibly());
            }
            assertThat(exited).as("contender finished in time").isTrue();
            String out = Files.readString(r.out());
            assertThat(r.process().exitValue())
                    .as("contender exit; stderr: %s", Files.readString(r.err()))
                    .isZero();
            assertThat(out).as("failed calls").doesNotContain("ERROR");
            all.append(out);
        }
        return all.toString();
    }
}
