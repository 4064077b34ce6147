package dev.devskyy.budget;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** glTF 2.0 test assets written by hand: known geometry, known textures, known figures. */
final class GltfFixtures {
    /** Files read straight from the file system, for tests of the check itself (no roots). */
    static final AssetFiles PLAIN_FILES = new AssetFiles() {
        @Override
        public byte[] read(java.nio.file.Path file, long maxBytes) {
            try {
                return java.nio.file.Files.readAllBytes(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public java.util.List<java.nio.file.Path> files(java.nio.file.Path fileOrDirectory) {
            if (!java.nio.file.Files.isDirectory(fileOrDirectory)) {
                return java.util.List.of(fileOrDirectory);
            }
            try (var walk = java.nio.file.Files.walk(fileOrDirectory)) {
                return walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    private GltfFixtures() {}

    /** A PNG or JPEG of the given size, made by the JDK's own encoder. */
    static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** The first 30 bytes of an extended-format WebP (VP8X) of the given canvas size. */
    static byte[] webp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0);
        put24(b, width - 1);
        put24(b, height - 1);
        return b.array();
    }

    /** A KTX2 header with the given uncompressed level sizes (its data left out: only the header is read). */
    static byte[] ktx2(int width, int height, long... levelBytes) {
        ByteBuffer b = ByteBuffer.allocate(80 + 24 * levelBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xAB, 'K', 'T', 'X', ' ', '2', '0', (byte) 0xBB, '\r', '\n', 0x1A, '\n'});
        b.putInt(37)
                .putInt(1)
                .putInt(width)
                .putInt(height)
                .putInt(0)
                .putInt(0)
                .putInt(1)
                .putInt(levelBytes.length);
        b.putInt(0);
        b.position(80);
        for (long level : levelBytes) {
            b.putLong(0).putLong(level).putLong(level);
        }
        return b.array();
    }

    private static void put24(ByteBuffer b, int value) {
        b.put((byte) value).put((byte) (value >>> 8)).put((byte) (value >>> 16));
    }

    /** A glTF under construction: a binary buffer grown view by view, and its JSON. */
    static final class Builder {
        final ObjectNode json = Json.object();
        final ByteArrayOutputStream bin = new ByteArrayOutputStream();

        Builder() {
            json.putObject("asset").put("version", "2.0");
            json.putArray("buffers");
            json.putArray("bufferViews");
            json.putArray("accessors");
            json.putArray("meshes");
            json.putArray("nodes");
            json.putArray("images");
        }

        /** Adds bytes as a buffer view of buffer 0; returns its index. */
        int view(byte[] data) {
            while (bin.size() % 4 != 0) {
                bin.write(0);
            }
            ArrayNode views = (ArrayNode) json.get("bufferViews");
            views.addObject().put("buffer", 0).put("byteOffset", bin.size()).put("byteLength", data.length);
            bin.writeBytes(data);
            return views.size() - 1;
        }

        /** An accessor of {@code count} float VEC3 (positions) or unsigned-short scalars (indices). */
        int accessor(int count, boolean positions) {
            int elementBytes = positions ? 12 : 2;
            int view = view(new byte[count * elementBytes]);
            ArrayNode accessors = (ArrayNode) json.get("accessors");
            accessors
                    .addObject()
                    .put("bufferView", view)
                    .put("componentType", positions ? 5126 : 5123)
                    .put("count", count)
                    .put("type", positions ? "VEC3" : "SCALAR");
            return accessors.size() - 1;
        }

        /** A mesh of primitives, each given as {mode, vertex count, indexed?}; returns its index. */
        int mesh(int[][] primitives) {
            ArrayNode meshes = (ArrayNode) json.get("meshes");
            ArrayNode list = meshes.addObject().putArray("primitives");
            for (int[] p : primitives) {
                ObjectNode primitive = list.addObject();
                primitive.put("mode", p[0]);
                if (p[2] == 1) {
                    primitive.putObject("attributes").put("POSITION", accessor(4, true));
                    primitive.put("indices", accessor(p[1], false));
                } else {
                    primitive.putObject("attributes").put("POSITION", accessor(p[1], true));
                }
            }
            return meshes.size() - 1;
        }

        int node(Integer mesh, int... children) {
            ArrayNode nodes = (ArrayNode) json.get("nodes");
            ObjectNode node = nodes.addObject();
            if (mesh != null) {
                node.put("mesh", mesh);
            }
            if (children.length > 0) {
                ArrayNode list = node.putArray("children");
                for (int c : children) {
                    list.add(c);
                }
            }
            return nodes.size() - 1;
        }

        void scene(int... roots) {
            ArrayNode nodes = json.putArray("scenes").addObject().putArray("nodes");
            for (int r : roots) {
                nodes.add(r);
            }
            json.put("scene", 0);
        }

        void embeddedImage(byte[] data, String mimeType) {
            ((ArrayNode) json.get("images"))
                    .addObject()
                    .put("bufferView", view(data))
                    .put("mimeType", mimeType);
        }

        void externalImage(String uri) {
            ((ArrayNode) json.get("images")).addObject().put("uri", uri);
        }

        /** The binary form: header, JSON chunk, BIN chunk. */
        byte[] glb() {
            ((ArrayNode) json.get("buffers")).removeAll().addObject().put("byteLength", bin.size());
            byte[] jsonBytes = padded(Json.compact(json).getBytes(StandardCharsets.UTF_8), (byte) ' ');
            byte[] binBytes = padded(bin.toByteArray(), (byte) 0);
            ByteBuffer b = ByteBuffer.allocate(12 + 8 + jsonBytes.length + 8 + binBytes.length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x46546C67).putInt(2).putInt(b.capacity());
            b.putInt(jsonBytes.length).putInt(0x4E4F534A).put(jsonBytes);
            b.putInt(binBytes.length).putInt(0x004E4942).put(binBytes);
            return b.array();
        }

        /** The JSON form, its buffer as a separate file named {@code binName}. */
        String gltf(String binName) {
            ((ArrayNode) json.get("buffers"))
                    .removeAll()
                    .addObject()
                    .put("byteLength", bin.size())
                    .put("uri", binName);
            return Json.pretty(json);
        }

        private static byte[] padded(byte[] data, byte pad) {
            byte[] out = java.util.Arrays.copyOf(data, (data.length + 3) / 4 * 4);
            java.util.Arrays.fill(out, data.length, out.length, pad);
            return out;
        }
    }
}
