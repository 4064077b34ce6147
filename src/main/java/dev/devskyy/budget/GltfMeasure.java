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
        long triangles = 0;
        long drawCalls = 0;
        JsonNode scenes = file.json.path("scenes");
        if (scenes.isArray() && !scenes.isEmpty()) {
            int active = file.json.path("scene").asInt(0);
            for (JsonNode root : file.element("scenes", active).path("nodes")) {
                Subtree s = m.node(root.asInt(-1), 1);
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
            JsonNode mesh = file.element("meshes", node.get("mesh").asInt(-1));
            for (JsonNode primitive : mesh.path("primitives")) {
                triangles = add(triangles, multiply(triangles(primitive), instances));
                drawCalls = add(drawCalls, 1);
            }
        }
        for (JsonNode child : node.path("children")) {
            Subtree s = node(child.asInt(-1), depth + 1);
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
        return accessorCount(attributes.elements().next().asInt(-1));
    }

    /** Triangles of one draw: POINTS and LINES* draw none; strips and fans n − 2; lists n / 3. */
    private long triangles(JsonNode primitive) {
        int mode = primitive.path("mode").asInt(4);
        long vertices = primitive.has("indices")
                ? accessorCount(primitive.get("indices").asInt(-1))
                : accessorCount(primitive.path("attributes").path("POSITION").asInt(-1));
        return switch (mode) {
            case 0, 1, 2, 3 -> 0;
            case 4 -> vertices / 3;
            case 5, 6 -> Math.max(0, vertices - 2);
            default -> throw new BudgetException(file.name + ": primitive mode " + mode + " does not exist");
        };
    }

    /** An accessor's element count, checked against the buffer view it reads, so it cannot lie. */
    private long accessorCount(int index) {
        JsonNode accessor = file.element("accessors", index);
        long count = accessor.path("count").asLong(-1);
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new BudgetException(file.name + ": accessor " + index + " has an impossible count");
        }
        if (accessor.has("bufferView") && count > 0) {
            JsonNode view =
                    file.element("bufferViews", accessor.get("bufferView").asInt(-1));
            long element = components(accessor.path("type").asText())
                    * componentBytes(accessor.path("componentType").asInt());
            long stride = view.path("byteStride").asLong(element);
            long needed;
            try {
                needed = Math.addExact(
                        accessor.path("byteOffset").asLong(0),
                        Math.addExact(Math.multiplyExact(stride, count - 1), element));
            } catch (ArithmeticException e) {
                needed = Long.MAX_VALUE;
            }
            if (needed > view.path("byteLength").asLong(0)) {
                throw new BudgetException(file.name + ": accessor " + index + " reads " + count
                        + " elements past the end of its buffer view");
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
            JsonNode view = file.element("bufferViews", image.get("bufferView").asInt(-1));
            byte[] buffer = file.buffer(view.path("buffer").asInt(-1));
            long offset = view.path("byteOffset").asLong(0);
            long length = view.path("byteLength").asLong(-1);
            if (offset < 0 || length < 0 || offset + length > buffer.length) {
                throw new BudgetException(file.name + ": image " + index + " lies past the end of its buffer");
            }
            data = Arrays.copyOfRange(buffer, (int) offset, (int) (offset + length));
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
