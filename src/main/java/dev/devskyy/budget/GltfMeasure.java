package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the renderer will do with an asset's active scene: triangles drawn (by primitive mode, once
 * per instance the scene graph makes), draw calls (one per primitive instance) and the GPU memory
 * of its textures.
 */
final class GltfMeasure {
    /** The figures of one asset. */
    record Figures(String asset, long triangles, long drawCalls, long textureBytes, int textures) {}

    private record Subtree(long triangles, long drawCalls) {}

    private static final long LIMIT = Long.MAX_VALUE / 4;
    /** Deeper than any real scene, and shallow enough for the stack. */
    private static final int MAX_DEPTH = 1000;

    private final GltfFile file;
    private final Map<Integer, Subtree> done = new HashMap<>();
    private final boolean[] visiting;

    private GltfMeasure(GltfFile file) {
        this.file = file;
        this.visiting = new boolean[file.json.path("nodes").size()];
    }

    static Figures measure(GltfFile file) {
        GltfMeasure m = new GltfMeasure(file);
        m.checkAll();
        long triangles = 0;
        long drawCalls = 0;
        JsonNode scenes = file.json.path("scenes");
        if (scenes.isArray() && !scenes.isEmpty()) {
            int active = (int) file.integer(file.json, "scene", 0, Integer.MAX_VALUE, 0, "the asset");
            for (JsonNode root : file.element("scenes", active).path("nodes")) {
                Subtree s = m.node(file.index(root, "scene " + active), 1);
                triangles = add(triangles, s.triangles());
                drawCalls = add(drawCalls, s.drawCalls());
            }
        }
        long textureBytes = 0;
        JsonNode images = file.json.path("images");
        for (int i = 0; i < images.size(); i++) {
            textureBytes = add(textureBytes, m.image(i).gpuBytes());
        }
        return new Figures(file.name, triangles, drawCalls, textureBytes, images.size());
    }

    /**
     * Every view, accessor, node and primitive is range-checked, drawn or not: an asset either holds
     * to glTF 2.0's integer ranges or is refused whole, so what a scene happens to skip cannot hide
     * a lie that another tool reading the same file would trust.
     */
    private void checkAll() {
        file.integer(file.json, "scene", 0, Integer.MAX_VALUE, 0, "the asset");
        for (int i = 0; i < file.json.path("bufferViews").size(); i++) {
            file.view(i);
        }
        for (int i = 0; i < file.json.path("accessors").size(); i++) {
            accessorCount(i);
        }
        for (int i = 0; i < file.json.path("nodes").size(); i++) {
            JsonNode node = file.element("nodes", i);
            if (node.has("mesh")) {
                file.ref(node, "mesh", "meshes", "node " + i);
            }
            for (JsonNode child : node.path("children")) {
                file.element("nodes", file.index(child, "node " + i));
            }
        }
        for (JsonNode mesh : file.json.path("meshes")) {
            for (JsonNode primitive : mesh.path("primitives")) {
                triangles(primitive);
            }
        }
    }

    /** A node's subtree, memoized: a node used by many parents is measured once and counted each time. */
    private Subtree node(int index, int depth) {
        JsonNode node = file.element("nodes", index);
        if (depth > MAX_DEPTH) {
            throw new BudgetException(file.name + ": the node hierarchy is deeper than " + MAX_DEPTH);
        }
        Subtree known = done.get(index);
        if (known != null) {
            return known;
        }
        if (visiting[index]) {
            throw new BudgetException(file.name + ": the node graph has a cycle through node " + index);
        }
        visiting[index] = true;
        long triangles = 0;
        long drawCalls = 0;
        if (node.has("mesh")) {
            long instances = instances(node);
            JsonNode mesh = file.ref(node, "mesh", "meshes", "node " + index);
            for (JsonNode primitive : mesh.path("primitives")) {
                triangles = add(triangles, multiply(triangles(primitive), instances));
                drawCalls = add(drawCalls, 1);
            }
        }
        for (JsonNode child : node.path("children")) {
            Subtree s = node(file.index(child, "node " + index), depth + 1);
            triangles = add(triangles, s.triangles());
            drawCalls = add(drawCalls, s.drawCalls());
        }
        visiting[index] = false;
        Subtree subtree = new Subtree(triangles, drawCalls);
        done.put(index, subtree);
        return subtree;
    }

