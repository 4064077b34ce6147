package dev.devskyy.budget;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Dimensions and GPU memory of a texture, read from its header alone: PNG, JPEG and WebP decode to
 * 4 bytes per pixel, plus a third for the mipmap chain; KTX2 by its own level sizes.
 */
public record TextureSize(String format, int width, int height, long gpuBytes) {

    /** @param what names the image in errors */
    static TextureSize read(byte[] data, String what) {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            if (startsWith(data, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
                b.order(ByteOrder.BIG_ENDIAN);
                return rgba("png", b.getInt(16), b.getInt(20));
            }
            if (data.length > 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8) {
                return jpeg(b);
            }
            if (startsWith(data, "RIFF".getBytes(StandardCharsets.US_ASCII))
                    && new String(data, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
                return webp(b);
            }
            if (startsWith(
                    data,
                    new byte[] {(byte) 0xAB, 'K', 'T', 'X', ' ', '2', '0', (byte) 0xBB, '\r', '\n', 0x1A, '\n'})) {
                return ktx2(b);
            }
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new BudgetException(what + ": image header is truncated");
        }
        throw new BudgetException(what + ": not a PNG, JPEG, WebP or KTX2 image");
    }

    private static TextureSize rgba(String format, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new BudgetException(format + " image has no size");
        }
        long base = 4L * width * height;
        return new TextureSize(format, width, height, base + base / 3);
    }

    /** The first start-of-frame segment holds the size; other segments are skipped by their length. */
    private static TextureSize jpeg(ByteBuffer b) {
        b.order(ByteOrder.BIG_ENDIAN);
        int at = 2;
        while (true) {
            if ((b.get(at) & 0xFF) != 0xFF) {
                throw new BudgetException("jpeg image: marker expected at " + at);
            }
            int marker = b.get(at + 1) & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            int length = b.getShort(at + 2) & 0xFFFF;
            boolean startOfFrame =
                    marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                return rgba("jpeg", b.getShort(at + 7) & 0xFFFF, b.getShort(at + 5) & 0xFFFF);
            }
            if (length < 2) {
                throw new BudgetException("jpeg image: bad segment length");
            }
            at += 2 + length;
        }
    }

    private static TextureSize webp(ByteBuffer b) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        String chunk = new String(new byte[] {b.get(12), b.get(13), b.get(14), b.get(15)}, StandardCharsets.US_ASCII);
        switch (chunk) {
            case "VP8 " -> {
                return rgba("webp", b.getShort(26) & 0x3FFF, b.getShort(28) & 0x3FFF);
            }
            case "VP8L" -> {
                int bits = b.getInt(21);
                return rgba("webp", (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
            }
            case "VP8X" -> {
                int width = (b.get(24) & 0xFF | (b.get(25) & 0xFF) << 8 | (b.get(26) & 0xFF) << 16) + 1;
                int height = (b.get(27) & 0xFF | (b.get(28) & 0xFF) << 8 | (b.get(29) & 0xFF) << 16) + 1;
                return rgba("webp", width, height);
            }
            default -> throw new BudgetException("webp image: unknown chunk " + chunk);
        }
    }

    /**
     * KTX2: the memory is what its levels hold once supercompression is undone; BasisLZ files
     * do not say, and are counted as a block-compressed format would take (1 byte per pixel).
     */
    private static TextureSize ktx2(ByteBuffer b) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        int width = b.getInt(20);
        int height = Math.max(1, b.getInt(24));
        int levels = Math.max(1, b.getInt(40));
        if (width <= 0 || levels > 32) {
            throw new BudgetException("ktx2 image: bad size or level count");
        }
        long total = 0;
        for (int level = 0; level < levels; level++) {
            long uncompressed = b.getLong(80 + level * 24 + 16);
            if (uncompressed < 0 || total + uncompressed < total) {
                throw new BudgetException("ktx2 image: bad level size");
            }
            total += uncompressed;
        }
        if (total == 0) {
            long base = (long) width * height;
            total = base + base / 3;
        }
        return new TextureSize("ktx2", width, height, total);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
