package dev.devskyy.scan;

import static dev.devskyy.scan.ArchiveSamples.SECRET_LINE;
import static dev.devskyy.scan.ArchiveSamples.entries;
import static dev.devskyy.scan.ArchiveSamples.gzip;
import static dev.devskyy.scan.ArchiveSamples.header;
import static dev.devskyy.scan.ArchiveSamples.octal;
import static dev.devskyy.scan.ArchiveSamples.storedZip;
import static dev.devskyy.scan.ArchiveSamples.tar;
import static dev.devskyy.scan.ArchiveSamples.text;
import static dev.devskyy.scan.ArchiveSamples.zip;
import static dev.devskyy.testing.TestTools.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives made to hurt a scanner: bombs by ratio, overlap and nesting, tar headers whose sizes or
 * checksums lie, names that climb out, zips whose two directories disagree, truncation. Each is
 * refused or skipped with its reason, never an exception, never a file written. Each test names the
 * guard it needs; without it the assertion fails (the entry is scanned, or the walk throws).
 */
@Tag("security")
class ArchiveAttackTest {
    static final long MAX_FILE = 5L << 20;

    /**
     * The scanned directory sits two levels inside a private one, so a name that climbs two levels
     * out lands where {@link #listing} looks, and other processes' files in the system's temporary
     * directory never count as written by the scan.
     */
    @TempDir
    Path sandbox;

    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void nest() throws Exception {
        dir = Files.createDirectories(sandbox.resolve("home/repo"));
    }

    /** What one walk saw: the files it handed to the scan, the skips by reason. */
    static final class Walked {
        final List<String> scanned = new ArrayList<>();
        final Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);

