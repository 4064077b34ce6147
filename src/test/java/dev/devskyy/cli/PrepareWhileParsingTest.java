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

    @Test
    void aFailingRegistryFailsWhereTheCommandUsesIt_notOnThePreparingThread() {
        CliRunner.Run run = new CliRunner(
                        () -> {
                            throw new IllegalStateException("registry broken");
                        },
                        state)
                .run("scan", "--git", state.toString());
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).isNotBlank();
    }
}
