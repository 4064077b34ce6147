package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * What a request is charged against the in-flight budget: an estimate of the heap its parsed form
 * holds while it waits and runs. Bytes count twice (a string may be held as UTF-16) and every JSON
 * value adds a fixed cost for its node, map entry and reference, so 4 MiB of {@code [{},{},…]}
 * weighs what it really costs, not 4 MiB. The runtime's canonical copy for hashing is covered by
 * the same margin.
 */
final class RequestWeight {
    static final long PER_VALUE = 128;

    private RequestWeight() {}

    static long of(long lineBytes, JsonNode params) {
        long values = 0;
        // Depth-first with one iterator per open container: memory follows depth, not size.
        Deque<Iterator<JsonNode>> open = new ArrayDeque<>();
        open.push(List.of(params).iterator());
        while (!open.isEmpty()) {
            Iterator<JsonNode> siblings = open.peek();
            if (!siblings.hasNext()) {
                open.pop();
                continue;
            }
            JsonNode node = siblings.next();
            values++;
            if (node.isContainerNode()) {
                open.push(node.iterator());
            }
        }
        return 2 * lineBytes + PER_VALUE * values;
    }
}
