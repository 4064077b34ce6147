package dev.devskyy.scan.archive;

import dev.devskyy.scan.archive.ArchiveException.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A zip archive (also jar, war, ear, apk…) held in memory, read by its central directory.
 *
 * <p>The central directory is the one source of truth because it is what unzip, 7-Zip, Python's
 * zipfile and the JVM's own class loading read: the entries it lists are the files people get. It
 * also lists every entry before any is inflated, so counts, declared sizes and overlaps are checked
 * first. Streaming readers (java.util.zip.ZipInputStream) trust the local headers instead, and a
 * crafted archive can show each kind of reader different files; so every listed entry's local
 * header must agree with the directory (name, method, encryption, and sizes where the header holds
 * them), and local headers hidden between listed entries, which only a streaming reader would see,
 * refuse the archive. Entries whose data overlap (one deflate stream shared by many entries, the
 * "better zip bomb") refuse it too.
 */
public final class ZipArchive {
    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END64 = 0x06064b50;
    private static final int END64_LOCATOR = 0x07064b50;
    private static final byte[] LOCAL_SIGNATURE = {'P', 'K', 3, 4};
    private static final int END_SIZE = 22;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIZE = 30;
    private static final long UNKNOWN32 = 0xffffffffL;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    /**
     * One listed entry.
     *
     * @param name as the directory holds it (decoded as UTF-8), not yet checked
     * @param size the declared uncompressed size
     * @param problem why its data cannot be read, or null
     */
    public record Entry(String name, long size, long compressedSize, int method, long dataStart, Problem problem) {
        public boolean directory() {
            return name.endsWith("/") || name.endsWith("\\");
        }
    }

    private final byte[] data;
    private final List<Entry> entries;

    private ZipArchive(byte[] data, List<Entry> entries) {
        this.data = data;
        this.entries = entries;
    }

    /** Zip's magic: a local header, or the end record of an empty archive. */
    public static boolean looksLikeZip(byte[] data, int length) {
        return length >= 4
                && data[0] == 'P'
                && data[1] == 'K'
                && ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
    }

