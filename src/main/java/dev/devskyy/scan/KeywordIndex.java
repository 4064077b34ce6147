package dev.devskyy.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.TreeSet;

/**
 * Aho–Corasick over bytes, ASCII case folded, compiled to a full transition table: one array read
 * per input byte, whatever the number of keywords. It tells which rules may match a file and
 * where, so that no regex runs on a line without one of its rule's keywords.
 */
final class KeywordIndex {
    /** Receives the rule and the offset of the first byte of each keyword occurrence. */
    @FunctionalInterface
    interface Hits {
        void hit(int rule, int start);
    }

    private final int[] next;
    /** Per state, the keywords that end there, as (rule, length) pairs. */
    private final int[][] rulesAt;

    /** @param keywords for each rule (by index), its keywords, lower case */
    KeywordIndex(List<List<String>> keywords) {
        List<int[]> children = new ArrayList<>();
        List<TreeSet<Long>> outputs = new ArrayList<>();
        children.add(newNode());
        outputs.add(new TreeSet<>());
        for (int rule = 0; rule < keywords.size(); rule++) {
            for (String keyword : keywords.get(rule)) {
                int state = 0;
                for (byte b : keyword.getBytes(StandardCharsets.UTF_8)) {
                    int c = b & 0xff;
                    if (children.get(state)[c] < 0) {
                        children.get(state)[c] = children.size();
                        children.add(newNode());
                        outputs.add(new TreeSet<>());
                    }
                    state = children.get(state)[c];
                }
                outputs.get(state).add(rule * 4096L + keyword.getBytes(StandardCharsets.UTF_8).length);
            }
        }
        int states = children.size();
        next = new int[states * 256];
        int[] fail = new int[states];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < 256; c++) {
            int child = children.get(0)[c];
            next[c] = Math.max(child, 0);
            if (child > 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            outputs.get(state).addAll(outputs.get(fail[state]));
            for (int c = 0; c < 256; c++) {
                int child = children.get(state)[c];
                if (child > 0) {
                    fail[child] = next[fail[state] * 256 + c];
                    next[state * 256 + c] = child;
                    queue.add(child);
                } else {
                    next[state * 256 + c] = next[fail[state] * 256 + c];
                }
            }
        }
        for (int state = 0; state < states; state++) {
            for (int c = 'A'; c <= 'Z'; c++) {
                next[state * 256 + c] = next[state * 256 + c + ('a' - 'A')];
            }
        }
        rulesAt = new int[states][];
        for (int state = 0; state < states; state++) {
            TreeSet<Long> out = outputs.get(state);
            rulesAt[state] = out.isEmpty()
                    ? null
                    : out.stream()
                            .flatMapToInt(k -> java.util.stream.IntStream.of((int) (k / 4096), (int) (k % 4096)))
                            .toArray();
        }
        // Entries hold the next state times 256, so the next index is an addition; a state with
        // keywords ending in it is stored complemented, so one sign test per byte finds them.
        for (int i = 0; i < next.length; i++) {
            int target = next[i];
            next[i] = rulesAt[target] == null ? target << 8 : ~(target << 8);
        }
    }

    private static int[] newNode() {
        int[] node = new int[256];
        Arrays.fill(node, -1);
        return node;
    }

    void scan(byte[] data, int length, Hits hits) {
        int[] table = next;
        int state = 0;
        for (int i = 0; i < length; i++) {
            state = table[state + (data[i] & 0xff)];
            if (state < 0) {
                state = ~state;
                int[] found = rulesAt[state >>> 8];
                for (int k = 0; k < found.length; k += 2) {
                    hits.hit(found[k], i - found[k + 1] + 1);
                }
            }
        }
    }
}
