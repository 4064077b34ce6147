package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** encrypt, decrypt and keygen as a person runs them, in-process, with the real crypto tools. */
class CryptoCliTest {
    @TempDir
    Path dir;

    String key;

    @BeforeEach
    void aKey() {
        byte[] bytes = new byte[32];
        new Random(3).nextBytes(bytes);
        key = Base64.getEncoder().encodeToString(bytes);
    }

    CatalogueRunner.Run run(byte[] stdin, String... args) {
        return CatalogueRunner.run(
                Map.of(
                        "ENCRYPTION_MASTER_KEY",
                        key,
                        "XDG_STATE_HOME",
                        dir.resolve("state").toString()),
                stdin,
                args);
    }

    CatalogueRunner.Run run(String... args) {
        return run(new byte[0], args);
    }

    byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @Test
    void aFileRoundTripsBesideItself() throws Exception {
        byte[] data = random(200_000);
        Path plain = Files.write(dir.resolve("report.pdf"), data);
        assertThat(run("encrypt", plain.toString()).code()).isZero();
        Path sealed = dir.resolve("report.pdf.dsky");
        assertThat(sealed).exists();
        Files.delete(plain);
        CatalogueRunner.Run decrypted = run("decrypt", sealed.toString());
        assertThat(decrypted.code()).as(decrypted.err()).isZero();
        assertThat(Files.readAllBytes(plain)).isEqualTo(data);
    }

    @Test
    void pipesStreamThroughStdinAndStdout() {
        byte[] data = random(150_000);
        CatalogueRunner.Run sealed = run(data, "encrypt", "-");
        assertThat(sealed.code()).isZero();
        CatalogueRunner.Run opened = run(sealed.out(), "decrypt", "-", "-o", "-");
        assertThat(opened.out()).isEqualTo(data);
    }

