package dev.devskyy.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Archives built in memory for the tests: zips by the JDK's writer, gzip by the JDK's, and tars by a
 * small writer of ustar headers whose every field a hostile test can set (a size no archive could
 * hold, a checksum that lies).
 */
final class ArchiveSamples {
    static final String SECRET_LINE = "GITHUB_TOKEN=" + ScanTest.TOKEN + "\n";

    private ArchiveSamples() {}

    /** Entries in order, as a zip of deflated entries. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] zip(String name, byte[] content) throws IOException {
        return zip(Map.of(name, content));
    }

    /** One stored entry: its data are the bytes as they are, so tests can find and change them. */
    static byte[] storedZip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            entry.setCompressedSize(content.length);
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A tar of regular files, in order. */
    static byte[] tar(Map<String, byte[]> files) {
        Tar tar = new Tar();
        files.forEach((name, content) -> tar.file(name, content));
        return tar.end();
    }

    static Map<String, byte[]> entries(Object... nameThenContent) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object content = nameThenContent[i + 1];
            map.put((String) nameThenContent[i], content instanceof String s ? text(s) : (byte[]) content);
        }
        return map;
    }

    /** A tar written header by header. */
    static final class Tar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Tar file(String name, byte[] content) {
            byte[] header = header(name, '0', octal(content.length, 12));
            return raw(header, content);
        }

        /** A header and content as given, the content padded to 512 bytes. */
        Tar raw(byte[] header, byte[] content) {
            out.writeBytes(header);
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
            return this;
        }

        byte[] end() {
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }

        /** Bytes so far, without the end marker: a truncated archive. */
        byte[] unended() {
            return out.toByteArray();
        }
    }

    /** A ustar header with this size field (12 bytes, written as given), its checksum computed. */
    static byte[] header(String name, char type, byte[] sizeField) {
        byte[] h = new byte[512];
        put(h, 0, text(name), 100);
        put(h, 100, text("0000644\0"), 8);
        put(h, 108, text("0001750\0"), 8);
        put(h, 116, text("0001750\0"), 8);
        System.arraycopy(sizeField, 0, h, 124, 12);
        put(h, 136, text("14615420440\0"), 12);
        h[156] = (byte) type;
        put(h, 257, text("ustar\0"), 6);
        put(h, 263, text("00"), 2);
        checksum(h);
        return h;
    }

    static void checksum(byte[] h) {
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] field = text(String.format("%06o\0 ", sum));
        System.arraycopy(field, 0, h, 148, 8);
    }

    static byte[] octal(long value, int width) {
        return text(String.format("%0" + (width - 1) + "o\0", value));
    }

    /** A base-256 size field: 0x80, then the value big-endian in the remaining 11 bytes. */
    static byte[] base256(byte[] elevenBytes) {
        byte[] field = new byte[12];
        field[0] = (byte) 0x80;
        System.arraycopy(elevenBytes, 0, field, 1, 11);
        return field;
    }

    private static void put(byte[] h, int at, byte[] value, int max) {
        System.arraycopy(value, 0, h, at, Math.min(max, value.length));
    }

    /** {@code length} zeros, deflated as hard as deflate can: about 1000 to 1. */
    static byte[] zerosDeflatedZip(String name, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry(name));
            byte[] chunk = new byte[1 << 16];
            for (int done = 0; done < length; done += chunk.length) {
                zip.write(chunk, 0, Math.min(chunk.length, length - done));
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