    /**
     * The archive in {@code data[0, length)}.
     *
     * @throws ArchiveException MALFORMED when its structure does not hold, LIMIT past {@code
     *     maxEntries}, BOMB when entries overlap, UNSUPPORTED when it spans disks
     */
    public static ZipArchive read(byte[] data, int length, int maxEntries) throws ArchiveException {
        return new Reader(data, length).read(maxEntries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * An entry's data, uncompressed; the stream fails (MALFORMED) where the data runs longer or
     * shorter than the declared size, and refuses (BOMB) a ratio past {@link Decompression}'s.
     */
    public InputStream open(Entry entry) throws ArchiveException {
        if (entry.problem() != null) {
            throw new ArchiveException(entry.problem(), "entry cannot be read");
        }
        InputStream raw = new ByteArrayInputStream(data, (int) entry.dataStart(), (int) entry.compressedSize());
        InputStream plain;
        if (entry.method() == STORED) {
            if (entry.size() != entry.compressedSize()) {
                throw new ArchiveException(Problem.MALFORMED, "stored entry whose two sizes differ");
            }
            plain = raw;
        } else if (entry.method() == DEFLATED) {
            plain = Decompression.inflate(raw);
        } else {
            throw new ArchiveException(Problem.UNSUPPORTED, "compression method " + entry.method());
        }
        return new DeclaredLength(plain, entry.size());
    }

    /** The central directory's walk, every offset checked against the bytes there are. */
    private static final class Reader {
        final byte[] data;
        final int length;

        Reader(byte[] data, int length) {
            this.data = data;
            this.length = length;
        }

        ZipArchive read(int maxEntries) throws ArchiveException {
            int end = findEnd();
            if (u16(end + 4) != 0 || u16(end + 6) != 0) {
                throw new ArchiveException(Problem.UNSUPPORTED, "an archive spanning disks");
            }
            long count = u16(end + 10);
            long directorySize = u32(end + 12);
            long directoryOffset = u32(end + 16);
            long directoryEnd = end;
            if (count == 0xffff || directorySize == UNKNOWN32 || directoryOffset == UNKNOWN32) {
                long record = zip64Record(end);
                count = u64(record + 32);
                directorySize = u64(record + 40);
                directoryOffset = u64(record + 48);
                directoryEnd = record;
            }
            if (directorySize < 0
                    || directoryOffset < 0
                    || directorySize > directoryEnd
                    || directoryOffset > directoryEnd - directorySize) {
                throw malformed("a central directory outside the archive");
            }
            // Bytes before the archive (a self-extractor's stub) shift every offset, as ZipFile allows.
            long prefix = directoryEnd - directorySize - directoryOffset;
            if (count > directorySize / CENTRAL_SIZE) {
                throw malformed("more entries than the central directory can hold");
            }
            if (count > maxEntries) {
                throw new ArchiveException(Problem.LIMIT, "more than " + maxEntries + " entries");
            }
            long directoryStart = directoryEnd - directorySize;
            List<Entry> entries = new ArrayList<>((int) count);
            List<long[]> spans = new ArrayList<>((int) count);
            long at = directoryStart;
            for (long i = 0; i < count; i++) {
                at = central(at, directoryEnd, directoryStart, prefix, entries, spans);
            }
            checkSpans(spans, directoryStart);
            return new ZipArchive(data, List.copyOf(entries));
        }

        /** The end record: the last one whose comment reaches exactly to the end. */
        int findEnd() throws ArchiveException {
            for (int at = length - END_SIZE; at >= 0 && at >= length - END_SIZE - 0xffff; at--) {
                if (u32(at) == END && at + END_SIZE + u16(at + 20) == length) {
                    return at;
                }
            }
            throw malformed("no end of central directory");
        }

        long zip64Record(int end) throws ArchiveException {
            int locator = end - 20;
            if (locator < 0 || u32(locator) != END64_LOCATOR) {
                throw malformed("zip64 sizes without a zip64 locator");
            }
            long record = u64(locator + 8);
            if (record < 0 || record > locator - 56 || u32(record) != END64) {
                throw malformed("a zip64 end record outside the archive");
            }
            return record;
        }

        /** One directory record at {@code at}; returns where the next begins. */
        long central(
                long at, long directoryEnd, long directoryStart, long prefix, List<Entry> entries, List<long[]> spans)
                throws ArchiveException {
            if (at + CENTRAL_SIZE > directoryEnd || u32(at) != CENTRAL) {
                throw malformed("a central directory record out of place");
            }
            int flags = u16(at + 8);
            int method = u16(at + 10);
            long compressed = u32(at + 20);
            long size = u32(at + 24);
            int nameLength = u16(at + 28);
            int extraLength = u16(at + 30);
            int commentLength = u16(at + 32);
            long local = u32(at + 42);
            long next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
            if (next > directoryEnd) {
                throw malformed("a central directory record past its end");
            }
            int nameAt = (int) at + CENTRAL_SIZE;
            byte[] name = Arrays.copyOfRange(data, nameAt, nameAt + nameLength);
            if (compressed == UNKNOWN32 || size == UNKNOWN32 || local == UNKNOWN32) {
                long[] wide = zip64Extra(nameAt + nameLength, extraLength, size, compressed, local);
                size = wide[0];
                compressed = wide[1];
                local = wide[2];
            }
            String shown = new String(name, StandardCharsets.UTF_8);
            Problem problem = null;
            long dataStart = -1;
            long headerAt = prefix + local;
            if (local < 0 || headerAt + LOCAL_SIZE > directoryStart || u32(headerAt) != LOCAL) {
                problem = Problem.MALFORMED;
            } else {
                dataStart = headerAt + LOCAL_SIZE + u16(headerAt + 26) + u16(headerAt + 28);
                if (size < 0 || compressed < 0 || dataStart + compressed > directoryStart) {
                    problem = Problem.MALFORMED;
                } else if (!agrees(headerAt, name, flags, method, compressed, size)) {
                    problem = Problem.MALFORMED;
                } else if ((flags & 1) != 0) {
                    problem = Problem.UNSUPPORTED;
                }
                if (dataStart + compressed <= directoryStart) {
                    spans.add(new long[] {headerAt, dataStart + Math.max(0, compressed)});
                }
            }
            entries.add(new Entry(shown, size, compressed, method, dataStart, problem));
            return next;
        }

        /** The local header says what the directory says of the entry. */
        boolean agrees(long header, byte[] name, int flags, int method, long compressed, long size)
                throws ArchiveException {
            int localName = u16(header + 26);
            int nameAt = (int) header + LOCAL_SIZE;
            if (localName != name.length
                    || !Arrays.equals(data, nameAt, nameAt + localName, name, 0, name.length)
                    || u16(header + 8) != method
                    || (u16(header + 6) & 1) != (flags & 1)) {
                return false;
            }
            if ((u16(header + 6) & 8) != 0) {
                return true; // sizes follow the data, in a descriptor
            }
            long localCompressed = u32(header + 18);
            long localSize = u32(header + 22);
            return (localCompressed == UNKNOWN32 || localCompressed == compressed)
                    && (localSize == UNKNOWN32 || localSize == size);
        }

        /** The zip64 extra field's values, for those the record marks as too wide for it. */
        long[] zip64Extra(int at, int length, long size, long compressed, long local) throws ArchiveException {
            int end = at + length;
            while (at + 4 <= end) {
                int id = u16(at);
                int fieldLength = u16(at + 2);
                int field = at + 4;
                if (field + fieldLength > end) {
                    break;
                }
                if (id == 1) {
                    long[] values = {size, compressed, local};
                    int read = field;
                    for (int i = 0; i < 3; i++) {
                        if (values[i] == UNKNOWN32) {
                            if (read + 8 > field + fieldLength) {
                                throw malformed("a zip64 extra field too short");
                            }
                            values[i] = u64(read);
                            read += 8;
                        }
                    }
                    return values;
                }
                at = field + fieldLength;
            }
            throw malformed("zip64 sizes without a zip64 extra field");
        }

        /**
         * Listed entries may not share bytes, and between them (after the first) there may be no
         * local header the directory does not list.
         */
        void checkSpans(List<long[]> spans, long directoryStart) throws ArchiveException {
            spans.sort(Comparator.comparingLong(s -> s[0]));
            for (int i = 0; i < spans.size(); i++) {
                long gapEnd = i + 1 < spans.size() ? spans.get(i + 1)[0] : directoryStart;
                if (gapEnd < spans.get(i)[1]) {
                    throw new ArchiveException(Problem.BOMB, "entries that overlap");
                }
                if (holdsLocalHeader(spans.get(i)[1], gapEnd)) {
                    throw malformed("a local header the central directory does not list");
                }
            }
        }

        boolean holdsLocalHeader(long from, long to) {
            for (long at = from; at + 4 <= to; at++) {
                if (Arrays.equals(data, (int) at, (int) at + 4, LOCAL_SIGNATURE, 0, 4)) {
                    return true;
                }
            }
            return false;
        }

        int u16(long at) throws ArchiveException {
            need(at, 2);
            return (data[(int) at] & 0xff) | (data[(int) at + 1] & 0xff) << 8;
        }

        long u32(long at) throws ArchiveException {
            need(at, 4);
            return (u16(at) | (long) u16(at + 2) << 16) & UNKNOWN32;
        }

        /** A zip64 value; one past 2^63 reads as negative, which every caller refuses. */
        long u64(long at) throws ArchiveException {
            need(at, 8);
            return u32(at) | u32(at + 4) << 32;
        }

        void need(long at, int bytes) throws ArchiveException {
            if (at < 0 || at + bytes > length) {
                throw malformed("a record past the end of the archive");
            }
        }
    }

    private static ArchiveException malformed(String what) {
        return new ArchiveException(Problem.MALFORMED, what);
    }

    /** Data that must run exactly as long as the directory says: a lie about it is a crafted entry. */
    private static final class DeclaredLength extends ThroughRead {
        private long left;

        DeclaredLength(InputStream in, long declared) {
            super(in);
            this.left = declared;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, (int) Math.min(len, Math.max(1, Math.min(left, Integer.MAX_VALUE))));
            if (n < 0) {
                if (left > 0) {
                    throw malformed("entry data shorter than declared");
                }
                return -1;
            }
            left -= n;
            if (left < 0) {
                throw malformed("entry data longer than declared");
            }
            return n;
        }
    }
}
