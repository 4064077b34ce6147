package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.io.OpenDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan holds the directories of queued files open; one that is cancelled — as a caller can do
 * again and again — must let every one of them go, or a long-running server runs out of
 * descriptors.
 */
@Tag("security")
class ScanDescriptorsAttackTest {
    @TempDir
    Path tree;

    static long openDescriptors() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void cancelledScansLeaveNoDirectoryOpen() throws Exception {
        for (int d = 0; d < 60; d++) {
            Path dir = Files.createDirectories(tree.resolve("d" + d));
            for (int f = 0; f < 20; f++) {
                Files.writeString(dir.resolve("f" + f + ".py"), "x = 1\n".repeat(200));
            }
        }
        long before = openDescriptors();
        for (int round = 0; round < 10; round++) {
            Scan.Target target = ScanTest.opened(tree, "");
            Scan.Options options = new Scan.Options(
                    List.of(target),
                    EnumSet.allOf(Category.class),
                    List.of(),
                    null,
                    null,
                    1 << 20,
                    true,
                    Severity.HIGH,
                    2,
                    true,
                    null);
            // Interrupted mid-walk, as a cancelled or timed-out tool call is, with files queued.
            Thread scan = new Thread(() -> {
                try {
                    Scan.run(options, ScanTest.QUIET);
                } catch (Scan.Cancelled e) {
                    // expected
                }
            });
            scan.start();
            Thread.sleep(30 + 10 * round);
            scan.interrupt();
            scan.join(10_000);
            assertThat(scan.isAlive()).isFalse();
            target.entry().close();
            for (OpenDirectory ancestor : target.ancestors()) {
                ancestor.close();
            }
        }
        assertThat(openDescriptors()).isLessThanOrEqualTo(before + 2);
    }
}
