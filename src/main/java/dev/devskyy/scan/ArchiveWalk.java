package dev.devskyy.scan;

import dev.devskyy.scan.archive.ArchiveException;
import dev.devskyy.scan.archive.ArchiveException.Problem;
import dev.devskyy.scan.archive.Decompression;
import dev.devskyy.scan.archive.EntryName;
import dev.devskyy.scan.archive.TarReader;
import dev.devskyy.scan.archive.ThroughRead;
import dev.devskyy.scan.archive.ZipArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The entries of the archives a scan finds (zip and its kin, tar, gzip, tar.gz), and of archives
 * inside them down to {@value #MAX_DEPTH} levels, handed to the scan as files named {@code
 * outer.zip!inner/path}. Nothing is extracted: each entry is read into memory, at most {@code
 * maxFileSize} bytes, one buffer per level, so a worker holds at most {@code (1 + MAX_DEPTH) ×
 * maxFileSize} bytes whatever the archive. One archive (with all it nests) gives at most {@value
 * #MAX_ENTRIES} entries and {@value #MAX_ARCHIVE_BYTES} bytes, one scan {@value #MAX_SCAN_BYTES}
 * bytes from all its archives, and every decompressing stream keeps to {@link Decompression}'s
 * ratio. What is refused is counted as a skip with its reason; an archive that cannot be read is a
 * skip, never a scan error. The walk asks whether the scan is stopping on every read.
 */
final class ArchiveWalk {
    static final int MAX_DEPTH = 3;
    static final int MAX_ENTRIES = 65_536;
    static final long MAX_ARCHIVE_BYTES = 256L << 20;
    static final long MAX_SCAN_BYTES = 4L << 30;

    /** Binary entries are known by their first bytes and not read further, as git decides binary. */
    private static final int PROBE = Scan.BINARY_PROBE;

    private static final int READ_CHUNK = 64 * 1024;

    /** The archive formats, known by their magic bytes whatever the file is called. */
    enum Format {
        ZIP,
        TAR,
        GZIP
    }

    /** The bounds of a walk; tests shrink them. */
    record Limits(int depth, int entries, long archiveBytes, long scanBytes) {
        static final Limits DEFAULT = new Limits(MAX_DEPTH, MAX_ENTRIES, MAX_ARCHIVE_BYTES, MAX_SCAN_BYTES);
    }

    /** What becomes of an entry that is no archive: the scan of a file's bytes. */
    @FunctionalInterface
    interface Files {
        void scan(String path, Path fileName, byte[] data, int length);
    }

    private final long maxFileSize;
    private final Files files;
    private final Consumer<SkipReason> skipped;
    private final BooleanSupplier stopping;
    private final Limits limits;
    private final AtomicLong scanBytesLeft;
    /** Each worker's entry buffers, one per level below the archive on disk. */
    private final ThreadLocal<byte[][]> buffers;

    ArchiveWalk(long maxFileSize, Files files, Consumer<SkipReason> skipped, BooleanSupplier stopping, Limits limits) {
        this.maxFileSize = maxFileSize;
        this.files = files;
        this.skipped = skipped;
        this.stopping = stopping;
        this.limits = limits;
        this.scanBytesLeft = new AtomicLong(limits.scanBytes());
        this.buffers = ThreadLocal.withInitial(() -> new byte[limits.depth() + 1][]);
    }

    static Format formatOf(byte[] data, int length) {
        if (ZipArchive.looksLikeZip(data, length)) {
            return Format.ZIP;
        }
        if (length >= 3 && data[0] == 0x1f && data[1] == (byte) 0x8b && data[2] == 8) {
            return Format.GZIP;
        }
        return TarReader.looksLikeTar(data, 0, length) ? Format.TAR : null;
    }

    /** An archive file of the scan, {@code path} as reports show it. */
    void walk(Format format, String path, String fileName, byte[] data, int length) {
        new Walk().archive(format, path, fileName, data, length, 0);
    }

    static SkipReason reasonOf(Problem problem) {
        return switch (problem) {
            case MALFORMED -> SkipReason.ARCHIVE_MALFORMED;
            case BOMB -> SkipReason.ARCHIVE_BOMB;
            case LIMIT -> SkipReason.ARCHIVE_LIMIT;
            case UNSUPPORTED -> SkipReason.ARCHIVE_UNSUPPORTED;
            case ENTRY_NAME -> SkipReason.ARCHIVE_ENTRY_NAME;
        };
    }

    /** One archive on disk and all it nests, within one budget of entries and bytes. */
    private final class Walk {
        private int entriesLeft = limits.entries();
        private long bytesLeft = limits.archiveBytes();

        /**
         * The archive in {@code data}, at {@code depth} (0 on disk). A problem ends this archive,
         * counted once; what its entries found so far stays found.
         */
        void archive(Format format, String path, String fileName, byte[] data, int length, int depth) {
            try {
                switch (format) {
                    case ZIP -> zip(path, data, length, depth);
                    case TAR -> tar(path, new TarReader(metered(new ByteArrayInputStream(data, 0, length))), depth);
                    case GZIP -> gzip(path, fileName, data, length, depth);
                }
            } catch (ArchiveException e) {
                skipped.accept(reasonOf(e.problem()));
            } catch (IOException e) {
                skipped.accept(SkipReason.ARCHIVE_MALFORMED); // corrupt deflate data, a gzip header that lies
            }
        }

        private void zip(String path, byte[] data, int length, int depth) throws IOException {
            ZipArchive zip = ZipArchive.read(data, length, entriesLeft);
            Set<String> names = new HashSet<>();
            for (ZipArchive.Entry entry : zip.entries()) {
                if (entry.directory()) {
                    continue;
                }
                String name = named(entry.name(), names);
                if (name == null) {
                    continue;
                }
                if (entry.problem() != null) {
                    skipped.accept(reasonOf(entry.problem()));
                } else if (entry.size() > maxFileSize) {
                    skipped.accept(SkipReason.TOO_LARGE);
                } else if (entry.size() > Decompression.FLOOR
                        && entry.size() / Math.max(1, entry.compressedSize()) > Decompression.MAX_RATIO) {
                    skipped.accept(SkipReason.ARCHIVE_BOMB); // refused on what it declares, before inflating
                } else {
                    try (InputStream in = metered(zip.open(entry))) {
                        entry(path + "!" + name, name, in, depth + 1);
                    } catch (ArchiveException e) {
                        if (e.problem() == Problem.LIMIT) {
                            throw e; // the budget is spent: the archive ends here
                        }
                        skipped.accept(reasonOf(e.problem()));
                    } catch (IOException e) {
                        skipped.accept(SkipReason.ARCHIVE_MALFORMED);
                    }
                }
            }
        }

        /** A tar stream's entries; a stream that goes wrong ends the archive, since nothing after it can be trusted. */
        private void tar(String path, TarReader tar, int depth) throws IOException {
            Set<String> names = new HashSet<>();
            for (TarReader.Entry entry; (entry = tar.next()) != null; ) {
                if (entry.kind() == TarReader.Kind.NO_CONTENT) {
                    continue;
                }
                String name = named(entry.name(), names);
                if (name == null) {
                    continue;
                }
                if (entry.kind() == TarReader.Kind.UNSUPPORTED) {
                    skipped.accept(SkipReason.ARCHIVE_UNSUPPORTED);
                } else if (entry.size() > maxFileSize) {
                    skipped.accept(SkipReason.TOO_LARGE); // skipped over by the next header's read, which is metered
                } else {
                    entry(path + "!" + name, name, tar.content(), depth + 1);
                }
            }
        }

        /** A tar inside is read as it streams out; anything else is the one file gzip holds. */
        private void gzip(String path, String fileName, byte[] data, int length, int depth) throws IOException {
            try (InputStream plain = Decompression.gunzip(new ByteArrayInputStream(data, 0, length));
                    PushbackInputStream in = new PushbackInputStream(metered(plain), TarReader.BLOCK)) {
                byte[] head = in.readNBytes(TarReader.BLOCK);
                in.unread(head);
                if (TarReader.looksLikeTar(head, 0, head.length)) {
                    tar(path, new TarReader(in), depth);
                } else {
                    String inner = gunzippedName(fileName);
                    entry(path + "!" + inner, inner, in, depth + 1);
                }
            }
        }

        /**
         * The checked name of an entry, counted against the budget; null (and counted as a skip)
         * for a name refused or seen before in this archive: extractors differ on which of two
         * same-named entries wins, and reports must name one file once.
         */
        private String named(String raw, Set<String> names) throws ArchiveException {
            if (--entriesLeft < 0) {
                throw new ArchiveException(Problem.LIMIT, "more than " + limits.entries() + " entries");
            }
            try {
                String name = EntryName.of(raw);
                if (names.add(name)) {
                    return name;
                }
            } catch (ArchiveException e) {
                // counted below
            }
            skipped.accept(SkipReason.ARCHIVE_ENTRY_NAME);
            return null;
        }

        /**
         * One entry's bytes into this level's buffer: a nested archive is walked (within the
         * depth), anything else goes to the scan. Binary entries that are neither archives nor
         * keystores are dropped after their first {@value #PROBE} bytes.
         */
        private void entry(String path, String name, InputStream in, int depth) throws IOException {
            Path fileName = Path.of(name.substring(name.lastIndexOf('/') + 1));
            int probe = (int) Math.min(PROBE, maxFileSize + 1);
            byte[] buffer = buffer(depth, probe);
            int length = in.readNBytes(buffer, 0, probe);
            if (length == PROBE && Scan.isSkippedBinary(fileName, buffer, length)) {
                skipped.accept(SkipReason.BINARY);
                return;
            }
            while (length == probe || length == buffer.length) {
                if (length == buffer.length) {
                    if (length > maxFileSize) {
                        break;
                    }
                    buffer = buffer(depth, length + 1);
                }
                int n = in.readNBytes(buffer, length, buffer.length - length);
                if (n == 0) {
                    break;
                }
                length += n;
                probe = -1;
            }
            if (length > maxFileSize) {
                skipped.accept(SkipReason.TOO_LARGE);
                return;
            }
            Format format = formatOf(buffer, length);
            if (format == null) {
                files.scan(path, fileName, buffer, length);
            } else if (depth >= limits.depth()) {
                skipped.accept(SkipReason.ARCHIVE_TOO_DEEP);
            } else {
                archive(format, path, name, buffer, length, depth);
            }
        }

        /** This level's buffer, grown (doubling, up to one byte past the size limit) to hold {@code at least}. */
        private byte[] buffer(int depth, int atLeast) {
            byte[][] levels = buffers.get();
            byte[] buffer = levels[depth];
            if (buffer == null || buffer.length < atLeast) {
                long limit = maxFileSize + 1;
                long size = Math.min(limit, Math.max(atLeast, buffer == null ? 64 * 1024 : buffer.length * 2L));
                buffer = buffer == null ? new byte[(int) size] : Arrays.copyOf(buffer, (int) size);
                levels[depth] = buffer;
            }
            return buffer;
        }

        /** Reads charged to this archive's and the scan's byte budgets, each asking whether to stop. */
        private InputStream metered(InputStream in) {
            return new ThroughRead(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (stopping.getAsBoolean()) {
                        throw new RegexWork.Stopped();
                    }
                    int n = in.read(b, off, Math.min(len, READ_CHUNK));
                    if (n > 0) {
                        charge(n);
                    }
                    return n;
                }
            };
        }

        private void charge(int n) throws ArchiveException {
            bytesLeft -= n;
            if (bytesLeft < 0) {
                throw new ArchiveException(Problem.LIMIT, "past the bytes one archive may give");
            }
            if (scanBytesLeft.addAndGet(-n) < 0) {
                throw new ArchiveException(Problem.LIMIT, "past the bytes one scan's archives may give");
            }
        }
    }

    /** The file a .gz holds: its name without .gz (a .tgz holds a .tar). */
    static String gunzippedName(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tgz")) {
            return name.substring(0, name.length() - 4) + ".tar";
        }
        if (lower.endsWith(".gz") && name.length() > 3) {
            return name.substring(0, name.length() - 3);
        }
        return name;
    }
}
