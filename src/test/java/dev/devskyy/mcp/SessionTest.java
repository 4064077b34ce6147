package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.ToolRuntime;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    @TempDir
    Path state;

    LiveSession start() throws Exception {
        return new LiveSession(
                () -> new ToolRuntime(McpTestTools.registry(), IdempotencyStore.in(state), AuditLog.DISCARD),
                new Caller("host", Grants.NONE, null));
    }

    @Test
    void aSlowCallNeverDelaysPingOrAnotherCall() throws Exception {
        try (LiveSession session = start()) {
            session.initialize();
            for (int i = 0; i < 10; i++) {
                session.send("{\"jsonrpc\":\"2.0\",\"id\":\"slow" + i + "\",\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"slow\",\"arguments\":{\"message\":\"x\"}}}");
            }
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
            session.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"echo\",\"arguments\":{\"message\":\"fast\"}}}");
            JsonNode first = session.receive();
            JsonNode second = session.receive();
            assertThat(java.util.List.of(
                            first.get("id").asInt(), second.get("id").asInt()))
                    .containsExactlyInAnyOrder(1, 2);
        }
    }

    @Test
    void atEndOfInput_everyCallIsAnswered_theUnfinishedOneWithACancellation_withinTheGrace() throws Exception {
        try (LiveSession session = start()) {
            session.initialize();
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"slow\",\"arguments\":{\"message\":\"x\"}}}");
            session.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"echo\",\"arguments\":{\"message\":\"y\"}}}");
            long started = System.nanoTime();
            session.endInput();
            assertThat(session.receive().get("id").asInt()).isEqualTo(2);
            JsonNode cancelled = session.receive();
            assertThat(cancelled.get("id").asInt()).isEqualTo(1);
            assertThat(cancelled.at("/result/isError").asBoolean()).isTrue();
            assertThat(cancelled.at("/result/structuredContent/code").asText()).isEqualTo("E4006");
            assertThat(cancelled.at("/result/content/0/text").asText()).contains("shutting down");
            assertThat(session.awaitExit()).isZero();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .isLessThan(5_000);
            assertThat(session.receive()).isNull();
        }
    }

    @Test
    void theHandshakeDoesNotWaitForTheOptions_andInvalidOptionsAreReportedToRequestsAndByExitCode() throws Exception {
        java.util.concurrent.CompletableFuture<dev.devskyy.runtime.ToolServer.Options> options =
                new java.util.concurrent.CompletableFuture<>();
        try (LiveSession session = new LiveSession(options)) {
            session.initialize();
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
            assertThat(session.receive().get("id").asInt()).isEqualTo(1);
            session.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            // as Cli completes them: the parse failure sanitized into a ToolError
            options.completeExceptionally(
                    dev.devskyy.runtime.ToolError.of(dev.devskyy.runtime.ErrorCode.E4001, "Unknown option: '--bogus'"));
            JsonNode error = session.receive();
            assertThat(error.at("/error/code").asInt()).isEqualTo(-32603);
            assertThat(error.at("/error/message").asText())
                    .isEqualTo("Server misconfigured: Unknown option: '--bogus'");
            session.endInput();
            assertThat(session.awaitExit()).isEqualTo(2);
        }
    }

    @Test
    void theHandshakeDoesNotWaitForTheTools() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (LiveSession session = new LiveSession(
                () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new ToolRuntime(McpTestTools.registry(), IdempotencyStore.in(state), AuditLog.DISCARD);
                },
                new Caller("host", Grants.NONE, null))) {
            session.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            assertThat(session.receive().at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
            assertThat(session.receive().get("id").asInt()).isEqualTo(1);
            release.countDown();
            session.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            assertThat(session.receive().at("/result/tools")).hasSize(6);
        }
    }

    @Test
    void theListingDoesNotWaitForTheRuntime_whoseAuditLogAndStateTheFirstCallNeedsOnly() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        dev.devskyy.runtime.ToolRegistry registry = McpTestTools.registry();
        java.util.concurrent.CompletableFuture<dev.devskyy.runtime.ToolServer.Options> options =
                served(() -> registry, () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.DISCARD);
                });
        try (LiveSession session = new LiveSession(options)) {
            session.initialize();
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            assertThat(session.receive().at("/result/tools")).hasSize(6);
            release.countDown();
            session.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}}");
            assertThat(session.receive().get("id").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aRegistryThatFailedToBuild_isAnInternalError_whoseMessageIsNeverSent() throws Exception {
        // the registry is built from the environment's keys: its failure may quote what it read
        java.util.concurrent.CompletableFuture<dev.devskyy.runtime.ToolServer.Options> options = served(
                () -> {
                    throw new IllegalStateException("cannot parse ENCRYPTION_MASTER_KEY=c2VjcmV0");
                },
                () -> {
                    throw new IllegalStateException("no runtime without a registry");
                });
        try (LiveSession session = new LiveSession(options)) {
            session.initialize();
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            JsonNode error = session.receive();
            assertThat(error.at("/error/code").asInt()).isEqualTo(-32603);
            assertThat(error.at("/error/message").asText()).isEqualTo("Internal error");
            assertThat(error.toString()).doesNotContain("c2VjcmV0");
        }
    }

    /** Options parsed already, for a host with no grants, over these registry and runtime. */
    private static java.util.concurrent.CompletableFuture<dev.devskyy.runtime.ToolServer.Options> served(
            java.util.function.Supplier<dev.devskyy.runtime.ToolRegistry> tools,
            java.util.function.Supplier<ToolRuntime> runtime) {
        return java.util.concurrent.CompletableFuture.completedFuture(new dev.devskyy.runtime.ToolServer.Options(
                tools,
                runtime,
                new Caller("host", Grants.NONE, null),
                100,
                1 << 20,
                64L << 20,
                java.time.Duration.ofSeconds(1)));
    }
}
