package dev.devskyy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileCipherTest {
    static final int SEGMENT = FileHeader.SEGMENT_BYTES;
    static final int SEALED = SEGMENT + AesGcm.TAG_BYTES;
    static final byte[] KEY = new byte[32];
    static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(OTHER_KEY, (byte) 1);
    }

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    static byte[] encrypt(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileCipher.encrypt(
                new ByteArrayInputStream(plain), out, FileHeader.create(new FileHeader.KeySpec.Named("v1")), KEY);
        return out.toByteArray();
    }

    static byte[] decrypt(byte[] file, byte[] key) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileCipher.decrypt(new ByteArrayInputStream(file), out, spec -> key);
        return out.toByteArray();
    }

    static int headerLength(byte[] file) {
        return file.length - sealedLength(file.length);
    }

    /** The sealed bytes after the header, for a file whose plaintext size we know from the test. */
    static int sealedLength(int fileLength) {
        return fileLength - (FileHeader.MAGIC.length + 1 + 1 + 1 + 2 + 32 + 7 + 1 + 16);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 17})
    void roundTripsAtSegmentBoundaries(int size) throws Exception {
        byte[] plain = random(size);
        byte[] file = encrypt(plain);
        int segments = Math.max(1, (size + SEGMENT - 1) / SEGMENT);
        assertThat(sealedLength(file.length)).isEqualTo(size + segments * AesGcm.TAG_BYTES);
        assertThat(decrypt(file, KEY)).isEqualTo(plain);
    }

    @Test
    void twoEncryptionsOfTheSameDataDiffer() throws Exception {
        byte[] plain = random(100);
        assertThat(encrypt(plain)).isNotEqualTo(encrypt(plain));
    }

    @Test
    void aWrongKeyIsToldApartFromAlteredData() throws Exception {
        byte[] file = encrypt(random(10));
        assertThatThrownBy(() -> decrypt(file, OTHER_KEY))
                .isInstanceOfSatisfying(
                        CryptoException.class, e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.AUTHENTICATION))
                .hasMessageStartingWith("wrong key or password");
    }

    @Test
    void everyFlippedBitIsDetected_headerOrSegment() throws Exception {
        byte[] file = encrypt(random(2 * SEGMENT + 5));
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            byte[] tampered = file.clone();
            int at = i < 100 ? i % headerLength(file) : random.nextInt(file.length);
            tampered[at] ^= (byte) (1 << random.nextInt(8));
            assertThatThrownBy(() -> decrypt(tampered, KEY))
                    .as("bit flipped at " + at)
                    .isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void truncationAtAnySegmentBoundaryOrInsideIsDetected() throws Exception {
        byte[] file = encrypt(random(3 * SEGMENT));
        int header = headerLength(file);
        for (int cut : new int[] {header, header + SEALED, header + 2 * SEALED, file.length - 1, header + 5, 3}) {
            byte[] truncated = Arrays.copyOf(file, cut);
            assertThatThrownBy(() -> decrypt(truncated, KEY))
                    .as("cut at " + cut)
                    .isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void reorderedDuplicatedOrAppendedSegmentsAreDetected() throws Exception {
        byte[] file = encrypt(random(3 * SEGMENT + 10));
        int header = headerLength(file);
        Function<int[], byte[]> assemble = order -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(file, 0, header);
            for (int segment : order) {
                int from = header + segment * SEALED;
                out.write(file, from, Math.min(SEALED, file.length - from));
            }
            return out.toByteArray();
        };
        assertThatThrownBy(() -> decrypt(assemble.apply(new int[] {1, 0, 2, 3}), KEY))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> decrypt(assemble.apply(new int[] {0, 0, 1, 2, 3}), KEY))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> decrypt(assemble.apply(new int[] {0, 1, 2, 3, 3}), KEY))
                .isInstanceOf(CryptoException.class);
        byte[] appended = Arrays.copyOf(file, file.length + 1);
        assertThatThrownBy(() -> decrypt(appended, KEY)).isInstanceOf(CryptoException.class);
        assertThat(decrypt(assemble.apply(new int[] {0, 1, 2, 3}), KEY)).hasSize(3 * SEGMENT + 10);
    }

    @Test
    void nothingIsWrittenBeforeTheFirstSegmentAuthenticates_andOnlyWholeSegmentsAfter() throws Exception {
        byte[] file = encrypt(random(2 * SEGMENT + 3));
        byte[] tamperedFirst = file.clone();
        tamperedFirst[headerLength(file) + 10] ^= 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> FileCipher.decrypt(new ByteArrayInputStream(tamperedFirst), out, spec -> KEY))
                .isInstanceOf(CryptoException.class);
        assertThat(out.size()).isZero();
        byte[] tamperedLast = file.clone();
        tamperedLast[file.length - 1] ^= 1;
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        assertThatThrownBy(() -> FileCipher.decrypt(new ByteArrayInputStream(tamperedLast), partial, spec -> KEY))
                .hasMessageContaining("segment 2");
        assertThat(partial.size()).isEqualTo(2 * SEGMENT);
    }

    @Test
    void notOurFileOrAnotherVersionIsAClearError() {
        assertThatThrownBy(() -> decrypt("hello world, not encrypted".getBytes(StandardCharsets.US_ASCII), KEY))
                .hasMessage("not a devskyy encrypted file (bad magic)");
        byte[] version2 = Arrays.copyOf(FileHeader.MAGIC, 40);
        version2[FileHeader.MAGIC.length] = 2;
        assertThatThrownBy(() -> decrypt(version2, KEY)).hasMessage("unsupported file format version 2");
        assertThatThrownBy(() -> decrypt(new byte[0], KEY)).hasMessage("not a devskyy encrypted file (bad magic)");
    }

    @Test
    void passwordFilesStoreTheirKdfParameters_andAWeakIterationCountIsRefused() throws Exception {
        byte[] password = "correct horse".getBytes(StandardCharsets.UTF_8);
        FileHeader.KeySpec.Password spec = FileHeader.newPasswordSpec();
        assertThat(spec.iterations()).isGreaterThanOrEqualTo(600_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] ikm = Pbkdf2.derive(password, spec.salt(), spec.iterations(), 32);
        FileCipher.encrypt(new ByteArrayInputStream(new byte[] {1, 2, 3}), out, FileHeader.create(spec), ikm);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        FileCipher.decrypt(new ByteArrayInputStream(out.toByteArray()), plain, read -> {
            FileHeader.KeySpec.Password p = (FileHeader.KeySpec.Password) read;
            return Pbkdf2.derive(password, p.salt(), p.iterations(), 32);
        });
        assertThat(plain.toByteArray()).containsExactly(1, 2, 3);
        byte[] weak = out.toByteArray();
        int iterationsAt = FileHeader.MAGIC.length + 2;
        weak[iterationsAt] = 0;
        weak[iterationsAt + 1] = 0;
        weak[iterationsAt + 2] = 0x03;
        weak[iterationsAt + 3] = (byte) 0xE8;
        assertThatThrownBy(() -> decrypt(weak, KEY)).hasMessageContaining("PBKDF2 iteration count 1000 is outside");
    }
}
