package dev.devskyy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseReaderTest {
    static final WebAddress ADDRESS = WebAddress.parse("https://shop.example.com/");

    static HttpResponse read(byte[] bytes, long maxBody) throws IOException {
        return new ResponseReader(new ByteArrayInputStream(bytes), maxBody).read(ADDRESS, "GET");
    }

    static HttpResponse read(String text, long maxBody) throws IOException {
        return read(text.getBytes(StandardCharsets.ISO_8859_1), maxBody);
    }

    static String body(HttpResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aContentLengthBodyIsReadWholeWithItsFieldsInOrder() throws IOException {
        HttpResponse r =
                read("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nContent-Length: 5\r\nset-cookie: b=2\r\n\r\nhello", 100);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().all("SET-COOKIE")).containsExactly("a=1", "b=2");
        assertThat(body(r)).isEqualTo("hello");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void aChunkedBodyIsJoinedAndItsTrailersDropped() throws IOException {
        HttpResponse r = read(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n",
                100);
        assertThat(body(r)).isEqualTo("hello world");
    }

    @Test
    void aBodyWithoutLengthRunsToTheConnectionsEndAndLfAloneEndsALine() throws IOException {
        HttpResponse r = read("HTTP/1.0 200 OK\nServer: x\n\nuntil close", 100);
        assertThat(body(r)).isEqualTo("until close");
        assertThat(r.headers().first("server")).hasValue("x");
    }

    @Test
    void interimAnswersAreSkipped() throws IOException {
        HttpResponse r = read("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 100);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void onlyChunkedAsTheLastCodingIsChunked_andAnEmptyGzipBodyIsEmpty() throws IOException {
        assertThat(body(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: xchunked\r\n\r\n5\r\nhello", 100)))
                .isEqualTo("5\r\nhello");
        HttpResponse moved =
                read("HTTP/1.1 301 Moved\r\nLocation: /x\r\nContent-Encoding: gzip\r\nContent-Length: 0\r\n\r\n", 100);
        assertThat(moved.body()).isEmpty();
    }

    @Test
    void aBodyOverTheBoundIsCutNotRefused() throws IOException {
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", 4)
                        .truncated())
                .isTrue();
        assertThat(body(read("HTTP/1.1 200 OK\r\n\r\n0123456789", 4))).isEqualTo("0123");
        HttpResponse chunked =
                read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n0\r\n\r\n", 4);
        assertThat(body(chunked)).isEqualTo("0123");
        assertThat(chunked.truncated()).isTrue();
    }

    @Test
    void aHugeContentLengthIsReadOnlyUpToTheBound() throws IOException {
        HttpResponse r = read("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\nabcdef", 3);
        assertThat(body(r)).isEqualTo("abc");
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void gzipIsDecodedWithinTheBoundSoABombInflatesNoFurther() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            gz.write(new byte[64 * 1024 * 1024]); // 64 MiB of zeros: about 64 KiB packed
        }
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + packed.size() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(head);
        message.write(packed.toByteArray());
        HttpResponse r = read(message.toByteArray(), 1024 * 1024);
        assertThat(r.body()).hasSize(1024 * 1024);
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void aSmallGzipBodyIsDecodedWhole() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            gz.write("<html>ok</html>".getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        message.write(packed.toByteArray());
        assertThat(body(read(message.toByteArray(), 100))).isEqualTo("<html>ok</html>");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "HTTP/2 200\\r\\n\\r\\n|not an HTTP/1.x status line",
                "HTTP/1.1 20x OK\\r\\n\\r\\n|three digits",
                "HTTP/1.1 700 Odd\\r\\n\\r\\n|between 100 and 599",
                "HTTP/1.1 200 OK\\r\\nX: a\\r\\n continuation-x\\r\\n\\r\\n|folded",
                "HTTP/1.1 200 OK\\r\\nBad Name: a\\r\\n\\r\\n|header name",
                "HTTP/1.1 200 OK\\r\\nX: a\\rb\\r\\n\\r\\n|bare CR",
                "HTTP/1.1 200 OK\\r\\nX: a\\u0001\\r\\n\\r\\n|control character",
                "HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\nContent-Length: 6\\r\\n\\r\\nhello!|disagree",
                "HTTP/1.1 200 OK\\r\\nContent-Length: -1\\r\\n\\r\\n|not a number",
                "HTTP/1.1 200 OK\\r\\nContent-Length: 9\\r\\n\\r\\nshort|before the body",
                "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nfffffffffffffffff\\r\\n|15 hex digits",
                "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n|hex number",
                "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nabc\\r\\n0\\r\\n\\r\\n|longer than its size",
                "HTTP/1.1 200 OK\\r\\nContent-Encoding: br\\r\\n\\r\\nxx|did not offer",
                "HTTP/1.1 200 OK\\r\\nContent-Encoding: gzip\\r\\n\\r\\nnot gzip at all|gzip",
                "HTTP/1.1 200 OK\\r\\nX: 1|closed inside the header section"
            })
    void whatBreaksHttpIsAProtocolFailureThatQuotesNothing(String message, String reason) {
        String raw = message.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001");
        assertThatThrownBy(() -> read(raw, 100))
                .isInstanceOf(HttpFailure.class)
                .satisfies(e -> assertThat(((HttpFailure) e).kind()).isEqualTo(HttpFailure.Kind.PROTOCOL))
                .hasMessageContaining(reason)
                .hasMessageNotContaining("continuation-x")
                .hasMessageNotContaining("Bad Name");
    }

    @Test
    void aHeaderSectionPastItsBoundIsRefusedAfterReadingNoMoreThanTheBound() {
        CountingStream in =
                new CountingStream(("HTTP/1.1 200 OK\r\nX: " + "a".repeat(10 * ResponseReader.MAX_HEADER_BYTES))
                        .getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> new ResponseReader(in, 100).read(ADDRESS, "GET"))
                .hasMessageContaining("header section larger than");
        assertThat(in.read).isLessThan(ResponseReader.MAX_HEADER_BYTES + 32 * 1024);
    }

    @Test
    void endlessInterimAnswersAreRefused() {
        String message = "HTTP/1.1 100 Continue\r\n\r\n".repeat(20) + "HTTP/1.1 200 OK\r\n\r\n";
        assertThatThrownBy(() -> read(message, 100)).hasMessageContaining("interim");
    }

    @Test
    void aHeadAnswerHasNoBodyWhateverItsLengthSays() throws IOException {
        HttpResponse r = new ResponseReader(
                        new ByteArrayInputStream(
                                "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                        100)
                .read(ADDRESS, "HEAD");
        assertThat(r.body()).isEmpty();
    }

    /** An input stream that counts what is read from it. */
    static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        long read;

        CountingStream(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            int b = in.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }
    }
}