        int skips(SkipReason reason) {
            return skipped.getOrDefault(reason, 0);
        }
    }

    static Walked walk(byte[] archive, String name) {
        return walk(archive, name, MAX_FILE, ArchiveWalk.Limits.DEFAULT);
    }

    static Walked walk(byte[] archive, String name, long maxFile, ArchiveWalk.Limits limits) {
        Walked walked = new Walked();
        ArchiveWalk walk = new ArchiveWalk(
                maxFile,
                (path, fileName, data, length) -> walked.scanned.add(path),
                reason -> walked.skipped.merge(reason, 1, Integer::sum),
                () -> false,
                limits);
        ArchiveWalk.Format format = ArchiveWalk.formatOf(archive, archive.length);
        assertThat(format).as("an archive by its magic").isNotNull();
        walk.walk(format, name, name, archive, archive.length);
        return walked;
    }

    static byte[] spacesThenSecret(int spaces) {
        byte[] data = new byte[spaces + SECRET_LINE.length()];
        Arrays.fill(data, 0, spaces, (byte) ' ');
        System.arraycopy(text(SECRET_LINE), 0, data, spaces, SECRET_LINE.length());
        return data;
    }

    // ---- bombs

    /** Guard: the ratio the central directory declares, checked before inflating. */
    @Test
    void aDeflatedEntryOverAThousandToOne_isABomb() throws Exception {
        byte[] bomb = zip(".env", spacesThenSecret(4 << 20));
        int central = indexOf(bomb, new byte[] {'P', 'K', 1, 2});
        long compressed = ByteBuffer.wrap(bomb).order(ByteOrder.LITTLE_ENDIAN).getInt(central + 20);
        assertThat((4L << 20) / compressed).isGreaterThan(1000);
        Walked walked = walk(bomb, "bomb.zip");
        assertThat(walked.scanned).isEmpty();
        assertThat(walked.skips(SkipReason.ARCHIVE_BOMB)).isEqualTo(1);
    }

    /** Guard: the ratio of what a gzip stream gives, counted as it inflates (gzip declares no size up front). */
    @Test
    void aGzipOverTheRatio_isABomb_andSoIsATarGzOfOne() throws Exception {
        assertThat(walk(gzip(spacesThenSecret(4 << 20)), "bomb.env.gz").skips(SkipReason.ARCHIVE_BOMB))
                .isEqualTo(1);
        byte[] tgz = gzip(tar(entries("a.env", spacesThenSecret(4 << 20))));
        Walked walked = walk(tgz, "bomb.tgz");
        assertThat(walked.scanned).isEmpty();
        assertThat(walked.skips(SkipReason.ARCHIVE_BOMB)).isEqualTo(1);
    }

    /** Guard: entries may not share bytes (one deflate stream listed many times, the overlapping-files bomb). */
    @Test
    void entriesThatOverlap_refuseTheArchive() throws Exception {
        byte[] zip = storedZip("a.env", text(SECRET_LINE));
        int central = indexOf(zip, new byte[] {'P', 'K', 1, 2});
        int end = indexOf(zip, new byte[] {'P', 'K', 5, 6});
        byte[] record = Arrays.copyOfRange(zip, central, end);
        record[46] = 'b'; // same local header, another name
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(zip, 0, end);
        out.write(record, 0, record.length);
        byte[] eocd = Arrays.copyOfRange(zip, end, zip.length);
        ByteBuffer e = ByteBuffer.wrap(eocd).order(ByteOrder.LITTLE_ENDIAN);
        e.putShort(8, (short) 2).putShort(10, (short) 2).putInt(12, record.length * 2);
        out.write(eocd, 0, eocd.length);
        Walked walked = walk(out.toByteArray(), "overlap.zip");
        assertThat(walked.scanned).isEmpty();
        assertThat(walked.skips(SkipReason.ARCHIVE_BOMB)).isEqualTo(1);
    }

    /** Guard: the depth; entries at the deepest level are still read. */
    @Test
    void nestingPastTheDepth_isRefused_42zipStyle() throws Exception {
        byte[] level3 = zip(entries("d.env", SECRET_LINE, "e.zip", zip("f.env", text(SECRET_LINE))));
        byte[] nested = zip("b.zip", zip("c.zip", level3));
        Walked walked = walk(nested, "a.zip");
        assertThat(walked.scanned).containsExactly("a.zip!b.zip!c.zip!d.env");
        assertThat(walked.skips(SkipReason.ARCHIVE_TOO_DEEP)).isEqualTo(1);
    }

    /** Guard: the entry count of one archive with all it nests (16 × 16 × 16 here, as 42.zip multiplies). */
    @Test
    void manyNestedCopies_stopAtTheEntryBound() throws Exception {
        byte[] leaf = zip(".env", text(SECRET_LINE));
        byte[] level = leaf;
        for (int i = 0; i < 2; i++) {
            Object[] sixteen = new Object[32];
            for (int n = 0; n < 16; n++) {
                sixteen[2 * n] = n + ".zip";
                sixteen[2 * n + 1] = level;
            }
            level = zip(entries(sixteen));
        }
        Walked walked = walk(level, "42.zip", MAX_FILE, new ArchiveWalk.Limits(3, 100, 1L << 30, 1L << 30));
        assertThat(walked.scanned.size()).isLessThan(100);
        assertThat(walked.skips(SkipReason.ARCHIVE_LIMIT)).isPositive();
    }

    /** Guard: the bytes one archive may give. */
    @Test
    void aTarGzGivingMoreThanTheArchiveBound_stops() throws Exception {
        Object[] files = new Object[40];
        for (int i = 0; i < 20; i++) {
            files[2 * i] = i + ".env";
            files[2 * i + 1] = "line " + i + "\n" + randomText(100_000, i);
        }
        Walked walked = walk(
                gzip(tar(entries(files))), "big.tgz", MAX_FILE, new ArchiveWalk.Limits(3, 1000, 1 << 20, 1L << 30));
        assertThat(walked.scanned.size()).isBetween(1, 11);
        assertThat(walked.skips(SkipReason.ARCHIVE_LIMIT)).isEqualTo(1);
    }

    /** Guard: max_file_size per entry, whatever the archive says (a gz declares nothing). */
    @Test
    void aGzExpandingPastTheFileSize_isTooLarge() throws Exception {
        Walked walked = walk(gzip(text(randomText(3 << 20, 7))), "big.txt.gz", 1 << 20, ArchiveWalk.Limits.DEFAULT);
        assertThat(walked.scanned).isEmpty();
        assertThat(walked.skips(SkipReason.TOO_LARGE)).isEqualTo(1);
    }

    // ---- tar headers that lie

    /** Guard: sizes past the entry limit are skipped over, not allocated; the skip meets the end of the stream. */
    @Test
    void tarSizesOfSixtyFourGigabytes_andBase256Huge_areTooLargeThenTruncated() throws Exception {
        for (byte[] size : List.of(
                text("777777777777"),
                ArchiveSamples.base256(filled(11, (byte) 0xff)),
                ArchiveSamples.base256(filled(11, (byte) 0x7f)))) {
            byte[] tar = new ArchiveSamples.Tar()
                    .file("first.env", text(SECRET_LINE))
                    .raw(header("huge.env", '0', size), text(SECRET_LINE))
                    .end();
            Walked walked = walk(tar, "lie.tar");
            assertThat(walked.scanned).containsExactly("lie.tar!first.env");
            assertThat(walked.skips(SkipReason.TOO_LARGE)).isEqualTo(1);
            assertThat(walked.skips(SkipReason.ARCHIVE_MALFORMED)).isEqualTo(1);
        }
    }

    /** Guard: negative base-256 sizes and non-octal digits are malformed, not read as numbers. */
    @Test
    void negativeAndNonOctalSizes_areMalformed() throws Exception {
        byte[] negative = filled(12, (byte) 0xff);
        for (byte[] size : List.of(negative, text("00000009999\0"))) {
            byte[] tar = new ArchiveSamples.Tar()
                    .raw(header("x.env", '0', size), text(SECRET_LINE))
                    .end();
            byte[] withMagicFirst =
                    new ArchiveSamples.Tar().file("ok.env", text("a=1\n")).unended();
            byte[] both = concat(withMagicFirst, tar);
            Walked walked = walk(both, "bad.tar");
            assertThat(walked.scanned).containsExactly("bad.tar!ok.env");
            assertThat(walked.skips(SkipReason.ARCHIVE_MALFORMED)).isEqualTo(1);
        }
    }

    /** Guard: every header's checksum. */
    @Test
    void aHeaderWithABadChecksum_endsTheArchive_asMalformed() throws Exception {
        byte[] bad = header("second.env", '0', octal(SECRET_LINE.length(), 12));
        bad[0] = 'S'; // changed after the checksum was computed
        byte[] tar = new ArchiveSamples.Tar()
                .file("first.env", text(SECRET_LINE))
                .raw(bad, text(SECRET_LINE))
                .end();
        Walked walked = walk(tar, "sum.tar");
        assertThat(walked.scanned).containsExactly("sum.tar!first.env");
        assertThat(walked.skips(SkipReason.ARCHIVE_MALFORMED)).isEqualTo(1);
    }

    // ---- names

    /** Guard: EntryName and the per-archive name set. Nothing is written anywhere either way. */
    @Test
    void namesThatClimbOut_areAbsolute_holdNul_orRepeat_areSkipped_andNothingIsWritten() throws Exception {
        List<String> hostile = List.of(
                "../../etc/passwd",
                "/etc/passwd",
                "C:\\Windows\\x.env",
                "a\\..\\..\\x.env",
                "nul\0.env",
                "esc\u001b[2J.env");
        Object[] zipEntries = new Object[2 * hostile.size() + 2];
        for (int i = 0; i < hostile.size(); i++) {
            zipEntries[2 * i] = hostile.get(i);
            zipEntries[2 * i + 1] = SECRET_LINE;
        }
        zipEntries[2 * hostile.size()] = "./fine/.env";
        zipEntries[2 * hostile.size() + 1] = SECRET_LINE;
        byte[] zip = zip(entries(zipEntries));
        Files.write(dir.resolve("names.zip"), zip);
        byte[] tar = new ArchiveSamples.Tar()
                .file("../../etc/passwd", text(SECRET_LINE))
                .file("/etc/shadow", text(SECRET_LINE))
                .file("fine/.env", text(SECRET_LINE))
                .file("fine/./.env", text(SECRET_LINE))
                .end();
        Files.write(dir.resolve("names.tar"), tar);
        List<Path> before = listing();

        Walked zipped = walk(zip, "names.zip");
        assertThat(zipped.scanned).containsExactly("names.zip!fine/.env");
        assertThat(zipped.skips(SkipReason.ARCHIVE_ENTRY_NAME)).isEqualTo(hostile.size());
        Walked tarred = walk(tar, "names.tar");
        assertThat(tarred.scanned).containsExactly("names.tar!fine/.env");
        assertThat(tarred.skips(SkipReason.ARCHIVE_ENTRY_NAME)).isEqualTo(3);

        ScanResult scan = Scan.run(ScanTest.target(dir, "", java.util.EnumSet.of(Category.SECRET), 2), ScanTest.QUIET);
        assertThat(scan.findings())
                .extracting(Finding::path)
                .containsExactly("names.tar!fine/.env", "names.zip!fine/.env");
        assertThat(listing()).isEqualTo(before);
        assertThat(sandbox.resolve("etc")).doesNotExist();
    }

    // ---- the two directories of a zip

    /** Guard: each local header must agree with the central directory that lists it. */
    @Test
    void aLocalHeaderThatNamesAnotherFile_isMalformed() throws Exception {
        byte[] zip = storedZip("a.env", text(SECRET_LINE));
        zip[30] = 'b'; // the local header's name: a streaming reader would call it b.env
        Walked walked = walk(zip, "two-faced.zip");
        assertThat(walked.scanned).isEmpty();
        assertThat(walked.skips(SkipReason.ARCHIVE_MALFORMED)).isEqualTo(1);
    }

    /** Guard: local headers the central directory does not list (only ZipInputStream would see them). */
    @Test
    void anEntryHiddenFromTheCentralDirectory_refusesTheArchive() throws Exception {
        byte[] visible = zip(entries("a.env", "a=1\n", "hidden.env", SECRET_LINE));
        int central = indexOf(visible, new byte[] {'P', 'K', 1, 2});
        int second = indexOf(Arrays.copyOfRange(visible, central + 4, visible.length), new byte[] {'P', 'K', 1, 2})
                + central
                + 4;
        int end = indexOf(visible, new byte[] {'P', 'K', 5, 6});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(visible, 0, second); // the directory without its second record
        byte[] eocd = Arrays.copyOfRange(visible, end, visible.length);
        ByteBuffer.wrap(eocd)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort(8, (short) 1)
                .putShort(10, (short) 1)
                .putInt(12, second - central);
        out.write(eocd, 0, eocd.length);
        Walked walked = walk(out.toByteArray(), "hidden.zip");
        assertThat(walked.scanned).isEmpty();
        assertThat(walked.skips(SkipReason.ARCHIVE_MALFORMED)).isEqualTo(1);
    }

    // ---- truncation

    /** Guard: every read is bounds-checked; a short archive is a skip, not an exception. */
    @Test
    void truncatedArchives_areMalformedSkips() throws Exception {
        byte[] zip = zip(entries("a.env", SECRET_LINE, "b.env", SECRET_LINE));
        byte[] tar = tar(entries("a.env", SECRET_LINE + "y".repeat(2000)));
        byte[] gz = gzip(text(SECRET_LINE + "z".repeat(5000)));
        for (byte[] cut : List.of(
                Arrays.copyOf(zip, zip.length / 2),
                Arrays.copyOf(zip, zip.length - 3),
                Arrays.copyOf(tar, 700),
                Arrays.copyOf(gz, gz.length / 2),
                Arrays.copyOf(gz, gz.length - 4))) {
            Walked walked = walk(cut, "cut");
            assertThat(walked.skips(SkipReason.ARCHIVE_MALFORMED))
                    .as("%d bytes", cut.length)
                    .isEqualTo(1);
        }
    }

    // ---- stopping

    /** Guard: every read asks whether the scan is stopping, so a cancel stops inside one archive. */
    @Test
    void aCancelStopsTheWalkInsideABigArchive() throws Exception {
        Object[] files = new Object[2 * 5000];
        for (int i = 0; i < 5000; i++) {
            files[2 * i] = i + ".env";
            files[2 * i + 1] = SECRET_LINE;
        }
        byte[] tgz = gzip(tar(entries(files)));
        AtomicInteger seen = new AtomicInteger();
        ArchiveWalk walk = new ArchiveWalk(
                MAX_FILE,
                (path, name, data, length) -> seen.incrementAndGet(),
                reason -> {},
                () -> seen.get() >= 100,
                ArchiveWalk.Limits.DEFAULT);
        assertThatThrownBy(() -> walk.walk(ArchiveWalk.Format.GZIP, "big.tgz", "big.tgz", tgz, tgz.length))
                .isInstanceOf(RegexWork.Stopped.class);
        assertThat(seen.get()).isEqualTo(100);

        Files.write(dir.resolve("big.tgz"), tgz);
        AtomicInteger progress = new AtomicInteger();
        Scan.Monitor cancelAtFirstProgress =
                new Scan.Monitor(p -> progress.incrementAndGet(), () -> progress.get() > 0);
        assertThatThrownBy(() -> Scan.run(
                        ScanTest.target(dir, "", java.util.EnumSet.of(Category.SECRET), 1), cancelAtFirstProgress))
                .isInstanceOf(Scan.Cancelled.class);
        assertThat(progress.get()).isEqualTo(1);
    }

    /**
     * A tool call whose scan is busy inside an archive (entries of a tar matched by a slow user
     * rule, as in {@link ScanCancelAttackTest}) answers TIMEOUT at its deadline and its workers end.
     */
    @Test
    void aToolCallPastItsDeadline_stopsInsideAnArchive() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Object[] files = new Object[8];
        for (int i = 0; i < 4; i++) {
            files[2 * i] = "big" + i + ".txt";
            files[2 * i + 1] = "a".repeat(4 << 20);
        }
        Files.write(tree.resolve("big.tar"), tar(entries(files)));
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, """
                {"version": 1, "rules": [{"id": "slow", "description": "slow", "category": "code",
                  "severity": "low", "regex": "(?:.{0,8}a){40}$", "keywords": ["a"]}]}
                """);
        ToolRegistry registry = new ToolRegistry();
        registry.register(ScanTools.scan());
        IdempotencyStore store = new IdempotencyStore(
                Files.createDirectory(dir.resolve("state")), Duration.ofHours(1), 10, Clock.systemUTC());
        try (ToolRuntime runtime = new ToolRuntime(registry, store, entry -> {})) {
            Grants grants = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(dir), List.of());
            String json = "{\"paths\":[\"" + tree + "\"],\"checks\":[\"code\"],\"rules\":[\"" + rules
                    + "\"],\"max_file_size\":33554432}";
            long started = System.nanoTime();
            ToolCallResult result =
                    runtime.call(ToolCallRequest.builder("security_scan", args(json), new Caller("t", grants, null))
                            .timeout(Duration.ofMillis(ScanCancelAttackTest.DEADLINE_MS))
                            .build());
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(result.structuredContent().path("name").asText()).isEqualTo("TIMEOUT");
            assertThat(took).isLessThan(ScanCancelAttackTest.DEADLINE_MS + ScanCancelAttackTest.STOPS_WITHIN_MS);
            assertThat(ScanCancelAttackTest.workersStopWithin(ScanCancelAttackTest.STOPS_WITHIN_MS))
                    .isTrue();
        }
    }

    private List<Path> listing() throws Exception {
        try (Stream<Path> all = Files.walk(sandbox, 4)) {
            return all.sorted().toList();
        }
    }

    /** Letters that deflate about 2:1, far from any bomb. */
    static String randomText(int length, long seed) {
        java.util.Random random = new java.util.Random(seed);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(16)));
        }
        return out.toString();
    }

    static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int indexOf(byte[] data, byte[] what) {
        for (int i = 0; i + what.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
