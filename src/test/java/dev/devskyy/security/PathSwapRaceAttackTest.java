package dev.devskyy.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.ToolCatalogue;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRuntime;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile process inside a granted root exchanges a directory with a link to the outside
 * ({@code renameat2(RENAME_EXCHANGE)}, thousands of times a second) while the tools use a path
 * through it. Whatever moment each component is looked at, no tool may read or write outside.
 */
@Tag("security")
class PathSwapRaceAttackTest {
    static final double RACE_SECONDS = 2.5;
    static final String OUTSIDE_SECRET = "Stripe.api_key = \"sk_live_kjpcZsNlOtnCdb1qOl2COLBp\"\n";

    @TempDir
    Path tmp;

    Path root;
    Path outside;
    Path script;
    ToolRuntime runtime;
    Grants grants;

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/f.rb"), "puts 'inside'\n");
        Files.writeString(outside.resolve("f.rb"), OUTSIDE_SECRET);
        Files.createSymbolicLink(root.resolve("l"), outside);
        script = tmp.resolve("swap.py");
        try (InputStream in = getClass().getResourceAsStream("swap.py")) {
            Files.copy(in, script);
        }
        // keys:use too: crypto_encrypt_file must get as far as the paths being swapped
        grants = Grants.of(
                EnumSet.of(ToolPermission.FILESYSTEM_READ, ToolPermission.FILESYSTEM_WRITE, ToolPermission.KEYS_USE),
                List.of(root),
                List.of());
        runtime = new ToolRuntime(
                ToolCatalogue.registry(Map.of()), IdempotencyStore.in(tmp.resolve("state")), AuditLog.DISCARD);
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    ToolCallResult call(String tool, String json) throws Exception {
        return runtime.call(ToolCallRequest.builder(tool, Json.parse(json), new Caller("attacker", grants, null))
                .build());
    }

    /** Calls {@code attempt} while the swapper runs; returns how many calls saw the outside. */
    long race(Predicate<Integer> attempt) throws Exception {
        Process swapper = new ProcessBuilder(
                        "python3",
                        script.toString(),
                        root.resolve("d").toString(),
                        root.resolve("l").toString(),
                        String.valueOf(RACE_SECONDS))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long escapes = 0;
        int calls = 0;
        while (swapper.isAlive()) {
            if (attempt.test(calls++)) {
                escapes++;
            }
        }
        assertThat(swapper.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(swapper.exitValue()).as("the swapper ran").isZero();
        long swaps =
                Long.parseLong(new String(swapper.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip());
        assertThat(swaps).as("exchanges made").isGreaterThan(1000);
        assertThat(calls).as("calls made during the race").isGreaterThan(50);
        return escapes;
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fileHashNeverReadsTheFileOutside() throws Exception {
        String outsideDigest = sha256(OUTSIDE_SECRET);
        String request =
                "{\"path\":" + Json.compact(Json.tree(root.resolve("d/f.rb").toString())) + "}";
        long escapes = race(i -> {
            try {
                JsonNode out = call("file_hash", request).structuredContent();
                return outsideDigest.equals(out.path("digest").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(escapes).isZero();
    }

    @Test
    void securityScanNeverWalksIntoTheDirectoryOutside() throws Exception {
        String request =
                "{\"paths\":[" + Json.compact(Json.tree(root.resolve("d").toString())) + "],\"checks\":[\"secrets\"]}";
        long escapes = race(i -> {
            try {
                JsonNode out = call("security_scan", request).structuredContent();
                return out.path("findings").size() > 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(escapes).isZero();
    }

    @Test
    void keygenNeverWritesOutside_andLeavesNoTemporaryFileThere() throws Exception {
        long escapes = race(i -> {
            try {
                call(
                        "crypto_keygen",
                        "{\"path\":"
                                + Json.compact(Json.tree(root.resolve("d/k" + i).toString())) + "}");
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(escapes).isZero();
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("f.rb");
        }
    }

    @Test
    void encryptingNeverReadsOutsideNorWritesThere() throws Exception {
        Map<String, String> env =
                Map.of("ENCRYPTION_MASTER_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        runtime.close();
        runtime = new ToolRuntime(
                ToolCatalogue.registry(env), IdempotencyStore.in(tmp.resolve("state")), AuditLog.DISCARD);
        long escapes = race(i -> {
            try {
                Path output = root.resolve("d/out" + i + ".dsky");
                ToolCallResult result = call(
                        "crypto_encrypt_file",
                        "{\"path\":"
                                + Json.compact(Json.tree(root.resolve("d/f.rb").toString())) + ",\"output\":"
                                + Json.compact(Json.tree(output.toString())) + "}");
                // The plaintext size tells which file was read: only the inside one may be.
                return !result.isError()
                        && result.structuredContent().path("bytes").asLong() == OUTSIDE_SECRET.length();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(escapes).isZero();
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("f.rb");
        }
    }
}
