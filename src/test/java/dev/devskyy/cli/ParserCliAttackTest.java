package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.devskyy.testing.Shell;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile inputs of class 8 and 12 as a person (or CI) meets them on the command line: exit
 * codes and one-line errors, never a hang, a stack trace or a gate that passes.
 */
@Tag("security")
class ParserCliAttackTest {
    static final Duration PROMPTLY = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    Map<String, String> env() {
        byte[] key = new byte[32];
        new Random(7).nextBytes(key);
        return Map.of(
                "ENCRYPTION_MASTER_KEY",
                Base64.getEncoder().encodeToString(key),
                "XDG_STATE_HOME",
                dir.resolve("state").toString());
    }

    CatalogueRunner.Run run(String... args) {
        return assertTimeoutPreemptively(PROMPTLY, () -> CatalogueRunner.run(env(), new byte[0], args));
    }

    static void assertOneLine(CatalogueRunner.Run run) {
        assertThat(run.err())
                .doesNotContain("\tat ")
                .doesNotContain("Exception")
                .doesNotContain("E5003");
    }

    // --- the @FILE reader ----------------------------------------------------------------------

    @Test
    void aFifoAsTokenFileIsRefused_notWaitedOn() throws Exception {
        Path fifo = dir.resolve("token");
        Shell.run("mkfifo", fifo.toString());
        CatalogueRunner.Run run = run("verify", "jwt", "@" + fifo, "--alg", "HS256", "--secret-env", "X");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("not a regular file");
        assertOneLine(run);
    }

    @Test
    void aDeviceNodeAsTokenFileIsRefused() throws Exception {
        Path device = dir.resolve("token");
        Shell.run("mknod", device.toString(), "c", "1", "3");
        CatalogueRunner.Run run = run("verify", "jwt", "@" + device, "--alg", "HS256", "--secret-env", "X");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("not a regular file");
    }

    @Test
    void aFourGigabyteTokenFileIsRefusedByItsSize() throws Exception {
        Path sparse = dir.resolve("token");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(4L << 30);
        }
        CatalogueRunner.Run run = run("verify", "jwt", "@" + sparse, "--alg", "HS256", "--secret-env", "X");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("larger than " + ToolInvocation.MAX_TEXT_FILE);
        assertOneLine(run);
    }

    /** Every other whole-file reader of the command line: a FIFO is refused, not waited on. */
    @ParameterizedTest
    @ValueSource(strings = {"fields", "args-json", "password-file", "revoked"})
    void everyFileOptionRefusesAFifo(String option) throws Exception {
        Path fifo = dir.resolve("fifo");
        Shell.run("mkfifo", fifo.toString());
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        CatalogueRunner.Run run = switch (option) {
            case "fields" -> run("encrypt", "--fields=" + fifo);
            case "args-json" -> run("tools", "call", "token_generate", "--args-json", "@" + fifo);
            case "password-file" -> run("encrypt", "--password-file", fifo.toString(), plain.toString());
            default ->
                run("verify", "jwt", "a.b.c", "--alg", "HS256", "--secret-env", "X", "--revoked", fifo.toString());
        };
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("not a regular file");
        assertOneLine(run);
    }

    // --- verify envelope on damaged encrypted files ---------------------------------------------

    /** One encrypted file, made once; each test damages a copy. */
    static byte[] sealedTemplate;

    Path sealed() throws Exception {
        synchronized (ParserCliAttackTest.class) {
            if (sealedTemplate == null) {
                Path plain = Files.write(dir.resolve("plain.bin"), new byte[5000]);
                CatalogueRunner.Run run = CatalogueRunner.run(env(), new byte[0], "encrypt", plain.toString());
                assertThat(run.code()).as(run.err()).isZero();
                sealedTemplate = Files.readAllBytes(dir.resolve("plain.bin.dsky"));
            }
        }
        return Files.write(dir.resolve("damaged.dsky"), sealedTemplate);
    }

    /** A bit of each byte of the magic, version, mode and key id, then samples of salt, nonce and key check. */
    static IntStream headerBits() {
        return IntStream.concat(IntStream.range(0, 14), IntStream.of(20, 30, 40, 50, 60, 69))
                .map(at -> at * 8 + at % 8);
    }

    @ParameterizedTest
    @MethodSource("headerBits")
    void aFlippedHeaderBitIsACleanError(int bit) throws Exception {
        Path file = sealed();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        Files.write(file, bytes);
        CatalogueRunner.Run run = run("verify", "envelope", file.toString());
        assertThat(run.code()).as(run.err()).isIn(ExitCodes.NEGATIVE, ExitCodes.USAGE);
        assertOneLine(run);
    }

    @Test
    void aMagicWithOneByteFlippedSaysWhatItIs() throws Exception {
        Path file = sealed();
        byte[] bytes = Files.readAllBytes(file);
        bytes[2] ^= 1;
        Files.write(file, bytes);
        CatalogueRunner.Run run = run("verify", "envelope", file.toString());
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("E4001").contains("bad magic");
        assertOneLine(run);
    }

    // --- csp build --report-uri ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://r.example/csp; script-src 'unsafe-inline'",
                "https://r.example/csp\r\nSet-Cookie: session=x",
                "https://r.example/csp, script-src *"
            })
    void aReportUriThatInjectsIsRefused(String uri) {
        CatalogueRunner.Run run = run("csp", "build", "--report-uri", uri);
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.text()).isEmpty();
        assertThat(run.err())
                .startsWith("E4001")
                .doesNotContain("unsafe-inline")
                .doesNotContain("Set-Cookie");
    }

    @Test
    void aPlainReportUriStillWorks() {
        CatalogueRunner.Run run = run("csp", "build", "--report-uri", "https://r.example/csp?x=1");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.text()).contains("; report-uri https://r.example/csp?x=1\n");
    }

    // --- verify budget: a CI gate ---------------------------------------------------------------

    /** Declared lengths only: 2^31 − 1 indices drawn 2^31 − 1 times, about 1.5 × 10^18 triangles. */
    static final String HUGE = """
            {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],
             "nodes":[{"mesh":0,"extensions":{"EXT_mesh_gpu_instancing":{"attributes":{"TRANSLATION":1}}}}],
             "meshes":[{"primitives":[{"attributes":{"POSITION":1},"indices":0}]}],
             "accessors":[{"bufferView":0,"componentType":5121,"count":2147483647,"type":"SCALAR"},
                          {"bufferView":0,"componentType":5121,"count":2147483647,"type":"SCALAR"}],
             "bufferViews":[{"buffer":0,"byteLength":2147483647}],
             "buffers":[{"byteLength":2147483647}]}
            """;

    @Test
    void eightHugeAssetsFailTheGate_neverPassIt() throws Exception {
        Files.writeString(dir.resolve("huge.gltf"), HUGE);
        String assets = "\"huge.gltf\",".repeat(8);
        Path spec =
                Files.writeString(dir.resolve("spec.json"), """
                {"spec_version":"1.0.0","variant":"RUNWAY","collection_id":"c1","scene":{"assets":[%s]},
                 "camera":{"fov":50,"position":[0,0,5],"target":[0,0,0]},"interactions":[],"ui_overlay":{},
                 "performance_budget":{"max_triangles":1000,"max_texture_memory_mb":1,"max_draw_calls":5,
                   "max_bundle_size_kb":100},"analytics_events":[]}
                """.formatted(assets.substring(0, assets.length() - 1)));
        CatalogueRunner.Run run = run("verify", "budget", spec.toString());
        assertThat(run.code()).as(run.text()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("overflow");
        assertThat(run.text()).doesNotContain("within budget");
    }
}
