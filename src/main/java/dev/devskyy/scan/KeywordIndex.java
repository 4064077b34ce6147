package dev.devskyy.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** The longest keyword: its length is kept beside its rule in one long (rule × 4096 + length). */
    static final int MAX_KEYWORD = 255;

    /**
     * All keywords together: the table holds 256 ints per state, one state per keyword byte at
     * most, so this bounds it at 32 MiB (the bundled rules' keywords are about 6 KiB).
     */
    static final int MAX_KEYWORD_BYTES = 32 << 10;

    /** Inputs shorter than this are read by one automaton; splitting them gains nothing. */
    private static final int INTERLEAVE_MIN = 4096;
    /** Steps of the four automata (4 MiB of input) between two questions whether to stop. */
    private static final int POLL_EVERY = 1 << 20;

    private final int[] next;
    private final int longest;
    /** Per state, the keywords that end there, as (rule, length) pairs. */
    private final int[][] rulesAt;

    /** @param keywords for each rule (by index), its keywords, lower case */
    KeywordIndex(List<List<String>> keywords) {
        List<byte[]> words = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        int bytes = 0;
        for (int rule = 0; rule < keywords.size(); rule++) {
            for (String keyword : keywords.get(rule)) {
                byte[] word = keyword.getBytes(StandardCharsets.UTF_8);
                words.add(word);
                owners.add(rule);
                if (word.length > MAX_KEYWORD) {
                    throw new IllegalArgumentException("a keyword is longer than " + MAX_KEYWORD + " bytes");
                }
                bytes += word.length;
            }
        }
        if (bytes > MAX_KEYWORD_BYTES) {
            throw new IllegalArgumentException("the keywords add up to more than " + MAX_KEYWORD_BYTES + " bytes");
        }
        longest = words.stream().mapToInt(w -> w.length).max().orElse(1);
        // The trie, in the table that becomes the automaton: 0 is "no child" (no state leads to
        // the root), and there are at most as many states as keyword bytes, plus the root.
        int[] table = new int[(bytes + 1) * 256];
        int states = 1;
        List<long[]> ending = new ArrayList<>(); // per state, its own keywords as rule * 4096 + length
        ending.add(new long[0]);
        for (int w = 0; w < words.size(); w++) {
            int state = 0;
            for (byte b : words.get(w)) {
                int at = state * 256 + (b & 0xff);
                if (table[at] == 0) {
                    table[at] = states++;
                    ending.add(new long[0]);
                }
                state = table[at];
            }
            long[] own = ending.get(state);
            long[] grown = Arrays.copyOf(own, own.length + 1);
            grown[own.length] = owners.get(w) * 4096L + words.get(w).length;
            ending.set(state, grown);
        }
        // Breadth first, so a state's failure state is complete before the state: missing
        // transitions become the failure state's, and a state's keywords include its failure's.
        int[] fail = new int[states];
        long[][] outputs = new long[states][];
        outputs[0] = ending.get(0);
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int c = 0; c < 256; c++) {
            if (table[c] > 0) {
                queue[tail++] = table[c];
            }
        }
        while (head < tail) {
            int state = queue[head++];
            outputs[state] = union(ending.get(state), outputs[fail[state]]);
            int row = state * 256;
            int failRow = fail[state] * 256;
            for (int c = 0; c < 256; c++) {
                int child = table[row + c];
                if (child > 0) {
                    fail[child] = table[failRow + c];
                    queue[tail++] = child;
                } else {
                    table[row + c] = table[failRow + c];
                }
            }
        }
        rulesAt = new int[states][];
        // Entries hold the next state times 256, so the next index is an addition; a state with
        // keywords ending in it is stored complemented, so one sign test per byte finds them.
        // Upper-case ASCII reads as lower case. (A narrower table over classes of bytes measured
        // slower: the class lookup costs more than the cache misses it saves.)
        next = new int[states * 256];
        for (int state = 0; state < states; state++) {
            long[] out = outputs[state];
            if (out.length > 0) {
                rulesAt[state] = new int[out.length * 2];
                for (int k = 0; k < out.length; k++) {
                    rulesAt[state][2 * k] = (int) (out[k] / 4096);
                    rulesAt[state][2 * k + 1] = (int) (out[k] % 4096);
                }
            }
        }
        for (int i = 0; i < next.length; i++) {
            int c = i & 0xff;
            int target = table[c >= 'A' && c <= 'Z' ? i + ('a' - 'A') : i];
            next[i] = rulesAt[target] == null ? target << 8 : ~(target << 8);
        }
    }

    /** The sorted, distinct values of both arrays: a state's own keywords (in any order) and its failure state's. */
    private static long[] union(long[] own, long[] inherited) {
        if (own.length == 0) {
            return inherited;
        }
        long[] all = Arrays.copyOf(own, own.length + inherited.length);
        System.arraycopy(inherited, 0, all, own.length, inherited.length);
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    /**
     * Reports every keyword occurrence in {@code data[0, length)}, in order of where they end
     * within each quarter of the input, quarters in order.
     */
    void scan(byte[] data, int length, Hits hits) {
        scan(data, length, hits, RegexWork.unstoppable(), null);
    }

    /**
     * As {@link #scan(byte[], int, Hits)}, for the rules {@code wanted} marks only (all when null),
     * each hit counted as {@code work}: a line of nothing but keywords is millions of hits, and a
     * cancel is heard while they are gathered; other rules' hits are never kept.
     */
    void scan(byte[] data, int length, Hits hits, RegexWork work, boolean[] wanted) {
        if (length < INTERLEAVE_MIN) {
            HitBuffer buffer = new HitBuffer(work, wanted);
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
        HitBuffer[] buffers = {
            new HitBuffer(work, wanted),
            new HitBuffer(work, wanted),
            new HitBuffer(work, wanted),
            new HitBuffer(work, wanted)
        };
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
        for (int k = 0; k < steps; ) {
            // Text without keywords makes no hits to count: a cancel is asked for every block.
            for (int blockEnd = Math.min(steps, k + POLL_EVERY); k < blockEnd; k++, a++, b++, c++, d++) {
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
            work.poll();
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
        private final boolean[] wanted;
        private int[] pairs = new int[32];
        private int size;

        HitBuffer(RegexWork work, boolean[] wanted) {
            this.work = work;
            this.wanted = wanted;
        }

        void add(int rule, int start) {
            if (wanted != null && !wanted[rule]) {
                return;
            }
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
