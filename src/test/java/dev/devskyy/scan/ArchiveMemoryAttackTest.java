package dev.devskyy.scan;

import static dev.devskyy.scan.ArchiveSamples.entries;
import static dev.devskyy.scan.ArchiveSamples.gzip;
import static dev.devskyy.scan.ArchiveSamples.text;
import static dev.devskyy.scan.ArchiveSamples.zip;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workers' memory bound with archives: the real CLI, in a JVM of its own with a 64 MiB heap,
 * scans archives nested three deep with every level's entry near {@code --max-file-size}, a gzip
 * bomb, and a tar whose header claims 64 GiB, on two workers; it ends normally with the secrets found
 * and no OutOfMemoryError. Each worker holds at most one buffer per level (4 × 4 MiB here).
 */
@Tag("security")
class ArchiveMemoryAttackTest {
    static final int MAX_FILE = 4 << 20;

    @TempDir
    Path dir;

    @Test
    void nestedFullSizeEntriesAndBombs_fitASmallHeap() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        String secretFile = ArchiveSamples.SECRET_LINE;
        byte[] level3 = zip(entries("deep.env", secretFile + ArchiveAttackTest.randomText(MAX_FILE / 2, 3)));
        byte[] level2 = zip(entries("c.zip", level3, "mid.txt", ArchiveAttackTest.randomText(MAX_FILE / 4, 2)));
        for (int i = 0; i < 4; i++) {
            Files.write(tree.resolve("nested" + i + ".zip"), zip(entries("b.zip", level2)));
        }
        Files.write(tree.resolve("bomb.txt.gz"), gzip(ArchiveAttackTest.spacesThenSecret(MAX_FILE - 100)));
        byte[] lie = new ArchiveSamples.Tar()
                .raw(ArchiveSamples.header("huge.env", '0', text("777777777777")), text(secretFile))
                .end();
        Files.write(tree.resolve("lie.tar"), lie);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:ActiveProcessorCount=2",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.devskyy.Main",
                "scan",
                "--checks",
                "secrets",
                "--max-file-size",
                "4M",
                "--format",
                "json",
                tree.toString()));
        Path errors = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(errors);
        assertThat(stderr).doesNotContain("OutOfMemoryError");
        assertThat(process.exitValue()).as(stderr).isEqualTo(1);
        assertThat(out)
                .contains("nested0.zip!b.zip!c.zip!deep.env")
                .contains("nested3.zip!b.zip!c.zip!deep.env")
                .contains("\"archive_bomb\" : 1")
                .contains("\"too_large\" : 1")
                .contains("\"archive_malformed\" : 1");
    }
}
