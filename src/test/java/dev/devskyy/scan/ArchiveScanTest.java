package dev.devskyy.scan;

import static dev.devskyy.scan.ArchiveSamples.SECRET_LINE;
import static dev.devskyy.scan.ArchiveSamples.entries;
import static dev.devskyy.scan.ArchiveSamples.gzip;
import static dev.devskyy.scan.ArchiveSamples.tar;
import static dev.devskyy.scan.ArchiveSamples.text;
import static dev.devskyy.scan.ArchiveSamples.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets inside real archives and keystores, found through a whole scan and named outer!inner. */
class ArchiveScanTest {
    @TempDir
    Path dir;

    ScanResult scan(boolean archives) throws Exception {
        Scan.Options o = ScanTest.target(dir, "", EnumSet.of(Category.SECRET), 2);
        return Scan.run(
                new Scan.Options(
                        o.targets(),
                        o.checks(),
                        List.of(),
                        null,
                        null,
                        1 << 20,
                        true,
                        Severity.HIGH,
                        2,
                        archives,
                        null),
                ScanTest.QUIET);
    }

    @Test
    void findsSecretsInEveryFormat_withTheLineInsideTheEntry() throws Exception {
        String body = "# config\n\n" + SECRET_LINE;
        Files.write(dir.resolve("app.zip"), zip(entries("conf/.env", body, "README", "nothing\n")));
        Files.write(dir.resolve("lib.jar"), zip(entries("META-INF/app.properties", body)));
        Files.write(dir.resolve("data.tar"), tar(entries("etc/app.env", body)));
        Files.write(dir.resolve("data.tar.gz"), gzip(tar(entries("deep/dir/app.env", body))));
        Files.write(dir.resolve("bundle.tgz"), gzip(tar(entries("x.env", body))));
        Files.write(dir.resolve("settings.env.gz"), gzip(text(body)));
        ScanResult result = scan(true);
        assertThat(result.findings())
                .extracting(Finding::path, Finding::line, Finding::ruleId)
                .containsExactly(
                        tuple("app.zip!conf/.env", 3, "github-token"),
                        tuple("bundle.tgz!x.env", 3, "github-token"),
                        tuple("data.tar!etc/app.env", 3, "github-token"),
                        tuple("data.tar.gz!deep/dir/app.env", 3, "github-token"),
                        tuple("lib.jar!META-INF/app.properties", 3, "github-token"),
                        tuple("settings.env.gz!settings.env", 3, "github-token"));
        assertThat(result.filesScanned()).isEqualTo(7);
        assertThat(result.skipped().values()).allMatch(n -> n == 0);
    }

    @Test
    void nestedArchivesAreNamedLevelByLevel() throws Exception {
        byte[] inner = gzip(tar(entries("c/d.env", SECRET_LINE)));
        Files.write(dir.resolve("a.zip"), zip(entries("b.tar.gz", inner)));
        assertThat(scan(true).findings()).extracting(Finding::path).containsExactly("a.zip!b.tar.gz!c/d.env");
    }

    @Test
    void realTarArchives_gnuLongNamesAndPaxPaths() throws Exception {
        String longDir = "d".repeat(120);
        Path src = Files.createDirectories(dir.resolve("src").resolve(longDir));
        Files.writeString(src.resolve("n\u00e9.env"), SECRET_LINE);
        Path out = Files.createDirectories(dir.resolve("out"));
        Shell.run(
                "tar",
                "--format=gnu",
                "-C",
                dir.resolve("src").toString(),
                "-cf",
                out.resolve("gnu.tar").toString(),
                longDir);
        Shell.run(
                "tar",
                "--format=pax",
                "-C",
                dir.resolve("src").toString(),
                "-czf",
                out.resolve("pax.tgz").toString(),
                longDir);
        deleteTree(dir.resolve("src"));
        assertThat(scan(true).findings())
                .extracting(Finding::path)
                .containsExactly("out/gnu.tar!" + longDir + "/n\u00e9.env", "out/pax.tgz!" + longDir + "/n\u00e9.env");
    }

    @Test
    void noArchives_leavesThemAsBinaryFiles() throws Exception {
        Files.write(dir.resolve("app.zip"), zip(entries(".env", SECRET_LINE)));
        ScanResult result = scan(false);
        assertThat(result.findings()).isEmpty();
        assertThat(result.skipped()).containsEntry(SkipReason.BINARY, 1L);
    }

