package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decryption killed while it writes never leaves the output half-written under its name. After
 * SIGTERM nothing is left at all; after kill -9 only what docs/security.md says: the private
 * (0600) temporary file, which the process had no chance to remove, and the empty private
 * placeholder that claimed the output's name.
 */
@Tag("security")
class KillMidWriteAttackIT {
    static final Map<String, String> KEY =
            Map.of("ENCRYPTION_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));

    @TempDir
    Path home;

    @TempDir
    Path dir;

    Path sealed;

    @BeforeEach
    void largeEncryptedFile() throws Exception {
        Path plain = dir.resolve("big.bin");
        byte[] chunk = new byte[1 << 20];
        new Random(7).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(plain)) {
            for (int i = 0; i < 384; i++) {
                out.write(chunk);
            }
        }
        sealed = dir.resolve("big.dsky");
        Launcher.Run run = Launcher.run(
                home, Launcher.PROJECT, KEY, Launcher.SCRIPT, "encrypt", plain.toString(), "-o", sealed.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Files.delete(plain);
    }

    /** Starts a decryption and returns once its temporary file holds plaintext. */
    Launcher.Pending decryptingUntilPlaintextIsOnDisk() throws Exception {
        return decryptingUntilPlaintextIsOnDisk(out());
    }

    Launcher.Pending decryptingUntilPlaintextIsOnDisk(Path output) throws Exception {
        Launcher.Pending pending = Launcher.start(
                home, Launcher.PROJECT, KEY, Launcher.SCRIPT, "decrypt", sealed.toString(), "-o", output.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<Path> temp = temporary(output.getParent());
            if (temp.isPresent() && Files.size(temp.get()) > 0) {
                return pending;
            }
            assertThat(pending.process().isAlive()).as("still decrypting").isTrue();
            Thread.sleep(2);
        }
        throw new AssertionError("the decryption never wrote its temporary file");
    }

    Path out() {
        return dir.resolve("big.out");
    }

    Optional<Path> temporary() throws Exception {
        return temporary(dir);
    }

    static Optional<Path> temporary(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".big.out."))
                    .findFirst();
        }
    }

    @Test
    void sigtermMidWrite_leavesNothingBehind() throws Exception {
        Launcher.Pending pending = decryptingUntilPlaintextIsOnDisk();
        pending.process().destroy();
        assertThat(pending.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out()).doesNotExist();
        assertThat(temporary()).isEmpty();
    }

    @Test
    void sigtermAfterTheOutputsDirectoryWasMoved_stillLeavesNothingBehind() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Launcher.Pending pending = decryptingUntilPlaintextIsOnDisk(sub.resolve("big.out"));
        Path moved = dir.resolve("moved");
        Files.move(sub, moved);
        Files.createSymbolicLink(sub, Files.createDirectories(dir.resolve("elsewhere")));
        Files.createFile(dir.resolve("elsewhere/big.out"));
        pending.process().destroy();
        assertThat(pending.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (Stream<Path> files = Files.list(moved)) {
            assertThat(files).as("what the write left where it was").isEmpty();
        }
        assertThat(dir.resolve("elsewhere/big.out"))
                .as("an unrelated file of the same name")
                .exists();
    }

    @Test
    void killMinus9MidWrite_leavesNoPlaintextUnderTheOutputsName_andOnlyPrivateFiles() throws Exception {
        Launcher.Pending pending = decryptingUntilPlaintextIsOnDisk();
        pending.process().destroyForcibly();
        assertThat(pending.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out()).isEmptyFile();
        Path temp = temporary().orElseThrow();
        for (Path left : List.of(out(), temp)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(left)))
                    .as(left.toString())
                    .isEqualTo("rw-------");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(
                            List.of("big.dsky", "big.out", temp.getFileName().toString()));
        }
    }
}
