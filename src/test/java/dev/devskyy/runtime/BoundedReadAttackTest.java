package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.devskyy.testing.Mutations;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one whole-file reader, given what is not a small regular file: a FIFO (opening it would
 * block until a writer comes), a device node, a directory, a link to a FIFO, a 4 GiB sparse file.
 * Each is refused before a byte is read. And a policy file, mutated: only E4001 comes out.
 */
@Tag("security")
class BoundedReadAttackTest {
    static final Duration PROMPTLY = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    static void refused(Path file, String reason) {
        assertTimeoutPreemptively(
                PROMPTLY,
                () -> assertThatThrownBy(() -> BoundedRead.bytes(file, 1024, "test file"))
                        .isInstanceOfSatisfying(
                                ToolError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.E4001))
                        .hasMessageContaining(reason));
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assumeTrue(p.waitFor() == 0, String.join(" ", command) + " is not available here");
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        run("mkfifo", fifo.toString());
        refused(fifo, "not a regular file");
    }

    @Test
    void aLinkToAFifoIsRefusedToo() throws Exception {
        Path fifo = dir.resolve("fifo");
        run("mkfifo", fifo.toString());
        refused(Files.createSymbolicLink(dir.resolve("link"), fifo), "not a regular file");
    }

    /** A character device made in the temp directory (the null device's numbers): never opened. */
    @Test
    void aDeviceNodeIsRefused() throws Exception {
        Path device = dir.resolve("device");
        run("mknod", device.toString(), "c", "1", "3");
        refused(device, "not a regular file");
    }

    @Test
    void aDirectoryIsRefused() {
        refused(dir, "a directory");
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
        assertThat(BoundedRead.bytes(file, 1024, "test file")).hasSize(1024);
        Files.write(file, new byte[1025]);
        refused(file, "larger than 1024 bytes");
    }

    static IntStream seeds() {
        return Mutations.seeds(80);
    }

    static final String POLICY = """
            {"version":1,"actors":{"ci":{"permissions":["filesystem:read","network"],"roots":["src","/tmp"],
             "hosts":["api.example.com"]},"model":{"permissions":[]}}}
            """;

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedPoliciesGiveE4001Only(int seed) throws Exception {
        Path file = Files.write(
                dir.resolve("policy.json"), Mutations.mutate(POLICY.getBytes(StandardCharsets.UTF_8), seed));
        Mutations.onlyDocumentedErrors(
                seed,
                Duration.ofSeconds(5),
                () -> {
                    try {
                        Policy.load(file);
                    } catch (ToolError e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.E4001);
                        throw e;
                    }
                },
                ToolError.class);
    }
}
