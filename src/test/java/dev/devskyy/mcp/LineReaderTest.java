package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    static String text(LineReader.Line line) {
        return new String(((LineReader.Message) line).bytes(), StandardCharsets.UTF_8);
    }

    static LineReader reader(String input, long max) {
        return new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void splitsOnNewline_dropsCarriageReturnAndBlankLines_keepsALastLineWithoutNewline() throws IOException {
        LineReader reader = reader("a\r\n\n  \nb\nc", 100);
        assertThat(text(reader.next())).isEqualTo("a");
        assertThat(text(reader.next())).isEqualTo("b");
        assertThat(text(reader.next())).isEqualTo("c");
        assertThat(reader.next()).isNull();
    }

    @Test
    void dropsAByteOrderMarkOnlyAtTheStart() throws IOException {
        LineReader reader = reader("\uFEFFa\n\uFEFFb\n", 100);
        assertThat(text(reader.next())).isEqualTo("a");
        assertThat(text(reader.next())).isEqualTo("\uFEFFb");
    }

    @Test
    void anOversizedLineIsSkippedWithoutBeingHeld_andTheNextLineIsRead() throws IOException {
        long huge = 64L << 20;
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served >= huge + 3) {
                    return -1;
                }
                int n = 0;
                while (n < len && served < huge + 3) {
                    b[off + n++] =
                            served < huge ? (byte) 'x' : "\nok".getBytes(StandardCharsets.UTF_8)[(int) (served - huge)];
                    served++;
                }
                return n;
            }
        };
        LineReader reader = new LineReader(endless, 1024);
        assertThat(reader.next()).isEqualTo(new LineReader.Oversized(huge, 1024, null));
        assertThat(text(reader.next())).isEqualTo("ok");
    }

    @Test
    void aNewLimitAppliesFromTheNextLine() throws IOException {
        LineReader reader = reader("abcdef\nabcdef\n", 100);
        assertThat(text(reader.next())).isEqualTo("abcdef");
        reader.limit(3);
        assertThat(reader.next()).isEqualTo(new LineReader.Oversized(6, 3, null));
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() throws IOException {
        assertThat(text(reader("abcd\n", 4).next())).isEqualTo("abcd");
        assertThat(reader("abcde\n", 4).next()).isEqualTo(new LineReader.Oversized(5, 4, null));
    }
}
