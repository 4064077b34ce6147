package dev.devskyy.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one HTTP/1.1 response (RFC 9112) from a connection, within bounds checked before each
 * read: the status line and header fields together at most {@link #MAX_HEADER_BYTES}, the body
 * at most the caller's bound both as sent and once decoded (so a gzip bomb inflates no further
 * than the bound), chunk sizes read without overflow. Interim 1xx answers are skipped. What
 * breaks HTTP or a bound is an {@link HttpFailure} of kind PROTOCOL, which never quotes the
 * server's bytes; a body over its bound is cut, not refused.
 */
final class ResponseReader {
    /** The whole header section, status line included (servers themselves refuse 8-64 KiB). */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Interim answers skipped before the final one (103 Early Hints, 100 Continue…). */
    static final int MAX_INTERIM = 8;

    private final InputStream in;
    private final long maxBody;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private int headerBudget = MAX_HEADER_BYTES;
    /**
     * Everything read from the connection, framing included, at most the body's bound plus this:
     * a chunked body of one-byte chunks with long extensions cannot make the reader read without end.
     */
    static final long MAX_FRAMING_BYTES = 1L << 20;

    private long wireBudget;

    ResponseReader(InputStream in, long maxBody) {
        this.in = in;
        this.maxBody = maxBody;
        this.wireBudget = maxBody + MAX_FRAMING_BYTES + (MAX_INTERIM + 2L) * MAX_HEADER_BYTES;
    }

    /** The response to a request made with {@code method} (a HEAD answer has no body). */
    HttpResponse read(WebAddress address, String method) throws IOException {
        for (int interim = 0; ; interim++) {
            int status = statusLine();
            HttpHeaders headers = new HttpHeaders(fields());
            if (status >= 200) {
                boolean bodiless = method.equals("HEAD")
                        || (method.equals("CONNECT") && status / 100 == 2)
                        || status == 204
                        || status == 304;
                Body body = bodiless ? new Body(new byte[0], false) : body(headers);
                return new HttpResponse(address, status, headers, body.bytes, body.truncated);
            }
            if (interim == MAX_INTERIM) {
                throw protocol("more than " + MAX_INTERIM + " interim (1xx) answers");
            }
            headerBudget = MAX_HEADER_BYTES;
        }
    }

