package dev.devskyy.scan;

import static dev.devskyy.scan.ArchiveSamples.SECRET_LINE;
import static dev.devskyy.scan.ArchiveSamples.entries;
import static dev.devskyy.scan.ArchiveSamples.gzip;
import static dev.devskyy.scan.ArchiveSamples.tar;
import static dev.devskyy.scan.ArchiveSamples.text;
import static dev.devskyy.scan.ArchiveSamples.zip;

import dev.devskyy.scan.archive.TarReader;
import dev.devskyy.scan.archive.ZipArchive;
import dev.devskyy.testing.Mutations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutations of valid archives (a GNU/pax-style tar, a zip, a tar.gz, nested archives): the
 * readers throw only their documented IOException, the walk throws nothing at all, and each input
 * is done within a few seconds whatever its sizes, counts and offsets say.
 */
@Tag("security")
class ArchiveFuzzAttackTest {
    static final Duration LIMIT = Duration.ofSeconds(10);
    static final List<byte[]> SAMPLES = samples();

    static List<byte[]> samples() {
        try {
            byte[] tar = new ArchiveSamples.Tar()
                    .raw(
                            ArchiveSamples.header("././@LongLink", 'L', ArchiveSamples.octal(121, 12)),
                            text("l".repeat(120) + "\0"))
                    .file("short", text(SECRET_LINE))
                    .raw(
                            ArchiveSamples.header("PaxHeaders/x", 'x', ArchiveSamples.octal(22, 12)),
                            text("22 path=pax/name.env\n"))
                    .file("x", text(SECRET_LINE))
                    .end();
            byte[] zip = zip(entries("a/.env", SECRET_LINE, "b.txt", "plain\n"));
            return List.of(tar, zip, gzip(tar), zip(entries("inner.tgz", gzip(tar), "inner.zip", zip)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static IntStream seeds() {
        return Mutations.seeds(400);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theWalkNeverThrows(int seed) {
        byte[] input = Mutations.mutate(SAMPLES.get(seed % SAMPLES.size()), seed);
        ArchiveWalk.Format format = ArchiveWalk.formatOf(input, input.length);
        if (format == null) {
            return;
        }
        ArchiveWalk walk = new ArchiveWalk(
                1 << 20, (path, name, data, length) -> {}, reason -> {}, () -> false, ArchiveWalk.Limits.DEFAULT);
        Mutations.onlyDocumentedErrors(seed, LIMIT, () -> walk.walk(format, "fuzz", "fuzz", input, input.length));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theTarReaderThrowsOnlyIoExceptions(int seed) {
        byte[] input = Mutations.mutate(SAMPLES.get(seed % 2 == 0 ? 0 : 2), seed);
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> {
                    InputStream in = new ByteArrayInputStream(input);
                    TarReader tar = new TarReader(seed % 2 == 0 ? in : new java.util.zip.GZIPInputStream(in));
                    for (TarReader.Entry e; (e = tar.next()) != null; ) {
                        tar.content().readNBytes((int) Math.min(e.size(), 1 << 20));
                    }
                },
                IOException.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theZipReaderThrowsOnlyIoExceptions(int seed) {
        byte[] input = Mutations.mutate(SAMPLES.get(1), seed);
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> {
                    ZipArchive zip = ZipArchive.read(input, input.length, 1000);
                    for (ZipArchive.Entry e : zip.entries()) {
                        try (InputStream in = zip.open(e)) {
                            in.readNBytes(1 << 20);
                        } catch (IOException refused) {
                            // each entry on its own
                        }
                    }
                },
                IOException.class);
    }
}
