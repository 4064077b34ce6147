package dev.devskyy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.devskyy.testing.Shell;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one whole-file reader, given what is not a small regular file: a FIFO (opening it would
 * block until a writer comes), a device node, a directory, a link to a FIFO, a 4 GiB sparse file.
 * Each is refused before a byte is read.
 */
@Tag("security")
class BoundedReadAttackTest {
    static final Duration PROMPTLY = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    static void refused(Path file, String reason) {
        assertTimeoutPreemptively(
                PROMPTLY,
                () -> assertThatThrownBy(() -> BoundedRead.bytes(file, 1024))
                        .isInstanceOf(Refusal.class)
                        .hasMessageContaining(reason));
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        Shell.run("mkfifo", fifo.toString());
        refused(fifo, "not a regular file");
    }

    @Test
    void aLinkToAFifoIsRefusedToo() throws Exception {
        Path fifo = dir.resolve("fifo");
        Shell.run("mkfifo", fifo.toString());
        refused(Files.createSymbolicLink(dir.resolve("link"), fifo), "not a regular file");
    }

    /** A character device made in the temp directory (the null device's numbers): never opened. */
    @Test
    void aDeviceNodeIsRefused() throws Exception {
        Path device = dir.resolve("device");
        Shell.run("mknod", device.toString(), "c", "1", "3");
        refused(device, "not a regular file");
    }

    @Test
    void aDirectoryIsRefused() {
        refused(dir, "not a regular file");
    }

    @Test
    void aHugeSparseFileIsRefusedByItsSize_beforeAnyRead() throws Exception {
        Path sparse = dir.resolve("sparse");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(4L << 30);
        }
        refused(sparse, "larger than 1024 bytes");
    }

    @Test
    void theBoundItselfIsAccepted_oneByteMoreIsNot() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[1024]);
        assertThat(BoundedRead.bytes(file, 1024)).hasSize(1024);
        Files.write(file, new byte[1025]);
        refused(file, "larger than 1024 bytes");
    }
}