    private int statusLine() throws IOException {
        String line = line();
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw protocol("not an HTTP/1.x status line");
        }
        char minor = line.charAt(7);
        if (minor != '0' && minor != '1') {
            throw protocol("not an HTTP/1.0 or HTTP/1.1 answer");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw protocol("the status is not three digits");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100 || status > 599 || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw protocol("the status is not between 100 and 599");
        }
        return status;
    }

    private List<HttpHeaders.Field> fields() throws IOException {
        List<HttpHeaders.Field> fields = new ArrayList<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            fields.add(field(line));
        }
        return fields;
    }

    private static HttpHeaders.Field field(String line) throws HttpFailure {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw protocol(
                    line.charAt(0) == ' ' || line.charAt(0) == '\t'
                            ? "a folded header line (obsolete line folding is refused)"
                            : "a header line without a name");
        }
        for (int i = 0; i < colon; i++) {
            if (!isTokenChar(line.charAt(i))) {
                throw protocol("a header name with a character HTTP does not allow");
            }
        }
        for (int i = colon + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw protocol("a header value with a control character");
            }
        }
        return new HttpHeaders.Field(
                line.substring(0, colon), line.substring(colon + 1).strip());
    }

    /** RFC 9110 §5.6.2 tchar. */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** One line of the header section without its CR LF (a bare LF ends one too, RFC 9112 §2.2). */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = next();
            if (b < 0) {
                throw protocol("the connection closed inside the header section");
            }
            if (--headerBudget < 0) {
                throw protocol("a header section larger than " + MAX_HEADER_BYTES + " bytes");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
                for (int i = 0; i < length; i++) {
                    if (bytes[i] == '\r' || bytes[i] == 0) {
                        throw protocol("a bare CR or a NUL in the header section");
                    }
                }
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    private record Body(byte[] bytes, boolean truncated) {}

    private Body body(HttpHeaders headers) throws IOException {
        String encoding = headers.joinedLower("content-encoding").replace(" ", "");
        boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
        if (!gzip && !encoding.isEmpty() && !encoding.equals("identity")) {
            throw protocol("a body in a content coding devskyy did not offer (it asks for gzip only)");
        }
        String transfer = headers.joinedLower("transfer-encoding").replace(" ", "");
        Body raw;
        if (transfer.equals("chunked") || transfer.endsWith(",chunked")) {
            raw = chunked();
        } else if (!transfer.isEmpty()) {
            raw = untilClose();
        } else {
            List<String> lengths = headers.all("content-length");
            raw = lengths.isEmpty() ? untilClose() : exactly(contentLength(lengths));
        }
        return gzip && raw.bytes.length > 0 ? gunzip(raw) : raw; // an empty body is empty in any coding
    }

    /** RFC 9112 §6.3: every Content-Length value the same digits, or the message is invalid. */
    private static long contentLength(List<String> values) throws HttpFailure {
        String agreed = null;
        for (String field : values) {
            for (String value : field.split(",", -1)) {
                String v = value.strip();
                if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw protocol("a Content-Length that is not a number");
                }
                if (agreed != null && !agreed.equals(v)) {
                    throw protocol("Content-Length fields that disagree");
                }
                agreed = v;
            }
        }
        String digits = agreed.replaceFirst("^0+(?=.)", "");
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private Body exactly(long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.min(length, maxBody), 1 << 16));
        long wanted = Math.min(length, maxBody);
        if (copy(out, wanted) < wanted) {
            throw protocol("the connection closed before the body's Content-Length was read");
        }
        return new Body(out.toByteArray(), length > maxBody);
    }

    private Body untilClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 12);
        copy(out, maxBody);
        return new Body(out.toByteArray(), next() >= 0);
    }

    private Body chunked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 12);
        while (true) {
            headerBudget = 1024; // a chunk-size line with its extensions
            long size = chunkSize(line());
            if (size == 0) {
                headerBudget = MAX_HEADER_BYTES;
                fields(); // trailer fields, read and dropped
                return new Body(out.toByteArray(), false);
            }
            long room = maxBody - out.size();
            if (size > room) {
                copy(out, room);
                return new Body(out.toByteArray(), true);
            }
            if (copy(out, size) < size) {
                throw protocol("the connection closed inside a chunk");
            }
            int end = next();
            if (end == '\r') {
                end = next();
            }
            if (end != '\n') {
                throw protocol("a chunk longer than its size");
            }
        }
    }

    private static long chunkSize(String line) throws HttpFailure {
        int end = 0;
        long size = 0;
        while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
            if (end == 15) {
                throw protocol("a chunk size of more than 15 hex digits");
            }
            size = size * 16 + Character.digit(line.charAt(end), 16);
            end++;
        }
        if (end == 0 || (end < line.length() && " \t;".indexOf(line.charAt(end)) < 0)) {
            throw protocol("a chunk size that is not a hex number");
        }
        return size;
    }

    private Body gunzip(Body raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 12);
        boolean truncated = raw.truncated;
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw.bytes), 8192)) {
            byte[] chunk = new byte[8192];
            while (true) {
                long room = maxBody - out.size();
                int n = gz.read(chunk, 0, (int) Math.min(chunk.length, Math.max(room, 1)));
                if (n < 0) {
                    break;
                }
                if (n > room) {
                    out.write(chunk, 0, (int) room);
                    truncated = true;
                    break;
                }
                out.write(chunk, 0, n);
            }
        } catch (EOFException e) {
            if (!raw.truncated) {
                throw protocol("the body's gzip stream ends early");
            }
        } catch (ZipException e) {
            throw protocol("the body's gzip encoding is broken");
        }
        return new Body(out.toByteArray(), truncated);
    }

    /** Copies up to {@code count} body bytes; returns how many there were before the connection closed. */
    private long copy(ByteArrayOutputStream out, long count) throws IOException {
        long copied = 0;
        while (copied < count) {
            if (position == limit && !fill()) {
                return copied;
            }
            int n = (int) Math.min(limit - position, count - copied);
            out.write(buffer, position, n);
            position += n;
            copied += n;
        }
        return copied;
    }

    private int next() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private boolean fill() throws IOException {
        if (wireBudget <= 0) {
            throw protocol("an answer larger on the wire than its body's bound allows");
        }
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, wireBudget));
        if (n <= 0) {
            return false;
        }
        wireBudget -= n;
        position = 0;
        limit = n;
        return true;
    }

    private static HttpFailure protocol(String what) {
        return new HttpFailure(HttpFailure.Kind.PROTOCOL, "the server's answer broke HTTP/1.1: " + what);
    }
}
