package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.OpenDirectory;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.ToolPermission;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole scans of real directory trees, with OSV records written as fixtures. */
class ScanTest {
    static final String TOKEN = ContentScannerTest.GITHUB_TOKEN;

    @TempDir
    Path dir;

    Path repo;

    /** No progress wanted, never cancelled. */
    static final Scan.Monitor QUIET = new Scan.Monitor(progress -> {}, () -> false);

    @BeforeEach
    void tree() throws IOException {
        repo = Files.createDirectories(dir.resolve("repo"));
        write("app/settings.py", "DEBUG = True\nGITHUB = '" + TOKEN + "'\n");
        write("app/clean.py", "print('hello')\n");
        write(".gitignore", "build/\n*.secret\n");
        write("build/out.js", "t = '" + TOKEN + "'\n");
        write("local.secret", "t = '" + TOKEN + "'\n");
        Files.write(
                repo.resolve("logo.png"), ("\u0089PNG\0\0t = '" + TOKEN + "'").getBytes(StandardCharsets.ISO_8859_1));
        write("requirements.txt", "requests==2.19.0\nflask==2.3.3\n");
        write("web/package-lock.json", """
                {"lockfileVersion":3,"packages":{"":{},"node_modules/lodash":{"version":"4.17.20"}}}
                """);
    }

    void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** A directory opened as security_scan opens it, inside a root of its own. */
    static Scan.Target opened(Path directory, String display) {
        return opened(directory, display, directory);
    }

