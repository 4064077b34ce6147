package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolListing;
import dev.devskyy.runtime.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The tool listing cut into pages. Built once, so every {@code tools/list} is byte-for-byte the
 * same between runs. Cursors are opaque to clients: base64url of a tagged offset.
 */
final class ToolPages {
    private static final String TAG = "devskyy-tools:";

    private final List<ObjectNode> entries = new ArrayList<>();
    private final int pageSize;

    ToolPages(Collection<ToolSpec> tools, int pageSize) {
        tools.forEach(spec -> entries.add(ToolListing.entry(spec)));
        this.pageSize = pageSize;
    }

    /** The page at {@code cursor} (null for the first), or empty when the cursor is not ours. */
    Optional<ObjectNode> page(String cursor) {
        Optional<Integer> offset = cursor == null ? Optional.of(0) : decode(cursor);
        if (offset.isEmpty()) {
            return Optional.empty();
        }
        int from = offset.get();
        int to = Math.min(entries.size(), from + pageSize);
        ObjectNode result = Json.object();
        ArrayNode tools = result.putArray("tools");
        entries.subList(from, to).forEach(tools::add);
        if (to < entries.size()) {
            result.put("nextCursor", encode(to));
        }
        return Optional.of(result);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TAG + offset).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<Integer> decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(TAG)) {
                return Optional.empty();
            }
            int offset = Integer.parseInt(text.substring(TAG.length()));
            return offset > 0 && offset < entries.size() ? Optional.of(offset) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
