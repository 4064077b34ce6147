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
    /** Receives the rule and the offset of the last byte of each keyword occurrence. */
    @FunctionalInterface
    interface Hits {
        void hit(int rule, int end);
    }

    private final int[] next;
    private final int[][] rulesAt;

    /** @param keywords for each rule (by index), its keywords, lower case */
    KeywordIndex(List<List<String>> keywords) {
        List<int[]> children = new ArrayList<>();
        List<TreeSet<Integer>> outputs = new ArrayList<>();
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
                outputs.get(state).add(rule);
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
            TreeSet<Integer> out = outputs.get(state);
            rulesAt[state] = out.isEmpty()
                    ? null
                    : out.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static int[] newNode() {
        int[] node = new int[256];
        Arrays.fill(node, -1);
        return node;
    }

    void scan(byte[] data, int length, Hits hits) {
        int[] table = next;
        int[][] found = rulesAt;
        int state = 0;
        for (int i = 0; i < length; i++) {
            state = table[(state << 8) | (data[i] & 0xff)];
            int[] rules = found[state];
            if (rules != null) {
                for (int rule : rules) {
                    hits.hit(rule, i);
                }
            }
        }
    }
}
