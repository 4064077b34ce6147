package dev.devskyy.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads {@code git log -p --unified=0} (or {@code git diff --cached}) output as it arrives and
 * hands on, for each file of each commit, the lines that commit added, with their line numbers in
 * the file. Memory is bounded: a line is kept up to {@code maxFileSize} bytes (the rest dropped)
 * and one file's added lines up to {@code maxFileSize} (the file is then reported too large).
 * Malformed input never throws: what cannot be understood is skipped.
 *
 * <p>A commit starts with a line {@link #COMMIT_MARK}-separated as {@link #FORMAT} prints it: a
 * NUL can never start a diff line, so no file content can forge one. Inside a hunk the header's
 * counts say which lines belong to it, so an added line that reads {@code ++ b/x} is content.
 */
final class PatchParser {
    /** The {@code --format} devskyy gives git log. */
    static final String FORMAT = "--format=%x00%H%x00%aI%x00%ae%x00%an";

    private static final byte COMMIT_MARK = 0;
    private static final int FIELD_LIMIT = 256;
    private static final int CHUNK = 64 * 1024;

    /**
     * One file's added lines in one commit, joined by {@code \n}.
     *
     * @param commit null for staged changes
     * @param lines the line number in the file of each line of {@code content}
     * @param tooLarge its added lines passed {@code maxFileSize}; content holds none of them
     */
    record Change(
            Commit commit, String path, byte[] content, int length, int[] lines, int lineCount, boolean tooLarge) {
        /** The file line that line {@code n} (from 1) of the content is. */
        int fileLine(int n) {
            return n >= 1 && n <= lineCount ? lines[n - 1] : n;
        }
    }

    private final long maxFileSize;
    private final Consumer<Change> sink;

    private final byte[] chunk = new byte[CHUNK];
    private int chunkStart;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private int lineLength;

    private Commit commit;
    private int commits;
    private String path;
    private byte[] content = new byte[4096];
    private int length;
    private int[] lines = new int[64];
    private int lineCount;
    private boolean tooLarge;
    private long oldLeft;
    private long newLeft;
    private int nextLine;

    PatchParser(long maxFileSize, Consumer<Change> sink) {
        this.maxFileSize = maxFileSize;
        this.sink = sink;
    }

    /** How many commits were read. */
    int commits() {
        return commits;
    }

    void parse(InputStream in) throws IOException {
        while (readLine(in)) {
            line(line, lineLength);
        }
        endFile();
    }

    private void line(byte[] text, int n) {
        if (oldLeft > 0 || newLeft > 0) {
            if (hunkLine(text, n)) {
                return;
            }
            oldLeft = 0;
            newLeft = 0; // a malformed hunk ends here; the line is read as a header
        }
        if (n > 0 && text[0] == COMMIT_MARK) {
            endFile();
            commit(text, n);
        } else if (startsWith(text, n, "diff --git ") || startsWith(text, n, "diff --cc ")) {
            endFile();
        } else if (startsWith(text, n, "+++ ")) {
            endFile();
            path = newPath(text, n);
        } else if (startsWith(text, n, "@@ ")) {
            hunk(text, n);
        }
    }

    /** A line inside a hunk; false when it cannot be one. */
    private boolean hunkLine(byte[] text, int n) {
        if (n == 0) {
            return false;
        }
        switch (text[0]) {
            case '+' -> {
                if (newLeft == 0) {
                    return false;
                }
                newLeft--;
                added(text, n);
            }
            case '-' -> {
                if (oldLeft == 0) {
                    return false;
                }
                oldLeft--;
            }
            case ' ' -> {
                if (oldLeft == 0 || newLeft == 0) {
                    return false;
                }
                oldLeft--;
                newLeft--;
                nextLine++;
            }
            case '\\' -> {
                // "\ No newline at end of file"
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void added(byte[] text, int n) {
        int number = nextLine++;
        if (tooLarge || path == null) {
            return;
        }
        int bytes = n - 1 + (lineCount > 0 ? 1 : 0);
        if ((long) length + bytes > maxFileSize) {
            tooLarge = true;
            length = 0;
            lineCount = 0;
            return;
        }
        if (length + bytes > content.length) {
            content =
                    Arrays.copyOf(content, (int) Math.min(maxFileSize, Math.max(length + bytes, content.length * 2L)));
        }
        if (lineCount > 0) {
            content[length++] = '\n';
        }
        System.arraycopy(text, 1, content, length, n - 1);
        length += n - 1;
        if (lineCount == lines.length) {
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        lines[lineCount++] = number;
    }

    /** {@code @@ -a[,b] +c[,d] @@}: b lines go, d lines come, the first at line c. */
    private void hunk(byte[] text, int n) {
        int[] at = {3};
        if (!expect(text, n, at, '-')) {
            return;
        }
        long oldStart = number(text, n, at);
        long oldCount = expect(text, n, at, ',') ? number(text, n, at) : 1;
        if (oldStart < 0 || oldCount < 0 || !expect(text, n, at, ' ') || !expect(text, n, at, '+')) {
            return;
        }
        long newStart = number(text, n, at);
        long newCount = expect(text, n, at, ',') ? number(text, n, at) : 1;
        if (newStart < 0 || newCount < 0 || newStart > Integer.MAX_VALUE - newCount) {
            return;
        }
        oldLeft = oldCount;
        newLeft = newCount;
        nextLine = (int) newStart;
    }

    private static boolean expect(byte[] text, int n, int[] at, char c) {
        if (at[0] < n && text[at[0]] == c) {
            at[0]++;
            return true;
        }
        return false;
    }

    /** Digits at {@code at}, or -1 when there are none or they pass {@link Integer#MAX_VALUE}. */
    private static long number(byte[] text, int n, int[] at) {
        long value = 0;
        int start = at[0];
        while (at[0] < n && text[at[0]] >= '0' && text[at[0]] <= '9') {
            value = value * 10 + (text[at[0]++] - '0');
            if (value > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return at[0] == start ? -1 : value;
    }

    private void commit(byte[] text, int n) {
        String[] fields = new String[4];
        int field = -1;
        int start = 1;
        for (int i = 1; i <= n && field < fields.length - 1; i++) {
            if (i == n || text[i] == COMMIT_MARK) {
                fields[++field] = new String(text, start, Math.min(i - start, FIELD_LIMIT), StandardCharsets.UTF_8);
                start = i + 1;
            }
        }
        commit = new Commit(commits++, orEmpty(fields[0]), orEmpty(fields[3]), orEmpty(fields[2]), orEmpty(fields[1]));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The file a {@code +++ b/path} line names, or null for {@code /dev/null} (a deletion). */
    private static String newPath(byte[] text, int n) {
        int end = n;
        if (end > 4 && text[end - 1] == '\t') {
            end--; // git ends the name with a tab when it has a space
        }
        byte[] name = text[4] == '"' && end > 5 && text[end - 1] == '"'
                ? unquote(text, 5, end - 1)
                : Arrays.copyOfRange(text, 4, end);
        if (name.length < 2 || name[0] != 'b' || name[1] != '/') {
            return null;
        }
        return new String(name, 2, name.length - 2, StandardCharsets.UTF_8);
    }

    /** A name as git quotes it (core.quotePath): C escapes and octal bytes. */
    static byte[] unquote(byte[] text, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = text[i];
            if (b != '\\' || i + 1 >= to) {
                out.write(b);
                continue;
            }
            byte e = text[++i];
            if (e >= '0' && e <= '3' && i + 2 < to && isOctal(text[i + 1]) && isOctal(text[i + 2])) {
                out.write(((e - '0') << 6) | ((text[i + 1] - '0') << 3) | (text[i + 2] - '0'));
                i += 2;
            } else {
                out.write(
                        switch (e) {
                            case 'a' -> 7;
                            case 'b' -> 8;
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'v' -> 11;
                            case 'f' -> 12;
                            case 'r' -> '\r';
                            default -> e;
                        });
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }

    /** The file so far is complete: handed on if it added anything, and the next starts empty. */
    private void endFile() {
        if (path != null && (lineCount > 0 || tooLarge)) {
            sink.accept(new Change(commit, path, content, length, lines, lineCount, tooLarge));
            content = new byte[4096];
            lines = new int[64];
        }
        path = null;
        length = 0;
        lineCount = 0;
        tooLarge = false;
        oldLeft = 0;
        newLeft = 0;
    }

    private static boolean startsWith(byte[] text, int n, String prefix) {
        if (n < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The next line, without its {@code \n}, into {@link #line}; bytes past the size limit are
     * dropped. False at the end of the input.
     */
    private boolean readLine(InputStream in) throws IOException {
        lineLength = 0;
        long limit = maxFileSize + 1;
        boolean any = false;
        while (true) {
            if (chunkStart == chunkEnd) {
                int read = in.read(chunk, 0, CHUNK);
                if (read < 0) {
                    return any;
                }
                chunkStart = 0;
                chunkEnd = read;
            }
            any = true;
            int newline = indexOf(chunk, chunkStart, chunkEnd);
            int end = newline < 0 ? chunkEnd : newline;
            int take = (int) Math.min(end - chunkStart, Math.max(0, limit - lineLength));
            if (lineLength + take > line.length) {
                line = Arrays.copyOf(line, (int) Math.min(limit, Math.max(lineLength + take, line.length * 2L)));
            }
            System.arraycopy(chunk, chunkStart, line, lineLength, take);
            lineLength += take;
            if (newline >= 0) {
                chunkStart = newline + 1;
                return true;
            }
            chunkStart = chunkEnd;
        }
    }

    private static int indexOf(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
