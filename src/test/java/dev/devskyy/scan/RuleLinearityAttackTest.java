package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled rule, alone, on long hostile lines with no line break: its keyword repeated, its
 * keyword followed or preceded by a run of one character its quantifiers may accept, keyword and
 * character alternating, and its own true positives repeated end to end. The work measured is the
 * characters the regex engine reads (counted by {@link RegexWork}, not timed, so a loaded machine
 * cannot make this flaky): at eight times the length it must be about eight times the work, and
 * never more than {@value #READS_PER_CHAR} reads per input character. A regex searched over a whole
 * line from each keyword, or with an unbounded quantifier, reads quadratically and fails here.
 */
@Tag("security")
class RuleLinearityAttackTest {
    static final int SMALL = 8 << 10;
    static final int LARGE = 8 * SMALL;
    /** Linear work grows 8×, quadratic 64×: the bound sits between, with room for rounding. */
    static final int GROWTH = 16;

    /** Dense keywords on a long line cost each rule a bounded stretch apiece: SEC003 reads most. */
    static final int READS_PER_CHAR = 256;
    /** Characters rules' quantifiers take: word, space, quote, operator, path and escape characters. */
    static final List<String> FILLERS =
            List.of("a", "Z", "7", " ", "\"", "'", "`", "=", ":", ".", "-", "/", ";", "(", "\\n");
    /** Keywords this far apart still have overlapping windows, so one span covers the whole line. */
    static final int SPARSE = 2000;

    record Shape(String name, IntFunction<String> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<String> ruleIds() {
        return RuleExamplesTest.ruleIds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleIds")
    void readsLinearlyOnLongHostileLines(String ruleId) throws IOException {
        JsonNode example = RuleExamplesTest.examples().path(ruleId);
        String fileName = example.path("file").asText();
        ContentScanner scanner = new ContentScanner(RuleSet.bundled().only(ruleId), EnumSet.allOf(Category.class));
        Rule rule = scanner.rules().get(0);
        for (Shape shape : shapes(rule, example)) {
            long small = reads(scanner, fileName, shape.build().apply(SMALL));
            long large = reads(scanner, fileName, shape.build().apply(LARGE));
            assertThat(large)
                    .as("%s on %s: %d reads at %d chars, %d at %d", ruleId, shape, small, SMALL, large, LARGE)
                    .isLessThanOrEqualTo(GROWTH * small + LARGE)
                    .isLessThanOrEqualTo((long) READS_PER_CHAR * LARGE);
        }
    }

    static long reads(ContentScanner scanner, String fileName, String line) {
        byte[] data = line.getBytes(StandardCharsets.ISO_8859_1);
        RegexWork work = RegexWork.unstoppable();
        scanner.scan(data, data.length, fileName, Path.of(fileName), work);
        return work.reads();
    }

    /**
     * A rule without keywords (one for files of given names) reads the whole file: it is tried on
     * each filler alone and on its examples.
     */
    static List<Shape> shapes(Rule rule, JsonNode example) {
        List<Shape> shapes = new ArrayList<>();
        String keyword = rule.keywords().isEmpty() ? "" : rule.keywords().get(0);
        if (!keyword.isEmpty()) {
            shapes.add(new Shape("'" + keyword + "' repeated", n -> repeat(keyword, n)));
        }
        for (String filler : FILLERS) {
            String pair = keyword + filler;
            shapes.add(new Shape("'" + keyword + "' then '" + filler + "'…", n -> keyword + repeat(filler, n)));
            shapes.add(new Shape("'" + filler + "'… then '" + keyword + "'", n -> repeat(filler, n) + keyword));
            shapes.add(new Shape("'" + pair + "' repeated", n -> repeat(pair, n)));
        }
        for (JsonNode positive : example.path("positive")) {
            String flat = positive.asText().replace('\n', ' ');
            String half = flat.substring(0, flat.length() / 2);
            String sparse = keyword + " " + repeat(half, SPARSE);
            shapes.add(new Shape("'" + flat + "' repeated", n -> repeat(flat, n)));
            shapes.add(new Shape("'" + half + "' repeated", n -> repeat(half, n)));
            shapes.add(new Shape("'" + keyword + "' every " + SPARSE + " in '" + half + "'…", n -> repeat(sparse, n)));
        }
        return shapes;
    }

    static String repeat(String unit, int length) {
        return unit.repeat(Math.max(1, length / unit.length()));
    }
}
