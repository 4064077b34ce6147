package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large output is synced in the background while it is written (io/WritebackStream):
 * whatever fails in the middle of a file, the process reports one clean error and exits, and no
 * output appears, neither under its name nor as a leftover temporary file.
 */
@Tag("security")
class FileCipherFailureAttackIT {
    static final String KEY_TEXT = Base64.getEncoder().encodeToString(new byte[32]);
    static final Map<String, String> KEY = Map.of("ENCRYPTION_MASTER_KEY", KEY_TEXT);
    static final int MIB = 1 << 20;

    @TempDir
    Path home;

    @TempDir
    Path dir;

    Path plain;

    @BeforeEach
    void plaintext() throws Exception {
        plain = write(dir.resolve("plain.bin"), 40);
    }

    static Path write(Path file, int mib) throws Exception {
        byte[] chunk = new byte[MIB];
        new Random(mib).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                out.write(chunk);
            }
        }
        return file;
    }

    Launcher.Run devskyy(String... args) throws Exception {
        return Launcher.run(home, Launcher.PROJECT, KEY, Launcher.SCRIPT, args);
    }

    List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static void assertOneCleanError(Launcher.Run run) {
        assertThat(run.code()).as(run.err()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).doesNotContain(KEY_TEXT);
    }

    @Test
    void aFullDiskMidEncryption_leavesNoOutputAndNoTemporaryFile() throws Exception {
        // A file size limit of 4-8 MiB (512- or 1024-byte blocks, by shell) fails the writes
        // with EFBIG mid-file, as a full disk fails them with ENOSPC.
        Launcher.Run run = Launcher.run(
                home,
                Launcher.PROJECT,
                KEY,
                Path.of("/bin/sh"),
                "-c",
                "ulimit -f 8192 && exec \"$0\" \"$@\"",
                Launcher.SCRIPT.toString(),
                "encrypt",
                plain.toString(),
                "-o",
                dir.resolve("plain.dsky").toString());
        assertOneCleanError(run);
        assertThat(names()).containsExactly("plain.bin");
    }

    @Test
    void aTamperedSegmentInTheMiddle_decryptsToNothingAtAll() throws Exception {
        Path sealed = dir.resolve("plain.dsky");
        assertThat(devskyy("encrypt", plain.toString(), "-o", sealed.toString()).code())
                .isZero();
        byte[] file = Files.readAllBytes(sealed);
        file[file.length / 2] ^= 1;
        Files.write(sealed, file);
        Launcher.Run run = devskyy(
                "decrypt", sealed.toString(), "-o", dir.resolve("plain.out").toString());
        assertOneCleanError(run);
        assertThat(run.err()).contains("does not authenticate");
        assertThat(names()).containsExactly("plain.bin", "plain.dsky");
    }

    @Test
    void aFileCutInTheMiddle_decryptsToNothingAtAll() throws Exception {
        Path sealed = dir.resolve("plain.dsky");
        assertThat(devskyy("encrypt", plain.toString(), "-o", sealed.toString()).code())
                .isZero();
        byte[] file = Files.readAllBytes(sealed);
        Files.write(sealed, java.util.Arrays.copyOf(file, file.length / 2));
        Launcher.Run run = devskyy(
                "decrypt", sealed.toString(), "-o", dir.resolve("plain.out").toString());
        assertOneCleanError(run);
        assertThat(names()).containsExactly("plain.bin", "plain.dsky");
    }

    @Test
    void anOutputOnAFifo_isRefused_andNothingWaitsForAReader() throws Exception {
        Path fifo = dir.resolve("plain.dsky");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        Launcher.Run run = devskyy("encrypt", plain.toString(), "-o", fifo.toString(), "--force");
        assertOneCleanError(run);
        assertThat(run.err()).contains("not a regular file");
        assertThat(names()).containsExactly("plain.bin", "plain.dsky");
    }

    @Test
    void killMinus9MidEncryption_leavesTheOutputItWouldReplaceUntouched() throws Exception {
        Path big = write(dir.resolve("big.bin"), 384);
        byte[] inputHash = sha256(big);
        Path out = Files.writeString(dir.resolve("big.dsky"), "the original output", StandardCharsets.UTF_8);
        Launcher.Pending pending = Launcher.start(
                home,
                Launcher.PROJECT,
                KEY,
                Launcher.SCRIPT,
                "encrypt",
                big.toString(),
                "-o",
                out.toString(),
                "--force");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (names().stream().noneMatch(n -> n.startsWith(".big.dsky.") && sizeOf(dir.resolve(n)) > 0)) {
            assertThat(System.nanoTime()).as("a temporary file with content").isLessThan(deadline);
            assertThat(pending.process().isAlive()).as("still encrypting").isTrue();
            Thread.sleep(2);
        }
        pending.process().destroyForcibly();
        assertThat(pending.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).hasContent("the original output");
        assertThat(sha256(big)).isEqualTo(inputHash);
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0; // renamed or removed meanwhile
        }
    }

    static byte[] sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[MIB];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }
}
