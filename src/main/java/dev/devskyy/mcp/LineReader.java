package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits the input into lines of bytes. Accepts {@code \r\n} and a leading UTF-8 byte-order mark.
 * A line longer than the limit is skipped as it streams past, never held in memory, and reported
 * as {@link Oversized} with its top-level id when one could be read on the way.
 */
final class LineReader {
    /** What the next line was. */
    sealed interface Line permits Message, Oversized {}

    record Message(byte[] bytes) implements Line {}

    /** @param id the request's id, or null when none could be read */
    record Oversized(long length, long limit, JsonNode id) implements Line {}

    private final InputStream in;
    private volatile long maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean atStart = true;
    private byte[] line = new byte[1024];
    private int lineLength;
    /** Reads the id of the current line once it is too long to keep; null until then. */
    private RequestIdScanner overflow;

    LineReader(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** Changes the limit from the next line on (the configured one arrives after the first lines). */
    void limit(long bytes) {
        this.maxBytes = bytes;
    }

    /** The next non-blank line, or null at the end of the input. */
    Line next() throws IOException {
        while (true) {
            Line next = readLine();
            if (next == null || !(next instanceof Message message) || !isBlank(message.bytes())) {
                return next;
            }
        }
    }

    private Line readLine() throws IOException {
        long max = maxBytes;
        lineLength = 0;
        overflow = null;
        long total = 0;
        boolean sawAny = false;
        while (true) {
            if (position == limit && !fill()) {
                return sawAny ? finish(total, max) : null;
            }
            sawAny = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            int chunk = end - position;
            if (total + chunk <= max) {
                append(position, chunk);
            } else {
                if (overflow == null) {
                    overflow = new RequestIdScanner();
                    overflow.feed(line, 0, lineLength);
                }
                overflow.feed(buffer, position, end);
            }
            total += chunk;
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                return finish(total, max);
            }
        }
    }

    private Line finish(long total, long max) {
        if (total > max) {
            return new Oversized(total, max, overflow.id());
        }
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new Message(Arrays.copyOf(line, length));
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        if (atStart) {
            atStart = false;
            if (n >= 3 && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB && (buffer[2] & 0xff) == 0xBF) {
                position = 3;
            }
        }
        return true;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, from, line, lineLength, length);
        lineLength += length;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