    @Test
    void aTamperedFileFailsWithExit1_leavingNoOutputAndTheInputUntouched() throws Exception {
        Path sealed = dir.resolve("a.dsky");
        Files.write(sealed, run(random(100_000), "encrypt", "-").out());
        byte[] bytes = Files.readAllBytes(sealed);
        bytes[bytes.length - 3] ^= 1;
        Files.write(sealed, bytes);
        CatalogueRunner.Run run =
                run("decrypt", sealed.toString(), "-o", dir.resolve("a.out").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("E4007 AUTHENTICATION_FAILED: segment 1 does not authenticate");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(sealed)).isEqualTo(bytes);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.dsky", "state");
        }
    }

    @Test
    void aWrongKeyIsExit1_andAMissingOrShortKeyExit2() throws Exception {
        Path sealed = Files.write(
                dir.resolve("a.dsky"), run(random(10), "encrypt", "-").out());
        String right = key;
        key = Base64.getEncoder().encodeToString(new byte[32]);
        CatalogueRunner.Run wrong = run("decrypt", sealed.toString(), "-o", "-");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("wrong key or password");
        key = Base64.getEncoder().encodeToString(new byte[16]);
        CatalogueRunner.Run shortKey = run("decrypt", sealed.toString(), "-o", "-");
        assertThat(shortKey.code()).isEqualTo(2);
        assertThat(shortKey.err()).contains("ENCRYPTION_MASTER_KEY must decode to exactly 32 bytes, not 16");
        assertThat(shortKey.err()).doesNotContain(right);
    }

    @Test
    void outputsAreNeverClobberedUnlessForced() throws Exception {
        Path plain = Files.write(dir.resolve("x.txt"), random(10));
        Files.writeString(dir.resolve("x.txt.dsky"), "precious");
        CatalogueRunner.Run refused = run("encrypt", plain.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("exists (use --force to replace it)");
        assertThat(Files.readString(dir.resolve("x.txt.dsky"))).isEqualTo("precious");
        assertThat(run("encrypt", plain.toString(), "--force").code()).isZero();
        CatalogueRunner.Run self = run("encrypt", plain.toString(), "-o", plain.toString(), "--force");
        assertThat(self.err()).contains("the output would overwrite the input");
    }

    @Test
    void envelopesPrintOneLine_andOpen() {
        CatalogueRunner.Run sealed = run("encrypt", "--envelope", "card 4111");
        assertThat(sealed.text()).matches("v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+\\n");
        CatalogueRunner.Run opened = run("decrypt", "--envelope", sealed.text().strip());
        assertThat(opened.text()).isEqualTo("card 4111\n");
        CatalogueRunner.Run fromStdin = run(sealed.out(), "decrypt", "--envelope");
        assertThat(fromStdin.text()).isEqualTo("card 4111\n");
        assertThat(run("decrypt", "--envelope", sealed.text().strip(), "--aad", "other")
                        .code())
                .isEqualTo(1);
    }

    @Test
    void fieldDocumentsEncryptAndDecrypt_withAContext() throws Exception {
        byte[] doc = "{\"user\":{\"email\":\"ada@example.com\",\"name\":\"Ada\"}}".getBytes(StandardCharsets.UTF_8);
        CatalogueRunner.Run sealed = run(doc, "encrypt", "--fields", "--context", "user:1");
        assertThat(Json.parse(sealed.text()).at("/user/email").asText()).startsWith("v1:");
        assertThat(Json.parse(sealed.text()).at("/user/name").asText()).isEqualTo("Ada");
        CatalogueRunner.Run opened = run(sealed.out(), "decrypt", "--fields", "--context", "user:1");
        assertThat(Json.parse(opened.text())).isEqualTo(Json.parse(new String(doc, StandardCharsets.UTF_8)));
        CatalogueRunner.Run wrongContext = run(sealed.out(), "decrypt", "--fields", "--context", "user:2");
        assertThat(wrongContext.code()).isEqualTo(1);
        assertThat(wrongContext.err()).contains("field 'email'");
        assertThat(run(sealed.out(), "decrypt", "--fields", "--context", "user:2", "--lenient")
                        .code())
                .isZero();
        assertThat(run("encrypt".getBytes(StandardCharsets.UTF_8), "encrypt", "--fields")
                        .code())
                .isEqualTo(2);
    }

    @Test
    void passwordsProtectFilesWithPbkdf2() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "correct horse battery\n");
        CatalogueRunner.Run sealed = run(random(1000), "encrypt", "-", "--password-file", password.toString());
        assertThat(sealed.code()).isZero();
        CatalogueRunner.Run opened = run(sealed.out(), "decrypt", "-", "--password-file", password.toString());
        assertThat(opened.out()).isEqualTo(random(1000));
        CatalogueRunner.Run noPassword = run(sealed.out(), "decrypt", "-");
        assertThat(noPassword.err()).contains("this file is protected by a password");
    }

    @Test
    void keygenWritesAPrivateKeyFile_andRefusesToOverwriteOne() throws Exception {
        Path keyFile = dir.resolve("master.key");
        CatalogueRunner.Run made = run("keygen", "-o", keyFile.toString());
        assertThat(made.code()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip()))
                .hasSize(32);
        assertThat(made.text()).doesNotContain(Files.readString(keyFile).strip());
        assertThat(run("keygen", "-o", keyFile.toString()).code()).isEqualTo(2);
        CatalogueRunner.Run withKeyFile = run(random(5), "encrypt", "-", "--key-file", keyFile.toString());
        assertThat(run(withKeyFile.out(), "decrypt", "-", "--key-file", keyFile.toString())
                        .out())
                .isEqualTo(random(5));
    }

    @Test
    void aKeyringEncryptsWithItsCurrentVersionAndDecryptsByVersion() throws Exception {
        byte[] v2 = random(32);
        Path keyring = Files.writeString(
                dir.resolve("ring.json"),
                "{\"current\":\"v2\",\"keys\":{\"v1\":\"" + key + "\",\"v2\":\""
                        + Base64.getEncoder().encodeToString(v2) + "\"}}");
        CatalogueRunner.Run old = run("encrypt", "--envelope", "old");
        assertThat(old.text()).startsWith("v1:");
        CatalogueRunner.Run current = run("encrypt", "--envelope", "new", "--keyring", keyring.toString());
        assertThat(current.text()).startsWith("v2:");
        assertThat(run("decrypt", "--envelope", old.text().strip(), "--keyring", keyring.toString())
                        .text())
                .isEqualTo("old\n");
    }

    @Test
    void rotationReEncryptsEnvelopesFieldsAndFilesUnderTheCurrentKey() throws Exception {
        Path keyring = Files.writeString(
                dir.resolve("ring.json"),
                "{\"current\":\"v2\",\"keys\":{\"v1\":\"" + key + "\",\"v2\":\""
                        + Base64.getEncoder().encodeToString(random(32)) + "\"}}");
        String ring = keyring.toString();
        CatalogueRunner.Run envelope = run(
                "rotate", "--envelope", run("encrypt", "--envelope", "e").text().strip(), "--keyring", ring);
        assertThat(envelope.text()).startsWith("v2:");
        assertThat(run("decrypt", "--envelope", envelope.text().strip(), "--keyring", ring)
                        .text())
                .isEqualTo("e\n");

        byte[] doc = "{\"email\":\"a@b.co\",\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
        CatalogueRunner.Run fields =
                run(run(doc, "encrypt", "--fields").out(), "rotate", "--fields", "--keyring", ring);
        assertThat(Json.parse(fields.text()).get("email").asText()).startsWith("v2:");
        assertThat(Json.parse(run(fields.out(), "decrypt", "--fields", "--keyring", ring)
                        .text()))
                .isEqualTo(Json.parse(new String(doc, StandardCharsets.UTF_8)));

        byte[] data = random(200_000);
        Path sealed =
                Files.write(dir.resolve("f.dsky"), run(data, "encrypt", "-").out());
        CatalogueRunner.Run rotated = run("rotate", sealed.toString(), "--keyring", ring);
        assertThat(rotated.code()).as(rotated.err()).isZero();
        Path result = dir.resolve("f.dsky.rotated");
        assertThat(new String(Files.readAllBytes(result), 10, 2, StandardCharsets.US_ASCII))
                .isEqualTo("v2");
        assertThat(run("decrypt", result.toString(), "-o", "-", "--keyring", ring)
                        .out())
                .isEqualTo(data);
        byte[] tampered = Files.readAllBytes(sealed);
        tampered[tampered.length - 1] ^= 1;
        Files.write(sealed, tampered);
        CatalogueRunner.Run broken =
                run("rotate", sealed.toString(), "-o", dir.resolve("g.dsky").toString(), "--keyring", ring);
        assertThat(broken.code()).isEqualTo(1);
        assertThat(dir.resolve("g.dsky")).doesNotExist();
    }

    @Test
    void verifyEnvelopeSaysWhetherEnvelopesFilesAndDocumentsAuthenticate_writingNoPlaintext() throws Exception {
        String envelope = run("encrypt", "--envelope", "top secret").text().strip();
        CatalogueRunner.Run good = run("verify", "envelope", envelope);
        assertThat(good.code()).isZero();
        assertThat(good.text()).isEqualTo("AUTHENTIC\n").doesNotContain("top secret");
        String forged =
                envelope.substring(0, envelope.length() - 6) + (envelope.endsWith("AAAA==") ? "BBBB==" : "AAAA==");
        CatalogueRunner.Run bad = run("verify", "envelope", forged);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.text()).startsWith("NOT AUTHENTIC: authentication failed");
        assertThat(run("verify", "envelope", "not-an-envelope").code()).isEqualTo(2);

        Path sealed = Files.write(
                dir.resolve("f.dsky"), run(random(100_000), "encrypt", "-").out());
        assertThat(run("verify", "envelope", sealed.toString()).code()).isZero();
        byte[] bytes = Files.readAllBytes(sealed);
        bytes[bytes.length - 1] ^= 1;
        Files.write(sealed, bytes);
        CatalogueRunner.Run tampered = run("verify", "envelope", sealed.toString());
        assertThat(tampered.code()).isEqualTo(1);
        assertThat(tampered.text()).contains("segment 1 does not authenticate");

        Path doc = dir.resolve("doc.json");
        Files.write(
                doc,
                run("{\"email\":\"a@b.co\"}".getBytes(StandardCharsets.UTF_8), "encrypt", "--fields", "--context", "u1")
                        .out());
        assertThat(run("verify", "envelope", doc.toString(), "--context", "u1").code())
                .isZero();
        assertThat(run("verify", "envelope", doc.toString(), "--context", "u2").code())
                .isEqualTo(1);
        Path text = Files.writeString(dir.resolve("envelope.txt"), envelope + "\n");
        assertThat(run("verify", "envelope", text.toString()).code()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("f.dsky", "doc.json", "envelope.txt", "state");
        }
    }

    @Test
    void nothingToDoIsAUsageError() {
        CatalogueRunner.Run run = run("encrypt");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("give a FILE (or - for stdin), --envelope or --fields");
    }
}
