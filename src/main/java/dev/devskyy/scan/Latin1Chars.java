package dev.devskyy.scan;

import java.nio.charset.StandardCharsets;

/**
 * A file's bytes seen as characters, one per byte, without copying them: what the regexes read.
 * Secrets are ASCII, so nothing a rule can match is changed by not decoding UTF-8 first. Every
 * character read is counted by the file's {@link RegexWork}, which is how matching is stopped.
 */
final class Latin1Chars implements CharSequence {
    private final byte[] data;
    private final int offset;
    private final int length;
    private final RegexWork work;

    Latin1Chars(byte[] data, int length, RegexWork work) {
        this(data, 0, length, work);
    }

    private Latin1Chars(byte[] data, int offset, int length, RegexWork work) {
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.work = work;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        work.read();
        return (char) (data[offset + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ")");
        }
        return new Latin1Chars(data, offset + start, end - start, work);
    }

    @Override
    public String toString() {
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }
}
