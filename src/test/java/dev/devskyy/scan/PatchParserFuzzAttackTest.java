package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.testing.Mutations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The patch parser on seeded random histories written as git log prints them (added lines that
 * look like headers included), on mutations of them, and on lines far over the size bound.
 */
@Tag("security")
class PatchParserFuzzAttackTest {
    static final long MAX = 64 * 1024;

    /** What one file of one commit added, as the generator wrote it. */
    record Added(String commit, String path, List<String> lines, List<Integer> numbers) {}

    static java.util.stream.IntStream seeds() {
        return Mutations.seeds(200);
    }

    /** A random history and what it added, in git log -p --unified=0 form. */
    static byte[] history(Random random, List<Added> expected) {
        StringBuilder out = new StringBuilder();
        String[] tricky = {"++ b/fake", "@@ -1 +1 @@", "diff --git a/x b/x", "-- a/x", " context", "\\ No newline", ""};
        for (int c = 0; c < 1 + random.nextInt(6); c++) {
            String id = String.format("%040x", random.nextLong() & Long.MAX_VALUE);
            out.append('\0')
                    .append(id)
                    .append('\0')
                    .append("2024-01-0")
                    .append(1 + random.nextInt(9))
                    .append("T00:00:00+00:00\0a@example.org\0Author ")
                    .append(c)
                    .append("\n\n");
            for (int f = 0; f < random.nextInt(4); f++) {
                String path = "dir/file " + c + "-" + f + ".txt";
                out.append("diff --git a/")
                        .append(path)
                        .append(" b/")
                        .append(path)
                        .append('\n');
                out.append("index 1234567..89abcde 100644\n--- a/")
                        .append(path)
                        .append("\t\n+++ b/")
                        .append(path)
                        .append("\t\n");
                List<String> lines = new ArrayList<>();
                List<Integer> numbers = new ArrayList<>();
                int at = 1;
                for (int h = 0; h < 1 + random.nextInt(3); h++) {
                    at += random.nextInt(20);
                    int removed = random.nextInt(3);
                    int added = random.nextInt(4);
                    out.append("@@ -")
                            .append(at)
                            .append(',')
                            .append(removed)
                            .append(" +")
                            .append(at)
                            .append(',')
                            .append(added)
                            .append(" @@ fn()\n");
                    for (int r = 0; r < removed; r++) {
                        out.append('-')
                                .append(tricky[random.nextInt(tricky.length)])
                                .append('\n');
                    }
                    for (int a = 0; a < added; a++) {
                        String text = random.nextBoolean()
                                ? tricky[random.nextInt(tricky.length)]
                                : "line " + random.nextInt();
                        out.append('+').append(text).append('\n');
                        lines.add(text);
                        numbers.add(at + a);
                    }
                    at += added;
                }
                if (!lines.isEmpty()) {
                    expected.add(new Added(id, path, lines, numbers));
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<PatchParser.Change> parse(byte[] input, long max) throws IOException {
        return parse(new ByteArrayInputStream(input), max);
    }

    static List<PatchParser.Change> parse(InputStream input, long max) throws IOException {
        List<PatchParser.Change> changes = new ArrayList<>();
        new PatchParser(max, changes::add).parse(input);
        return changes;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyAddedLineIsReadOnceWithItsFileLine(int seed) throws IOException {
        List<Added> expected = new ArrayList<>();
        List<PatchParser.Change> changes = parse(history(new Random(seed), expected), MAX);
        assertThat(changes).hasSameSizeAs(expected);
        for (int i = 0; i < changes.size(); i++) {
            PatchParser.Change change = changes.get(i);
            Added want = expected.get(i);
            assertThat(change.commit().id()).isEqualTo(want.commit());
            assertThat(change.path()).isEqualTo(want.path());
            assertThat(new String(change.content(), 0, change.length(), StandardCharsets.UTF_8))
                    .isEqualTo(String.join("\n", want.lines()));
            for (int n = 1; n <= want.numbers().size(); n++) {
                assertThat(change.fileLine(n)).isEqualTo(want.numbers().get(n - 1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedOutputNeverThrowsNorPassesTheBound(int seed) throws IOException {
        byte[] input = Mutations.mutate(history(new Random(seed), new ArrayList<>()), seed);
        for (PatchParser.Change change : parse(input, 512)) {
            assertThat(change.length()).isLessThanOrEqualTo(512);
            assertThat(change.lineCount()).isLessThanOrEqualTo(change.length() + 1);
            assertThat(change.path()).isNotNull();
        }
    }

    @Test
    void aLineFarOverTheBoundIsReadInBoundedMemoryAndCountedTooLarge() throws IOException {
        long lineBytes = 200L << 20; // 200 MB of one added line, never held
        byte[] head = ("\0" + "a".repeat(40) + "\0d\0e\0n\n\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -0,0 +1,2 @@\n+")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\n+short\n".getBytes(StandardCharsets.US_ASCII);
        InputStream huge = new InputStream() {
            long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long total = head.length + lineBytes + tail.length;
                if (position >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - position);
                for (int i = 0; i < n; i++, position++) {
                    b[off + i] = position < head.length
                            ? head[(int) position]
                            : position < head.length + lineBytes
                                    ? (byte) 'x'
                                    : tail[(int) (position - head.length - lineBytes)];
                }
                return n;
            }
        };
        long before = usedMemory();
        List<PatchParser.Change> changes = parse(huge, MAX);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).tooLarge()).isTrue();
        assertThat(usedMemory() - before).isLessThan(64L << 20);
    }

    @Test
    void quotedPathsAreDecoded() throws IOException {
        byte[] input = ("\0id\0d\0e\0n\n\ndiff --git \"a/caf\\303\\251\" \"b/caf\\303\\251\"\n--- /dev/null\n"
                        + "+++ \"b/caf\\303\\251 \\\"x\\\"\"\n@@ -0,0 +1 @@\n+k\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(parse(input, MAX)).extracting(PatchParser.Change::path).containsExactly("café \"x\"");
        assertThat(parse("+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n".getBytes(StandardCharsets.US_ASCII), MAX))
                .isEmpty();
    }

    static long usedMemory() {
        Runtime r = Runtime.getRuntime();
        System.gc();
        return r.totalMemory() - r.freeMemory();
    }
}
