package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.ToolCallResult;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history git takes long to print (two versions of a file whose every line differs, so the diff
 * itself is slow) is cut short by the tool's deadline and by a cancel: the call returns, and git is
 * killed with everything it started instead of printing on for the caller that has gone.
 */
@Tag("security")
class GitDeadlineAttackTest {
    static final long DEADLINE_MS = 1500;
    static final long STOPS_WITHIN_MS = 1500;

    @TempDir
    Path root;

    GitRepo repo;

    @BeforeEach
    void slowHistory() throws Exception {
        repo = new GitRepo(root.resolve("repo"));
        Process importer = new ProcessBuilder("git", "fast-import", "--quiet")
                .directory(repo.dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = importer.getOutputStream()) {
            for (int version = 0; version < 24; version++) {
                StringBuilder file = new StringBuilder();
                for (int i = 0; i < 200_000; i++) {
                    file.append(version)
                            .append(" line ")
                            .append(i * 7919L % 1_000_003)
                            .append('\n');
                }
                byte[] data = file.toString().getBytes(StandardCharsets.US_ASCII);
                String header = "commit refs/heads/main\ncommitter A <a@example.org> 1700000000 +0000\n" + "data 1\nx\n"
                        + "M 100644 inline big.txt\ndata " + data.length + "\n";
                in.write(header.getBytes(StandardCharsets.US_ASCII));
                in.write(data);
                in.write('\n');
            }
        }
        assertThat(importer.waitFor()).isZero();
    }

    static boolean noGitLeftWithin(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.current().descendants().noneMatch(GitDeadlineAttackTest::isGit)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    static boolean isGit(ProcessHandle p) {
        return p.isAlive() && p.info().command().map(c -> c.endsWith("/git")).orElse(false);
    }

    static void awaitGit() throws InterruptedException {
        while (ProcessHandle.current().descendants().noneMatch(GitDeadlineAttackTest::isGit)) {
            Thread.sleep(5);
        }
        Thread.sleep(200);
    }

    @Test
    void theDeadlineKillsGitAndTheCallReturns() throws Exception {
        long started = System.nanoTime();
        ToolCallResult result = GitRepo.scan(
                root,
                "\"paths\":[\"" + repo.dir + "\"],\"git\":{},\"max_file_size\":104857600",
                Duration.ofMillis(DEADLINE_MS));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(result.structuredContent().path("name").asText())
                .as(result.text())
                .isEqualTo("TIMEOUT");
        assertThat(took).isLessThan(DEADLINE_MS + STOPS_WITHIN_MS);
        assertThat(noGitLeftWithin(STOPS_WITHIN_MS)).as("git killed").isTrue();
    }

    @Test
    void aCancelKillsGitAndTheScanSaysSo() throws Exception {
        GitRepository repository = new GitRepository(repo.dir.resolve(".git"), repo.dir.resolve(".git"), repo.dir);
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread canceller = new Thread(() -> {
            try {
                awaitGit();
            } catch (InterruptedException e) {
                return;
            }
            cancelled.set(true);
        });
        canceller.start();
        Scan.Options options = new Scan.Options(
                List.of(),
                java.util.EnumSet.of(Category.SECRET),
                List.of(),
                null,
                null,
                100L << 20,
                false,
                Severity.HIGH,
                2,
                true,
                new Scan.History(repository, false, LogOptions.NONE));
        long started = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Scan.run(options, new Scan.Monitor(progress -> {}, cancelled::get)))
                .isInstanceOf(Scan.Cancelled.class);
        canceller.join();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(30_000);
        assertThat(noGitLeftWithin(STOPS_WITHIN_MS)).as("git killed").isTrue();
    }
}
