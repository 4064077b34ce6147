package dev.devskyy.scan.archive;

import dev.devskyy.scan.archive.ArchiveException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tar stream read entry by entry, never more than one 512-byte header and one bounded metadata
 * record in memory: ustar (names with their prefix), GNU (long names in {@code ././@LongLink}
 * entries, sizes in base-256) and pax ({@code path} and {@code size} records). Every header's
 * checksum is checked; sizes are octal or base-256, parsed so that no value can overflow (a size
 * past 2^63 reads as {@link Long#MAX_VALUE}, which no reader can satisfy); a stream that ends
 * inside an entry is MALFORMED. What a caller reads of a huge entry, or skips, is its own bound.
 */
public final class TarReader {
    /** A header's size, and the unit content is padded to. */
    public static final int BLOCK = 512;

    /** A pax record or a GNU long name larger than this is no real name: refused. */
    static final int MAX_METADATA = 1 << 20;

    /** What an entry is to a scan. */
    public enum Kind {
        /** A regular file: its content can be read. */
        FILE,
        /** A directory, a link, a device or FIFO: nothing to read. */
        NO_CONTENT,
        /** Sparse, multi-volume or of an unknown type: content devskyy does not read. */
        UNSUPPORTED
    }

    /** One entry: its name as the archive gives it (unchecked) and its content's length. */
    public record Entry(String name, long size, Kind kind) {}

    private final InputStream in;
    private long contentLeft;
    private long paddingLeft;
    private boolean ended;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** A ustar or GNU header at {@code offset}: its magic, and a checksum that holds. */
    public static boolean looksLikeTar(byte[] data, int offset, int length) {
        if (length - offset < BLOCK) {
            return false;
        }
        boolean magic = data[offset + 257] == 'u'
                && data[offset + 258] == 's'
                && data[offset + 259] == 't'
                && data[offset + 260] == 'a'
                && data[offset + 261] == 'r';
        return magic && checksumHolds(data, offset);
    }

    /**
     * The next entry, past what is left of the current one, or null at the end of the archive
     * (a zero block, or the stream's end exactly between entries).
     */
    public Entry next() throws IOException {
        skip(contentLeft);
        contentLeft = 0;
        skip(paddingLeft);
        paddingLeft = 0;
        String longName = null;
        String paxPath = null;
        long paxSize = -1;
        while (!ended) {
            byte[] header = block();
            if (header == null || isZero(header)) {
                ended = true;
                return null;
            }
            if (!checksumHolds(header, 0)) {
                throw malformed("a header whose checksum does not hold");
            }
            byte type = header[156];
            long size = number(header, 124, 12);
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                byte[] meta = metadata(size);
                if (type == 'x') {
                    for (String[] record : paxRecords(meta)) {
                        if (record[0].equals("path")) {
                            paxPath = record[1];
                        } else if (record[0].equals("size")) {
                            paxSize = decimal(record[1]);
                        }
                    }
                } else if (type == 'L') {
                    longName = text(meta, 0, meta.length);
                }
                continue;
            }
            Kind kind = kindOf(type);
            long length = kind == Kind.NO_CONTENT && type != '1' ? 0 : paxSize >= 0 ? paxSize : size;
            contentLeft = length;
            paddingLeft = (BLOCK - (length & (BLOCK - 1))) & (BLOCK - 1);
            String name = longName != null ? longName : paxPath != null ? paxPath : headerName(header);
            return new Entry(name, length, kind);
        }
        return null;
    }

    /** The current entry's content, to read as far as the caller wants; the rest is skipped by {@link #next}. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (contentLeft == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, contentLeft));
                if (n < 0) {
                    throw truncated();
                }
                contentLeft -= n;
                return n;
            }
        };
    }

    private static Kind kindOf(byte type) {
        return switch (type) {
            case '0', 0, '7' -> Kind.FILE;
            case '1', '2', '3', '4', '5', '6', 'D', 'V' -> Kind.NO_CONTENT;
            default -> Kind.UNSUPPORTED;
        };
    }

    /** ustar joins prefix and name; GNU uses the prefix's bytes for other things. */
    private static String headerName(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = header[257] == 'u' && header[262] == 0 && header[263] == '0' && header[264] == '0';
        String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** A NUL-terminated string of a field, as UTF-8. */
    private static String text(byte[] data, int from, int length) {
        int end = from;
        while (end < from + length && data[end] != 0) {
            end++;
        }
        return new String(data, from, end - from, StandardCharsets.UTF_8);
    }

    /**
     * A numeric field: base-256 when its first byte has the high bit set (GNU and star, for values
     * octal cannot hold), otherwise octal digits, space or NUL padded. Negative values are refused.
     */
    static long number(byte[] header, int at, int length) throws ArchiveException {
        int first = header[at] & 0xff;
        if ((first & 0x80) != 0) {
            if (first == 0xff) {
                throw malformed("a negative size");
            }
            long value = first & 0x7f;
            for (int i = at + 1; i < at + length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    return Long.MAX_VALUE;
                }
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        int i = at;
        int end = at + length;
        while (i < end && header[i] == ' ') {
            i++;
        }
        long value = 0;
        for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
            value = (value << 3) | (header[i] - '0'); // at most 12 digits: 36 bits, never overflows
        }
        for (; i < end; i++) {
            if (header[i] != ' ' && header[i] != 0) {
                throw malformed("a numeric field that is not octal");
            }
        }
        return value;
    }

    /** The sum of the header's bytes with its checksum field read as spaces: unsigned, or signed as old tars wrote it. */
    static boolean checksumHolds(byte[] header, int offset) {
        long stored;
        try {
            stored = number(header, offset + 148, 8);
        } catch (ArchiveException e) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            boolean field = i >= 148 && i < 156;
            unsigned += field ? ' ' : header[offset + i] & 0xff;
            signed += field ? ' ' : header[offset + i];
        }
        return stored == unsigned || stored == signed;
    }

    /** pax's "LENGTH KEY=VALUE\n" records, each length checked against what is there. */
    static List<String[]> paxRecords(byte[] meta) throws ArchiveException {
        List<String[]> records = new ArrayList<>();
        int at = 0;
        while (at < meta.length) {
            int space = at;
            int length = 0;
            while (space < meta.length && meta[space] >= '0' && meta[space] <= '9' && space - at < 8) {
                length = length * 10 + (meta[space] - '0');
                space++;
            }
            if (space == at
                    || space >= meta.length
                    || meta[space] != ' '
                    || length <= space - at + 1
                    || length > meta.length - at
                    || meta[at + length - 1] != '\n') {
                throw malformed("a pax record whose length does not hold");
            }
            String record = new String(meta, space + 1, at + length - 1 - (space + 1), StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals < 0) {
                throw malformed("a pax record without '='");
            }
            records.add(new String[] {record.substring(0, equals), record.substring(equals + 1)});
            at += length;
        }
        return records;
    }

    /** A pax decimal; past 2^63 it reads as {@link Long#MAX_VALUE}. */
    static long decimal(String text) throws ArchiveException {
        if (text.isEmpty() || text.length() > 40) {
            throw malformed("a pax size that is not a number");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed("a pax size that is not a number");
            }
            if (value > (Long.MAX_VALUE - 9) / 10) {
                value = Long.MAX_VALUE;
            } else {
                value = value * 10 + (c - '0');
            }
        }
        return value;
    }

    private byte[] metadata(long size) throws IOException {
        if (size > MAX_METADATA) {
            throw new ArchiveException(Problem.LIMIT, "a metadata record over " + MAX_METADATA + " bytes");
        }
        byte[] meta = in.readNBytes((int) size);
        if (meta.length < size) {
            throw truncated();
        }
        skip((BLOCK - (size & (BLOCK - 1))) & (BLOCK - 1));
        return meta;
    }

    /** One block; null at the stream's end; MALFORMED when the stream ends inside it. */
    private byte[] block() throws IOException {
        byte[] header = in.readNBytes(BLOCK);
        if (header.length == 0) {
            return null;
        }
        if (header.length < BLOCK) {
            throw truncated();
        }
        return header;
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw truncated();
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static ArchiveException truncated() {
        return malformed("a stream that ends inside an entry");
    }

    private static ArchiveException malformed(String what) {
        return new ArchiveException(Problem.MALFORMED, what);
    }
}
