package dev.devskyy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Segments are sealed and opened on several threads: whatever fails in the middle of a file, the
 * caller sees one error, the one of the first failing segment in file order, no result of a
 * segment after it is written, and no worker thread outlives the call.
 */
@Tag("security")
class SegmentPipelineAttackTest {
    static final int SEGMENT = FileHeader.SEGMENT_BYTES;
    static final int SEALED = SEGMENT + AesGcm.TAG_BYTES;
    static final byte[] KEY = new byte[32];
    static final int SEGMENTS = 40;

    final byte[] plain = random(SEGMENTS * SEGMENT + 5);

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    static byte[] encrypt(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileCipher.encrypt(
                new ByteArrayInputStream(plain), out, FileHeader.create(new FileHeader.KeySpec.Named("v1")), KEY);
        return out.toByteArray();
    }

    /** Where segment {@code index} starts in the encryption of {@link #plain}: 40 full segments and 5 bytes. */
    int segmentStart(byte[] file, int index) {
        int header = file.length - plain.length - (SEGMENTS + 1) * AesGcm.TAG_BYTES;
        return header + index * SEALED;
    }

    @AfterEach
    void noWorkerOutlivesTheCall() {
        assertThat(Thread.getAllStackTraces().keySet())
                .as("worker threads still alive")
                .noneMatch(thread -> thread.getName().equals("devskyy-segment-cipher") && thread.isAlive());
    }

    @Test
    void aTamperedSegmentInTheMiddle_releasesExactlyTheSegmentsBeforeIt() throws Exception {
        byte[] file = encrypt(plain);
        file[segmentStart(file, 17) + 100] ^= 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> FileCipher.decrypt(new ByteArrayInputStream(file), out, spec -> KEY))
                .isInstanceOf(CryptoException.class)
                .hasMessage("segment 17 does not authenticate: the file was altered, truncated, reordered or extended");
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(plain, 17 * SEGMENT));
    }

    @Test
    void twoTamperedSegments_theFirstInFileOrderIsTheOneReported() throws Exception {
        byte[] file = encrypt(plain);
        file[segmentStart(file, 30) + 7] ^= 1;
        file[segmentStart(file, 3) + 7] ^= 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> FileCipher.decrypt(new ByteArrayInputStream(file), out, spec -> KEY))
                .hasMessageStartingWith("segment 3 ");
        assertThat(out.size()).isEqualTo(3 * SEGMENT);
    }

    @Test
    void aFileCutAtASegmentBoundaryInTheMiddle_neverAuthenticatesItsLastSegment() throws Exception {
        byte[] file = encrypt(plain);
        byte[] cut = Arrays.copyOf(file, segmentStart(file, 20));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> FileCipher.decrypt(new ByteArrayInputStream(cut), out, spec -> KEY))
                .hasMessageStartingWith("segment 19 does not authenticate");
        assertThat(out.size()).isEqualTo(19 * SEGMENT);
    }

    @Test
    void aReadErrorMidFile_isThrownAsItIs_andNothingPastItIsWritten() {
        IOException failure = new IOException("read error");
        InputStream failing = new InputStream() {
            private final InputStream data = new ByteArrayInputStream(plain);
            private long read;

            @Override
            public int read() throws IOException {
                throw failure;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 11L * SEGMENT) {
                    throw failure;
                }
                int n = data.read(b, off, (int) Math.min(len, 11L * SEGMENT - read));
                read += n;
                return n;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() ->
                        FileCipher.encrypt(failing, out, FileHeader.create(new FileHeader.KeySpec.Named("v1")), KEY))
                .isSameAs(failure);
        assertThat(out.size())
                .as("header and segments sealed before the error, no more")
                .isLessThan(11 * SEALED);
    }

    @Test
    void aWriteErrorMidFile_likeAFullDisk_isThrownAsItIs() {
        IOException full = new IOException("No space left on device");
        OutputStream filling = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 5L * SEGMENT) {
                    throw full;
                }
            }
        };
        assertThatThrownBy(() -> FileCipher.encrypt(
                        new ByteArrayInputStream(plain),
                        filling,
                        FileHeader.create(new FileHeader.KeySpec.Named("v1")),
                        KEY))
                .isSameAs(full);
    }

    @Test
    void manyFilesAtOnce_eachRoundTrips() throws Exception {
        byte[][] files = new byte[4][];
        Thread[] threads = new Thread[files.length];
        for (int i = 0; i < files.length; i++) {
            int n = i;
            threads[i] = new Thread(() -> {
                try {
                    files[n] = encrypt(plain);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (int i = 0; i < files.length; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FileCipher.decrypt(new ByteArrayInputStream(files[i]), out, spec -> KEY);
            assertThat(out.toByteArray()).isEqualTo(plain);
        }
    }
}