    /** EXT_mesh_gpu_instancing draws a mesh once per instance, in one draw call. */
    private long instances(JsonNode node) {
        JsonNode attributes =
                node.path("extensions").path("EXT_mesh_gpu_instancing").path("attributes");
        if (!attributes.isObject() || attributes.isEmpty()) {
            return 1;
        }
        return accessorCount(file.index(attributes.elements().next(), "EXT_mesh_gpu_instancing"));
    }

    /** Triangles of one draw: POINTS and LINES* draw none; strips and fans n − 2; lists n / 3. */
    private long triangles(JsonNode primitive) {
        int mode = (int) file.integer(primitive, "mode", 0, 6, 4, "a primitive");
        long vertices = primitive.has("indices")
                ? accessorCount(file.index(primitive.get("indices"), "a primitive's indices"))
                : accessorCount(file.index(primitive.path("attributes").path("POSITION"), "a primitive's POSITION"));
        return switch (mode) {
            case 0, 1, 2, 3 -> 0;
            case 4 -> vertices / 3;
            case 5, 6 -> Math.max(0, vertices - 2);
            default -> throw new IllegalStateException("mode " + mode + " was checked to be 0..6");
        };
    }

    /**
     * An accessor's element count (1..2^31 − 1), checked against the buffer view it reads, so it
     * cannot lie: byteOffset + stride × (count − 1) + element size must fit the view's byteLength,
     * with the offset aligned to the component size (glTF 2.0 §3.6.2.4).
     */
    private long accessorCount(int index) {
        String where = "accessor " + index;
        JsonNode accessor = file.element("accessors", index);
        long count = file.integer(accessor, "count", 1, Integer.MAX_VALUE, where);
        long componentBytes = componentBytes(accessor.path("componentType").asInt());
        long element = components(accessor.path("type").asText()) * componentBytes;
        if (accessor.has("bufferView")) {
            GltfFile.View view = file.view((int) file.integer(accessor, "bufferView", 0, Integer.MAX_VALUE, where));
            long offset = file.integer(accessor, "byteOffset", 0, Integer.MAX_VALUE, 0, where);
            if (offset % componentBytes != 0) {
                throw new BudgetException(file.name + ": " + where + " byteOffset " + offset
                        + " is not a multiple of its component size");
            }
            long stride = view.stride() == 0 ? element : view.stride();
            // Every factor is below 2^31, so the sum stays far below 2^63.
            long needed = offset + stride * (count - 1) + element;
            if (needed > view.length()) {
                throw new BudgetException(
                        file.name + ": " + where + " reads " + count + " elements past the end of its buffer view");
            }
        }
        return count;
    }

    private long components(String type) {
        return switch (type) {
            case "SCALAR" -> 1;
            case "VEC2" -> 2;
            case "VEC3" -> 3;
            case "VEC4", "MAT2" -> 4;
            case "MAT3" -> 9;
            case "MAT4" -> 16;
            default -> throw new BudgetException(file.name + ": unknown accessor type '" + type + "'");
        };
    }

    private long componentBytes(int componentType) {
        return switch (componentType) {
            case 5120, 5121 -> 1;
            case 5122, 5123 -> 2;
            case 5125, 5126 -> 4;
            default -> throw new BudgetException(file.name + ": unknown component type " + componentType);
        };
    }

    private TextureSize image(int index) {
        JsonNode image = file.element("images", index);
        byte[] data;
        if (image.has("uri")) {
            data = file.resource(image.get("uri").asText(), "image " + index);
        } else if (image.has("bufferView")) {
            GltfFile.View view =
                    file.view((int) file.integer(image, "bufferView", 0, Integer.MAX_VALUE, "image " + index));
            byte[] buffer = file.buffer(view.bufferIndex());
            if (view.offset() + view.length() > buffer.length) {
                throw new BudgetException(file.name + ": image " + index + " lies past the end of its buffer");
            }
            data = Arrays.copyOfRange(buffer, (int) view.offset(), (int) (view.offset() + view.length()));
        } else {
            throw new BudgetException(file.name + ": image " + index + " has neither uri nor bufferView");
        }
        return TextureSize.read(data, file.name + ": image " + index);
    }

    private static long add(long a, long b) {
        long sum = a + b;
        if (sum > LIMIT || sum < 0) {
            throw new BudgetException("counts beyond any renderer (overflow)");
        }
        return sum;
    }

    private static long multiply(long a, long b) {
        try {
            long product = Math.multiplyExact(a, b);
            if (product <= LIMIT) {
                return product;
            }
        } catch (ArithmeticException e) {
            // reported below
        }
        throw new BudgetException("counts beyond any renderer (overflow)");
    }
}