    @Test
    void baselinesAndInlineAllowsWorkInsideArchives_andFingerprintsHoldTheInnerPath() throws Exception {
        Files.write(dir.resolve("a.zip"), zip(entries("one.env", SECRET_LINE, "two.env", SECRET_LINE)));
        Files.write(dir.resolve("b.zip"), zip(entries("x.env", SECRET_LINE.strip() + " # devskyy:allow\n")));
        ScanResult first = scan(true);
        assertThat(first.findings()).extracting(Finding::path).containsExactly("a.zip!one.env", "a.zip!two.env");
        assertThat(first.findings().get(0).fingerprint())
                .isNotEqualTo(first.findings().get(1).fingerprint());
        assertThat(first.suppressed()).containsEntry("inline", 1L);

        ObjectNode report = ScanReport.json(first, "test", Integer.MAX_VALUE);
        Path baseline = dir.resolve("baseline.json");
        Files.writeString(baseline, report.toString());
        Files.write(
                dir.resolve("a.zip"),
                zip(entries("one.env", SECRET_LINE, "two.env", SECRET_LINE, "three.env", SECRET_LINE)));
        Scan.Options o = ScanTest.target(dir, "", EnumSet.of(Category.SECRET), 2);
        ScanResult second = Scan.run(
                new Scan.Options(
                        o.targets(),
                        o.checks(),
                        List.of(),
                        ScanTest.input(baseline),
                        null,
                        1 << 20,
                        true,
                        Severity.HIGH,
                        2,
                        true,
                        null),
                ScanTest.QUIET);
        assertThat(second.findings()).extracting(Finding::path).containsExactly("a.zip!three.env");
        assertThat(second.suppressed()).containsEntry("baseline", 2L);
    }

    @Test
    void sarifAndJsonNameTheEntry() throws Exception {
        Files.write(dir.resolve("a.zip"), zip(entries("conf/.env", SECRET_LINE)));
        ScanResult result = scan(true);
        JsonNode json = ScanReport.json(result, "test", 10);
        assertThat(json.at("/findings/0/path").asText()).isEqualTo("a.zip!conf/.env");
        assertThat(json.at("/summary/skipped").has("archive_bomb")).isTrue();
        JsonNode sarif = SarifReport.of(result, "test");
        JsonNode location = sarif.at("/runs/0/results/0/locations/0/physicalLocation");
        assertThat(location.at("/artifactLocation/uri").asText()).isEqualTo("a.zip!conf/.env");
        assertThat(location.at("/region/startLine").asInt()).isEqualTo(1);
        assertThat(sarif.at("/runs/0/tool/driver/rules").findValuesAsText("id"))
                .contains("java-keystore", "pkcs12-keystore");
    }

    /** A key store of {@code type} holding one EC key pair, made by the JDK's own keytool. */
    private static void keyPair(String keytool, String type, Path store) throws Exception {
        Shell.run(
                keytool,
                "-genkeypair",
                "-keyalg",
                "EC",
                "-alias",
                "k",
                "-dname",
                "CN=t",
                "-storetype",
                type,
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit",
                "-validity",
                "2");
    }

    @Test
    void keystoresMadeByKeytool_reportedByMagic_truststoresNot_alsoInsideArchives() throws Exception {
        Path made = Files.createDirectories(dir.resolve("made"));
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        keyPair(keytool, "PKCS12", made.resolve("client.p12"));
        keyPair(keytool, "JKS", made.resolve("server.jks"));
        Shell.run(
                keytool,
                "-genseckey",
                "-keyalg",
                "AES",
                "-keysize",
                "128",
                "-alias",
                "s",
                "-storetype",
                "JCEKS",
                "-keystore",
                made.resolve("secret.jceks").toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        Shell.run(
                keytool,
                "-exportcert",
                "-alias",
                "k",
                "-keystore",
                made.resolve("server.jks").toString(),
                "-storepass",
                "changeit",
                "-file",
                made.resolve("k.cer").toString());
        Shell.run(
                keytool,
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                made.resolve("k.cer").toString(),
                "-storetype",
                "JKS",
                "-keystore",
                made.resolve("trust.jks").toString(),
                "-storepass",
                "changeit");
        Files.delete(made.resolve("k.cer"));
        Files.copy(made.resolve("client.p12"), made.resolve("renamed.bin"));
        Files.write(
                dir.resolve("bundle.zip"),
                zip(entries("keys/server.jks", Files.readAllBytes(made.resolve("server.jks")))));
        ScanResult result = scan(true);
        assertThat(result.findings())
                .extracting(Finding::path, Finding::ruleId, Finding::severity)
                .containsExactly(
                        tuple("bundle.zip!keys/server.jks", "java-keystore", Severity.CRITICAL),
                        tuple("made/client.p12", "pkcs12-keystore", Severity.HIGH),
                        tuple("made/renamed.bin", "pkcs12-keystore", Severity.HIGH),
                        tuple("made/secret.jceks", "java-keystore", Severity.CRITICAL),
                        tuple("made/server.jks", "java-keystore", Severity.CRITICAL));
        assertThat(result.skipped()).containsEntry(SkipReason.BINARY, 1L); // trust.jks
        assertThat(result.findings()).allSatisfy(f -> assertThat(f.evidence()).doesNotContain("changeit"));
    }

    static void deleteTree(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
