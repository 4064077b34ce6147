package dev.devskyy.runtime;

import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.testing.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class 7 of issue 11: the audit log and the state directory are private, and PINs stay secret. */
@Tag("security")
class AuditLogAttackTest {
    @TempDir
    Path work;

    /** The audit line of one call of {@code echo} with {@code message}, made in this JVM. */
    static JsonNode auditLineOf(Path state, String message) throws Exception {
        ToolRegistry registry = new ToolRegistry();
        registry.register(tool("echo", echo()).build());
        Path log = state.resolve("audit.log");
        try (ToolRuntime runtime = new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.appendingTo(log))) {
            runtime.call(ToolCallRequest.builder(
                            "echo", Json.object().put("message", message), new Caller("ci", Grants.NONE, null))
                    .build());
        }
        List<String> lines = Files.readAllLines(log);
        return Json.parse(lines.get(lines.size() - 1));
    }

    @Test
    void aFreshProcess_createsTheStateDirectoryAndEveryFileInIt_privateFromTheStart() throws Exception {
        Path state = work.resolve("home/state/devskyy");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        // Watches while the process creates things: a chmod after creation would show up here.
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                seen.addAll(looseModes(state));
            }
        });
        watcher.start();
        try {
            ContenderProcesses process = new ContenderProcesses(work.resolve("logs"));
            process.start("keys", state.toString(), work.resolve("runs").toString(), "1", "k1", "k2");
            process.awaitAll();
        } finally {
            running.set(false);
            watcher.join();
        }
        assertThat(Files.exists(state.resolve("audit.log"))).isTrue();
        assertThat(looseModes(state)).isEmpty();
        assertThat(seen).as("modes seen while the process ran").isEmpty();
        try (Stream<Path> all = Files.walk(state)) {
            assertThat(all.filter(Files::isRegularFile).count())
                    .as("audit log, secret, entries and locks")
                    .isGreaterThanOrEqualTo(4);
        }
    }

    /** Directories not 0700 and files not 0600 under {@code state}, itself included. */
    static List<String> looseModes(Path state) {
        List<String> loose = new ArrayList<>();
        if (!Files.exists(state)) {
            return loose;
        }
        try (Stream<Path> all = Files.walk(state)) {
            for (Path p : all.toList()) {
                try {
                    String mode =
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                    String wanted = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
                    if (!mode.equals(wanted)) {
                        loose.add(p + " " + mode);
                    }
                } catch (IOException e) {
                    // removed while we looked (a temp file renamed into place)
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // the tree changed under the walk; the next round looks again
        }
        return loose;
    }

    @Test
    void aFourDigitPin_isNotRecoverableFromTheAuditLine() throws Exception {
        JsonNode line = auditLineOf(work.resolve("state"), "4821");
        assertThat(line.has("argumentsSha256")).isFalse();
        String digest = line.path("argumentsHmac").asText();
        assertThat(digest).matches("[0-9a-f]{64}");
        // Brute force as an attacker would, over every field that could be a digest.
        Set<String> fields = new java.util.HashSet<>();
        line.forEach(value -> fields.add(value.asText()));
        for (int pin = 0; pin < 10_000; pin++) {
            String guess = Sha256.hex(Json.canonical(Json.object().put("message", String.format("%04d", pin))));
            assertThat(fields).as("PIN %04d recovered", pin).doesNotContain(guess);
        }
    }

    @Test
    void theDigest_isStableWithinAnInstallation_acrossProcesses_andDiffersBetweenInstallations() throws Exception {
        Path state = work.resolve("state");
        String here = auditLineOf(state, "4821").get("argumentsHmac").asText();
        assertThat(auditLineOf(state, "4821").get("argumentsHmac").asText()).isEqualTo(here);
        assertThat(auditLineOf(state, "4822").get("argumentsHmac").asText()).isNotEqualTo(here);

        ContenderProcesses other = new ContenderProcesses(work.resolve("logs"));
        other.start("audit", state.toString(), "other-process", "1", "4821");
        other.awaitAll();
        List<String> lines = Files.readAllLines(state.resolve("audit.log"));
        JsonNode last = Json.parse(lines.get(lines.size() - 1));
        assertThat(last.get("actor").asText()).isEqualTo("other-process");
        assertThat(last.get("argumentsHmac").asText()).isEqualTo(here);

        String elsewhere = auditLineOf(work.resolve("another-installation"), "4821")
                .get("argumentsHmac")
                .asText();
        assertThat(elsewhere).isNotEqualTo(here);
    }

    @Test
    void concurrentFirstRuns_agreeOnOneSecret() throws Exception {
        Path state = work.resolve("state");
        ContenderProcesses processes = new ContenderProcesses(work.resolve("logs"));
        for (int p = 0; p < 4; p++) {
            processes.start("audit", state.toString(), "p" + p, "1", "4821");
        }
        processes.awaitAll();
        Set<String> digests = new java.util.HashSet<>();
        for (String line : Files.readAllLines(state.resolve("audit.log"))) {
            digests.add(Json.parse(line).get("argumentsHmac").asText());
        }
        assertThat(digests).hasSize(1);
    }

    @Test
    void concurrentProcessesAppendingLongLines_neverInterleave() throws Exception {
        Path state = work.resolve("state");
        ContenderProcesses processes = new ContenderProcesses(work.resolve("logs"));
        int perProcess = 150;
        Map<String, Integer> expected = new HashMap<>();
        for (int p = 0; p < 4; p++) {
            // Lines longer than PIPE_BUF: only the lock keeps them whole.
            String actor = "p" + p + "-" + String.valueOf((char) ('a' + p)).repeat(6000);
            expected.put(actor, perProcess);
            processes.start("audit", state.toString(), actor, String.valueOf(perProcess), "m" + p);
        }
        processes.awaitAll();
        Map<String, Integer> counted = new HashMap<>();
        for (String line : Files.readAllLines(state.resolve("audit.log"))) {
            JsonNode entry = Json.parse(line);
            assertThat(entry.get("outcome").asText()).isEqualTo("ok");
            counted.merge(entry.get("actor").asText(), 1, Integer::sum);
        }
        assertThat(counted).isEqualTo(expected);
    }
}
