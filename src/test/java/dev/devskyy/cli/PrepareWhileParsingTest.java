package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.testing.TestTools;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command line's tool is prepared (ToolSpec#prepare) on a thread of its own while picocli reads
 * the line, and only the tool the command calls.
 */
class PrepareWhileParsingTest {
    @TempDir
    Path state;

    private final CompletableFuture<String> scanPreparedOn = new CompletableFuture<>();
    private final CompletableFuture<String> otherPrepared = new CompletableFuture<>();

    private ToolRegistry registry() {
        ToolRegistry registry = new ToolRegistry();
        registry.register(TestTools.tool(ScanCommand.TOOL, TestTools.echo())
                .preparation(
                        () -> scanPreparedOn.complete(Thread.currentThread().getName()))
                .build());
        registry.register(TestTools.tool("file_hash", TestTools.echo())
                .preparation(() -> otherPrepared.complete(Thread.currentThread().getName()))
                .build());
        return registry;
    }

    @Test
    void aScanLinePreparesTheScanToolBesidePicocli() throws Exception {
        CliRunner.Run run = new CliRunner(registry(), state).run("scan", "--help");
        assertThat(run.code()).isZero();
        assertThat(scanPreparedOn.get(10, TimeUnit.SECONDS)).isEqualTo("devskyy-prepare");
        assertThat(otherPrepared).isNotDone();
    }

    /** The preparing thread swallows a failure it meets: the command meets it again, and reports it once. */
    @Test
    void aFailingRegistryIsReportedOnceByTheCommand_neverEscapesThePreparingThread() throws Exception {
        java.util.List<Throwable> escaped = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> escaped.add(e));
        try {
            CliRunner.Run run = new CliRunner(
                            () -> {
                                throw new IllegalStateException("registry broken");
                            },
                            state)
                    .run("scan", "--git", state.toString());
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("devskyy-prepare")) {
                    thread.join(10_000);
                }
            }
            assertThat(run.code()).isEqualTo(ExitCodes.forError(dev.devskyy.runtime.ErrorCode.E5003));
            assertThat(run.err().lines().filter(line -> line.startsWith("E5003")))
                    .hasSize(1);
            assertThat(escaped).isEmpty();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