    /** A directory opened as security_scan opens it, inside {@code root}, with its ancestors up to it. */
    static Scan.Target opened(Path directory, String display, Path root) {
        Grants grants = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(root), List.of());
        OpenDirectory opened = grants.directory(directory.toString(), ToolPermission.FILESYSTEM_READ);
        List<OpenDirectory> ancestors = new java.util.ArrayList<>();
        for (Path up = directory.getParent(); up.startsWith(root); up = up.getParent()) {
            ancestors.add(grants.directory(up.toString(), ToolPermission.FILESYSTEM_READ));
        }
        return new Scan.Target(new DirectoryEntry(opened, null, opened.path()), display, ancestors);
    }

    static Scan.Input input(Path file) {
        try {
            return new Scan.Input(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Scan.Options options(Set<Category> checks, Path osvDb, Path baseline, boolean gitignore, long maxFileSize) {
        return new Scan.Options(
                List.of(opened(repo, "")),
                checks,
                List.of(),
                baseline == null ? null : input(baseline),
                osvDb == null ? null : opened(osvDb, osvDb.toString()),
                maxFileSize,
                gitignore,
                Severity.HIGH,
                2,
                true,
                null);
    }

    /** Every check of one target, .gitignore honoured, files up to 1 MiB. */
    static Scan.Options everything(Path root, String display, int threads) {
        return target(root, display, EnumSet.allOf(Category.class), threads);
    }

    /** These checks of one target, .gitignore honoured, files up to 1 MiB. */
    static Scan.Options target(Path root, String display, Set<Category> checks, int threads) {
        return new Scan.Options(
                List.of(opened(root, display)),
                checks,
                List.of(),
                null,
                null,
                1 << 20,
                true,
                Severity.HIGH,
                threads,
                true,
                null);
    }

    ScanResult scan(Scan.Options options) throws Scan.Cancelled {
        return Scan.run(options, QUIET);
    }

    ScanResult scanAll() throws Scan.Cancelled {
        return scan(options(EnumSet.allOf(Category.class), null, null, true, 1 << 20));
    }

    @Test
    void honoursGitignoreSkipsBinariesAndSaysDependenciesWereNotChecked() throws Exception {
        ScanResult result = scanAll();
        assertThat(result.findings())
                .extracting(Finding::path, Finding::ruleId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("app/settings.py", "SEC012"),
                        org.assertj.core.groups.Tuple.tuple("app/settings.py", "github-token"));
        assertThat(result.skipped()).containsEntry(SkipReason.BINARY, 1L).containsEntry(SkipReason.IGNORED, 2L);
        assertThat(result.dependencies().checked()).isFalse();
        assertThat(result.dependencies().packages()).isEqualTo(3);
        assertThat(ScanReport.dependencyNote(result)).contains("NOT checked").contains("--osv-db");
        assertThat(result.securityScore()).isEqualTo(100 - 25 - 5);
        assertThat(result.failed()).isTrue();
    }

    @Test
    void noIgnoreScansWhatGitignoreExcludes_butNeverDotGit() throws Exception {
        write(".git/config", "t = '" + TOKEN + "'\n");
        ScanResult result = scan(options(EnumSet.of(Category.SECRET), null, null, false, 1 << 20));
        assertThat(result.findings())
                .extracting(Finding::path)
                .containsExactly("app/settings.py", "build/out.js", "local.secret");
    }

    @Test
    void aSubdirectoryOfARepositoryHonoursTheRepositorysGitignore() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        Scan.Options options = new Scan.Options(
                List.of(opened(repo.resolve("build"), "build", repo)),
                EnumSet.of(Category.SECRET),
                List.of(),
                null,
                null,
                1 << 20,
                true,
                Severity.HIGH,
                1,
                true,
                null);
        // The repository's "*.secret" reaches into build/ when build/ alone is scanned; build/ itself,
        // which it also ignores, is scanned because it was asked for by name.
        write("build/creds.secret", "t = '" + TOKEN + "'\n");
        ScanResult result = scan(options);
        assertThat(result.findings()).extracting(Finding::path).containsExactly("build/out.js");
        assertThat(result.skipped()).containsEntry(SkipReason.IGNORED, 1L);
    }

    @Test
    void filesOverTheLimitAreSkippedAndCounted() throws Exception {
        write("big.py", "x = 1\n".repeat(100) + "t = '" + TOKEN + "'\n");
        ScanResult result = scan(options(EnumSet.of(Category.SECRET), null, null, true, 200));
        assertThat(result.skipped().get(SkipReason.TOO_LARGE)).isPositive();
        assertThat(result.findings()).extracting(Finding::path).doesNotContain("big.py");
    }

    @Test
    void aManifestOverTheLimitIsNamedInTheDependencyNote_neverSilentlyUnchecked() throws Exception {
        write("requirements.txt", "requests==2.19.0\n" + "# padding\n".repeat(100));
        ScanResult result = scan(options(EnumSet.of(Category.DEPENDENCY), null, null, true, 500));
        assertThat(result.dependencies().manifestsTooLarge()).isEqualTo(1);
        assertThat(ScanReport.dependencyNote(result)).contains("1 manifests over --max-file-size NOT read");
    }

    @Test
    void aFileOfSeveralMegabytesIsReadWhole() throws Exception {
        write("bundle.js", "var a = 1;\n".repeat(300_000) + "t = '" + TOKEN + "'\n");
        ScanResult result = scan(options(EnumSet.of(Category.SECRET), null, null, true, 5 << 20));
        assertThat(result.findings()).extracting(Finding::path).contains("bundle.js");
    }

    @Test
    void aBinaryFileIsKnownByItsFirstBytes_butArchivesAndKeystoresPastThemAreReadWhole() throws Exception {
        byte[] head = new byte[Scan.BINARY_PROBE + 100]; // NULs: binary from its first byte
        byte[] tail = ("\nt = '" + TOKEN + "'\n").getBytes(StandardCharsets.US_ASCII);
        Files.write(repo.resolve("blob.bin"), concat(head, tail));
        Files.write(repo.resolve("store.p12"), concat(head, tail));
        byte[] noise = new byte[3 * Scan.BINARY_PROBE];
        new java.util.Random(7).nextBytes(noise);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(repo.resolve("bundle.zip")))) {
            zip.putNextEntry(new ZipEntry("noise.bin")); // incompressible: the zip outgrows the probe
            zip.write(noise);
            zip.putNextEntry(new ZipEntry("conf/app.py"));
            zip.write(tail);
        }
        ScanResult result = scan(options(EnumSet.of(Category.SECRET), null, null, true, 1 << 20));
        assertThat(result.findings())
                .extracting(Finding::path)
                .contains("store.p12", "bundle.zip!conf/app.py")
                .doesNotContain("blob.bin");
        assertThat(result.skipped().get(SkipReason.BINARY)).isGreaterThanOrEqualTo(2); // blob.bin, logo.png
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void symbolicLinksAreNotFollowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("leak.py"), "t = '" + TOKEN + "'\n");
        Files.createSymbolicLink(repo.resolve("link"), outside);
        Files.createSymbolicLink(repo.resolve("file-link.py"), outside.resolve("leak.py"));
        ScanResult result = scan(options(EnumSet.of(Category.SECRET), null, null, true, 1 << 20));
        assertThat(result.findings()).extracting(Finding::path).containsExactly("app/settings.py");
        assertThat(result.skipped().get(SkipReason.NOT_REGULAR)).isEqualTo(2);
    }

    @Test
    void aBaselineAcceptsKnownFindings_evenAfterTheyMoveDownTheFile() throws Exception {
        ScanResult first = scan(options(EnumSet.of(Category.SECRET, Category.CODE), null, null, true, 1 << 20));
        Path baseline = dir.resolve("baseline.json");
        Files.writeString(baseline, ScanReport.json(first, "test", 1000).toString());
        write("app/settings.py", "import os\n\nDEBUG = True\nGITHUB = '" + TOKEN + "'\nEVAL = eval(x)\n");
        ScanResult second = scan(options(EnumSet.of(Category.SECRET, Category.CODE), null, baseline, true, 1 << 20));
        assertThat(second.findings()).extracting(Finding::ruleId).containsExactly("SEC009");
        assertThat(second.suppressed()).containsEntry("baseline", 2L);
        Path sarif = dir.resolve("baseline.sarif");
        Files.writeString(sarif, SarifReport.of(first, "test").toString());
        assertThat(scan(options(EnumSet.of(Category.SECRET, Category.CODE), null, sarif, true, 1 << 20))
                        .findings())
                .extracting(Finding::ruleId)
                .containsExactly("SEC009");
    }

    @Test
    void aBaselineThatIsNotAReportIsAnError() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"x\":1}");
        assertThatThrownBy(() -> scan(options(EnumSet.of(Category.SECRET), null, bad, true, 1 << 20)))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("neither");
        Path truncated = Files.writeString(dir.resolve("cut.json"), "{\"findings\":[");
        assertThatThrownBy(() -> scan(options(EnumSet.of(Category.SECRET), null, truncated, true, 1 << 20)))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("cut.json");
    }

    static String osv(String id, String ecosystem, String name, String ranges, String extra) {
        return """
                {"id":"%s","summary":"%s is vulnerable","aliases":["CVE-2000-%s"],%s
                 "affected":[{"package":{"ecosystem":"%s","name":"%s"},"ranges":[%s]}]}
                """.formatted(id, name, id.hashCode() & 0xfff, extra, ecosystem, name, ranges);
    }

    Path osvDatabase() throws IOException {
        Path db = Files.createDirectories(dir.resolve("osv/PyPI"));
        Files.writeString(
                db.resolve("PYSEC-1.json"),
                osv(
                        "PYSEC-1",
                        "PyPI",
                        "Requests",
                        "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"2.20.0\"}]}",
                        "\"database_specific\":{\"severity\":\"MODERATE\"},"));
        Files.writeString(
                db.resolve("PYSEC-2.json"),
                osv(
                        "PYSEC-2",
                        "PyPI",
                        "flask",
                        "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"2.2.5\"}]}",
                        ""));
        Files.writeString(
                db.resolve("WITHDRAWN.json"),
                osv(
                        "WITHDRAWN",
                        "PyPI",
                        "requests",
                        "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}",
                        "\"withdrawn\":\"2024-01-01T00:00:00Z\","));
        try (OutputStream out = Files.newOutputStream(dir.resolve("osv/all.zip"));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("GHSA-npm1.json"));
            zip.write(osv(
                            "GHSA-npm1",
                            "npm",
                            "lodash",
                            "{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"4.0.0\"},{\"fixed\":\"4.17.21\"}]}",
                            "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H\"}],")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("GHSA-npm2.json"));
            zip.write(osv(
                            "GHSA-npm2",
                            "npm",
                            "lodash",
                            "{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"last_affected\":\"4.17.19\"}]}",
                            "")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return dir.resolve("osv");
    }

    @Test
    void dependenciesAreMatchedAgainstOsvRecordsInFilesAndZips() throws Exception {
        ScanResult result = scan(options(EnumSet.of(Category.DEPENDENCY), osvDatabase(), null, true, 1 << 20));
        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::path, Finding::line, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PYSEC-1", "requirements.txt", 1, Severity.MEDIUM),
                        org.assertj.core.groups.Tuple.tuple("GHSA-npm1", "web/package-lock.json", 1, Severity.HIGH));
        Finding requests = result.findings().get(0);
        assertThat(requests.advisory().fixed()).isEqualTo("2.20.0");
        assertThat(requests.advisory().name()).isEqualTo("requests");
        assertThat(result.dependencies().checked()).isTrue();
        assertThat(result.dependencies().advisoryRecords()).isEqualTo(5);
        assertThat(ScanReport.dependencyNote(result)).startsWith("dependencies checked against 5 OSV records");
    }

    @Test
    void mavenDependenciesFollowMavensOwnVersionOrder() throws Exception {
        write("java/pom.xml", """
                <project><dependencies>
                  <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId>
                    <version>2.14.1</version></dependency>
                  <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-api</artifactId>
                    <version>2.15.0</version></dependency>
                </dependencies></project>
                """);
        Path db = Files.createDirectories(dir.resolve("maven-osv"));
        for (String artifact : List.of("log4j-core", "log4j-api")) {
            Files.writeString(
                    db.resolve(artifact + ".json"),
                    osv(
                            "GHSA-" + artifact,
                            "Maven",
                            "org.apache.logging.log4j:" + artifact,
                            "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"2.0-beta9\"},{\"fixed\":\"2.15.0\"}]}",
                            "\"database_specific\":{\"severity\":\"CRITICAL\"},"));
        }
        ScanResult result = scan(options(EnumSet.of(Category.DEPENDENCY), db, null, true, 1 << 20));
        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::path, Finding::line, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GHSA-log4j-core", "java/pom.xml", 2, Severity.CRITICAL));
    }

    @Test
    void aBrokenOsvRecordIsAnErrorNamingIt() throws Exception {
        Path db = osvDatabase();
        Files.writeString(db.resolve("PyPI/BROKEN.json"), "{\"id\":");
        assertThatThrownBy(() -> scan(options(EnumSet.of(Category.DEPENDENCY), db, null, true, 1 << 20)))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("BROKEN.json");
    }

    @Test
    void aCancelledScanStops() throws IOException {
        for (int i = 0; i < 50; i++) {
            write("many/f" + i + ".py", "x = " + i + "\n");
        }
        Scan.Monitor cancelled = new Scan.Monitor(progress -> {}, () -> true);
        assertThatThrownBy(() -> Scan.run(options(EnumSet.allOf(Category.class), null, null, true, 1 << 20), cancelled))
                .isInstanceOf(Scan.Cancelled.class);
    }

    @Test
    void progressIsReportedWithIncreasingCounts() throws Exception {
        for (int i = 0; i < 1200; i++) {
            write("many/f" + i + ".txt", "x\n");
        }
        List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Scan.run(
                options(EnumSet.allOf(Category.class), null, null, true, 1 << 20),
                new Scan.Monitor(progress -> seen.add(progress.files()), () -> false));
        assertThat(seen).isNotEmpty().isSorted();
    }

    @Test
    void aTreeOfAFewLargeFilesReportsProgressByItsBytes() throws Exception {
        for (int i = 0; i < 6; i++) {
            write("large/f" + i + ".txt", "x = 1\n".repeat(1_000_000));
        }
        List<Scan.Progress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Scan.run(
                options(EnumSet.of(Category.SECRET), null, null, true, 8 << 20),
                new Scan.Monitor(seen::add, () -> false));
        assertThat(seen).isNotEmpty().allMatch(p -> p.bytes() >= 16 << 20 && p.commits() == 0);
    }

    @Test
    void progressInHistoryCountsTheCommitsReached() {
        assertThat(ScanTools.progressMessage(new Scan.Progress(1200, 12_300_000, 0)))
                .isEqualTo("1200 files, 12.3 MB");
        assertThat(ScanTools.progressMessage(new Scan.Progress(1200, 12_300_000, 340)))
                .isEqualTo("340 commits, 1200 files, 12.3 MB");
    }

    @Test
    void theSameTreeGivesTheSameReportOnOneThreadOrMany() throws Exception {
        for (int i = 0; i < 200; i++) {
            write("gen/f" + i + ".py", (i % 3 == 0 ? "DEBUG = True\n" : "") + "y = eval(q)\n");
        }
        assertThat(scan(everything(repo, "", 4)).findings())
                .isEqualTo(scan(everything(repo, "", 1)).findings());
    }
}
