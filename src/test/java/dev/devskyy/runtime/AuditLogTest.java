package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    static AuditLog.Entry entry(int n) {
        return new AuditLog.Entry(
                Instant.parse("2026-11-25T12:00:00Z"),
                "id-" + n,
                "ci",
                "operations",
                "file_hash",
                "1.0.0",
                "ab".repeat(32),
                "ok",
                12,
                1,
                false);
    }

    @Test
    void aLineHoldsEveryFieldOfTheEntry() throws Exception {
        JsonNode line = Json.parse(entry(1).toJsonLine());
        assertThat(Json.canonical(line))
                .isEqualTo("{\"actor\":\"ci\",\"agent\":\"operations\",\"argumentsHmac\":\"" + "ab".repeat(32)
                        + "\",\"attempts\":1,"
                        + "\"correlationId\":\"id-1\",\"durationMs\":12,\"outcome\":\"ok\",\"replayed\":false,"
                        + "\"time\":\"2026-11-25T12:00:00Z\",\"tool\":\"file_hash\",\"toolVersion\":\"1.0.0\"}");
    }

    @Test
    void concurrentAppendsNeverInterleave_andCreateTheDirectory() throws Exception {
        Path file = dir.resolve("nested/audit.log");
        AuditLog log = AuditLog.appendingTo(file);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            int n = i;
            pool.submit(() -> log.record(entry(n)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(400);
        for (String line : lines) {
            assertThat(Json.parse(line).get("tool").asText()).isEqualTo("file_hash");
        }
    }

    @Test
    void aDirectoryRemovedWhileTheLogIsInUse_isMadeAgain_private() throws Exception {
        Path file = dir.resolve("logs/audit.log");
        AuditLog log = AuditLog.appendingTo(file);
        log.record(entry(1));
        Files.delete(file);
        Files.delete(file.getParent());

        log.record(entry(2));

        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void writesToAStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AuditLog.to(new PrintStream(bytes, true, StandardCharsets.UTF_8)).record(entry(7));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .startsWith("{\"time\"")
                .endsWith("}\n");
    }

    @Test
    void aFailureToWriteNeverThrows() throws Exception {
        Path blocked = Files.writeString(dir.resolve("file"), "x");
        AuditLog.appendingTo(blocked.resolve("audit.log")).record(entry(1));
    }
}
