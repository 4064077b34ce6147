package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A glTF 2.0 asset, JSON (.gltf with its files) or binary (.glb), read defensively: every length
 * and index is checked before use, so a hostile file gives a clear error, never a crash or hang.
 */
final class GltfFile {
    private static final int GLB_MAGIC = 0x46546C67; // "glTF"
    private static final int CHUNK_JSON = 0x4E4F534A;
    private static final int CHUNK_BIN = 0x004E4942;

    final String name;
    final JsonNode json;
    private final byte[] glbBinary;
    private final Path directory;
    private final AssetFiles files;
    private final Map<Integer, byte[]> buffers = new HashMap<>();

    private GltfFile(String name, JsonNode json, byte[] glbBinary, Path directory, AssetFiles files) {
        this.name = name;
        this.json = json;
        this.glbBinary = glbBinary;
        this.directory = directory;
        this.files = files;
    }

    /**
     * @param files reads the asset and every file it refers to, e.g. inside granted roots
     */
    static GltfFile load(Path file, AssetFiles files) {
        byte[] bytes = files.read(file, BudgetCheck.MAX_FILE_BYTES);
        String name = file.getFileName().toString();
        if (bytes.length >= 4
                && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == GLB_MAGIC) {
            return glb(name, bytes, file.getParent(), files);
        }
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".glb")) {
            throw new BudgetException(name + ": not a GLB file (wrong magic)");
        }
        return new GltfFile(name, parseJson(bytes, name), null, file.getParent(), files);
    }

    private static GltfFile glb(String name, byte[] bytes, Path directory, AssetFiles files) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 20) {
            throw new BudgetException(name + ": GLB header is truncated");
        }
        int version = b.getInt(4);
        long declared = Integer.toUnsignedLong(b.getInt(8));
        if (version != 2) {
            throw new BudgetException(name + ": GLB version " + version + " (only glTF 2.0 is read)");
        }
        if (declared > bytes.length || declared < 20) {
            throw new BudgetException(
                    name + ": GLB length " + declared + " does not match the file (" + bytes.length + " bytes)");
        }
        JsonNode json = null;
        byte[] binary = null;
        long at = 12;
        while (at + 8 <= declared) {
            long length = Integer.toUnsignedLong(b.getInt((int) at));
            int type = b.getInt((int) at + 4);
            if (at + 8 + length > declared) {
                throw new BudgetException(name + ": GLB chunk at byte " + at + " runs past the end of the file");
            }
            byte[] data = java.util.Arrays.copyOfRange(bytes, (int) at + 8, (int) (at + 8 + length));
            if (type == CHUNK_JSON && json == null) {
                json = parseJson(data, name);
            } else if (type == CHUNK_BIN && binary == null) {
                binary = data;
            }
            at += 8 + length;
        }
        if (json == null) {
            throw new BudgetException(name + ": GLB has no JSON chunk");
        }
        return new GltfFile(name, json, binary, directory, files);
    }

    private static JsonNode parseJson(byte[] bytes, String name) {
        try {
            JsonNode json = Json.readFile(bytes);
            if (!json.isObject()) {
                throw new BudgetException(name + ": glTF JSON must be an object");
            }
            String version = json.path("asset").path("version").asText("");
            if (!version.startsWith("2.")) {
                throw new BudgetException(name + ": glTF asset version '" + version + "' (only 2.x is read)");
            }
            return json;
        } catch (IOException e) {
            throw new BudgetException(name + ": glTF JSON is not valid");
        }
    }

    /** The bytes of buffer {@code index}: the GLB binary chunk, a data: URI, or a file beside the asset. */
    byte[] buffer(int index) {
        return buffers.computeIfAbsent(index, i -> {
            JsonNode buffer = element("buffers", i);
            if (!buffer.has("uri")) {
                if (glbBinary == null) {
                    throw new BudgetException(name + ": buffer " + i + " has no uri and there is no GLB binary chunk");
                }
                return glbBinary;
            }
            return resource(buffer.get("uri").asText(), "buffer " + i);
        });
    }

    /** A data: URI's bytes, or a file resolved against the asset's directory (through {@link AssetFiles}). */
    byte[] resource(String uri, String what) {
        if (uri.startsWith("data:")) {
            int comma = uri.indexOf(',');
            if (comma < 0 || !uri.substring(0, comma).endsWith(";base64")) {
                throw new BudgetException(name + ": " + what + " has a data: URI that is not base64");
            }
            try {
                return Base64.getDecoder().decode(uri.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                throw new BudgetException(name + ": " + what + " has bad base64");
            }
        }
        Path file;
        try {
            file = directory.resolve(URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) { // a bad %-escape, or a NUL in the path (InvalidPathException)
            throw new BudgetException(name + ": " + what + " has a uri that is not a relative file path");
        }
        return files.read(file, BudgetCheck.MAX_FILE_BYTES);
    }

    /** {@code json[array][index]}, or an error naming the missing element. */
    JsonNode element(String array, int index) {
        JsonNode items = json.path(array);
        if (index < 0 || !items.isArray() || index >= items.size()) {
            throw new BudgetException(name + ": " + array + "[" + index + "] does not exist");
        }
        return items.get(index);
    }

    /** The element of {@code array} that {@code owner.member} refers to by index; the member is required. */
    JsonNode ref(JsonNode owner, String member, String array, String where) {
        return element(array, (int) integer(owner, member, 0, Integer.MAX_VALUE, where));
    }

    /** An index value (e.g. an item of {@code children}) as an int; it must be an integer ≥ 0. */
    int index(JsonNode value, String where) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw new BudgetException(name + ": " + where + " needs an index (an integer from 0)");
        }
        return value.intValue();
    }

    /** A required integer member in {@code min..max}. */
    long integer(JsonNode owner, String member, long min, long max, String where) {
        if (!owner.has(member)) {
            throw new BudgetException(name + ": " + where + " needs an integer " + member);
        }
        return integer(owner, member, min, max, min, where);
    }

    /**
     * An optional integer member in {@code min..max} (glTF 2.0 gives every count, offset, length
     * and index a range), or {@code absent} when it is missing. Past 2^31 nothing fits a byte
     * array, so {@code max} is at most that, and sums of a few such values cannot overflow.
     */
    long integer(JsonNode owner, String member, long min, long max, long absent, String where) {
        JsonNode value = owner.get(member);
        if (value == null) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BudgetException(name + ": " + where + " needs an integer " + member);
        }
        long number = value.longValue();
        if (number < min || number > max) {
            throw new BudgetException(
                    name + ": " + where + " " + member + " " + number + " is outside " + min + ".." + max);
        }
        return number;
    }

    /** A buffer view's range, checked to lie inside the byte length its buffer declares. */
    record View(int bufferIndex, long offset, long length, long stride) {}

    /**
     * Buffer view {@code index}: byteOffset ≥ 0, byteLength ≥ 1, byteStride 4..252 in steps of 4
     * (0 when absent), and offset + length within its buffer's byteLength (glTF 2.0 §5.11, §5.10).
     */
    View view(int index) {
        String where = "bufferView " + index;
        JsonNode view = element("bufferViews", index);
        int bufferIndex = (int) integer(view, "buffer", 0, Integer.MAX_VALUE, where);
        JsonNode buffer = element("buffers", bufferIndex);
        long bufferLength = integer(buffer, "byteLength", 1, Integer.MAX_VALUE, "buffer " + bufferIndex);
        long offset = integer(view, "byteOffset", 0, Integer.MAX_VALUE, 0, where);
        long length = integer(view, "byteLength", 1, Integer.MAX_VALUE, where);
        long stride = integer(view, "byteStride", 4, 252, 0, where);
        if (stride % 4 != 0) {
            throw new BudgetException(name + ": " + where + " byteStride " + stride + " is not a multiple of 4");
        }
        if (offset + length > bufferLength) { // both below 2^31: no overflow
            throw new BudgetException(name + ": " + where + " lies past the end of buffer " + bufferIndex);
        }
        return new View(bufferIndex, offset, length, stride);
    }
}
