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

    /** Inputs shorter than this are read by one automaton; splitting them gains nothing. */
    private static final int INTERLEAVE_MIN = 4096;

    private final int[] next;
    private final int longest;
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
        longest = keywords.stream()
                .flatMap(List::stream)
                .mapToInt(k -> k.getBytes(StandardCharsets.UTF_8).length)
                .max()
                .orElse(1);
        int states = children.size();
        int[] full = new int[states * 256];
        int[] fail = new int[states];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < 256; c++) {
            int child = children.get(0)[c];
            full[c] = Math.max(child, 0);
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
                    fail[child] = full[fail[state] * 256 + c];
                    full[state * 256 + c] = child;
                    queue.add(child);
                } else {
                    full[state * 256 + c] = full[fail[state] * 256 + c];
                }
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
        for (int state = 0; state < states; state++) {
            for (int c = 'A'; c <= 'Z'; c++) {
                full[state * 256 + c] = full[state * 256 + c + ('a' - 'A')];
            }
        }
        // Entries hold the next state times 256, so the next index is an addition; a state with
        // keywords ending in it is stored complemented, so one sign test per byte finds them.
        // (A narrower table over classes of bytes measured slower: the class lookup costs more
        // than the cache misses it saves.)
        next = new int[states * 256];
        for (int i = 0; i < next.length; i++) {
            int target = full[i];
            next[i] = rulesAt[target] == null ? target << 8 : ~(target << 8);
        }
    }

    private static int[] newNode() {
        int[] node = new int[256];
        Arrays.fill(node, -1);
        return node;
    }

    /**
     * Reports every keyword occurrence in {@code data[0, length)}, in order of where they end
     * within each quarter of the input, quarters in order.
     */
    void scan(byte[] data, int length, Hits hits) {
        scan(data, length, hits, RegexWork.unstoppable());
    }

    /**
     * As {@link #scan(byte[], int, Hits)}, each hit counted as {@code work}: a line of nothing but
     * keywords is millions of hits, and a cancel is heard while they are gathered.
     */
    void scan(byte[] data, int length, Hits hits, RegexWork work) {
        if (length < INTERLEAVE_MIN) {
            HitBuffer buffer = new HitBuffer(work);
            continueRun(data, 0, length, 0, 0, length, buffer);
            buffer.replay(hits);
            return;
        }
        // Four automata over four quarters in one loop: each step's table read depends on the
        // last, so one chain waits on memory; four independent chains keep the core busy. A
        // chain reads on past its quarter far enough to finish keywords that start in it.
        int quarter = length / 4;
        int[] from = {0, quarter, 2 * quarter, 3 * quarter};
        int[] until = {quarter, 2 * quarter, 3 * quarter, length};
        int[] readEnd = new int[4];
        for (int c = 0; c < 4; c++) {
            readEnd[c] = Math.min(length, until[c] + longest - 1);
        }
        HitBuffer[] buffers = {new HitBuffer(work), new HitBuffer(work), new HitBuffer(work), new HitBuffer(work)};
        int[] table = next;
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        int steps = readEnd[0] - from[0];
        for (int c = 1; c < 4; c++) {
            steps = Math.min(steps, readEnd[c] - from[c]);
        }
        int a = from[0];
        int b = from[1];
        int c = from[2];
        int d = from[3];
        for (int k = 0; k < steps; k++, a++, b++, c++, d++) {
            s0 = table[s0 + (data[a] & 0xff)];
            s1 = table[s1 + (data[b] & 0xff)];
            s2 = table[s2 + (data[c] & 0xff)];
            s3 = table[s3 + (data[d] & 0xff)];
            if ((s0 | s1 | s2 | s3) < 0) {
                s0 = emit(s0, a, from[0], until[0], buffers[0]);
                s1 = emit(s1, b, from[1], until[1], buffers[1]);
                s2 = emit(s2, c, from[2], until[2], buffers[2]);
                s3 = emit(s3, d, from[3], until[3], buffers[3]);
            }
        }
        int[] states = {s0, s1, s2, s3};
        for (int q = 0; q < 4; q++) {
            continueRun(data, from[q] + steps, readEnd[q], states[q], from[q], until[q], buffers[q]);
            buffers[q].replay(hits);
        }
    }

    private void continueRun(byte[] data, int start, int end, int state, int from, int until, HitBuffer buffer) {
        int[] table = next;
        for (int i = start; i < end; i++) {
            state = table[state + (data[i] & 0xff)];
            if (state < 0) {
                state = emit(state, i, from, until, buffer);
            }
        }
    }

    /** Records the keywords ending at {@code at} that start in {@code [from, until)}; the plain state. */
    private int emit(int state, int at, int from, int until, HitBuffer buffer) {
        if (state >= 0) {
            return state;
        }
        int plain = ~state;
        int[] found = rulesAt[plain >>> 8];
        for (int k = 0; k < found.length; k += 2) {
            int start = at - found[k + 1] + 1;
            if (start >= from && start < until) {
                buffer.add(found[k], start);
            }
        }
        return plain;
    }

    /** Hits of one chain, kept until the chains before it have been replayed. */
    private static final class HitBuffer {
        private final RegexWork work;
        private int[] pairs = new int[32];
        private int size;

        HitBuffer(RegexWork work) {
            this.work = work;
        }

        void add(int rule, int start) {
            work.read();
            if (size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = rule;
            pairs[size++] = start;
        }

        void replay(Hits hits) {
            for (int i = 0; i < size; i += 2) {
                hits.hit(pairs[i], pairs[i + 1]);
            }
        }
    }
}
