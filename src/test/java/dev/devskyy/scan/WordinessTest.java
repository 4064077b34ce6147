package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordinessTest {
    static List<String> vocabulary() throws IOException {
        try (InputStream in = Wordiness.class.getResourceAsStream("words.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .lines()
                    .map(String::strip)
                    .filter(w -> !w.isEmpty())
                    .toList();
        }
    }

    /** The cover as plainly as it can be written: every stretch of letters looked up in a set. */
    static int reference(Set<String> words, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        int n = lower.length();
        int[] best = new int[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            best[i] = best[i + 1];
            for (int end = i + 3; end <= Math.min(n, i + 16); end++) {
                if (!lower.substring(i, end).matches("[a-z]+")) {
                    break;
                }
                if (words.contains(lower.substring(i, end))) {
                    best[i] = Math.max(best[i], end - i + best[end]);
                }
            }
        }
        return best[0];
    }

    /** Values made of words, pieces of words, mixed case, digits and separators, as identifiers are. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void coversAsManyLettersAsTheSetLookupDoes(long seed) throws IOException {
        List<String> vocabulary = vocabulary();
        Set<String> words = Set.copyOf(vocabulary);
        Random random = new Random(seed);
        for (int round = 0; round < 2000; round++) {
            StringBuilder value = new StringBuilder();
            for (int part = random.nextInt(6); part >= 0; part--) {
                String word = vocabulary.get(random.nextInt(vocabulary.size()));
                String piece = word.substring(random.nextInt(word.length()));
                value.append(random.nextBoolean() ? piece : piece.toUpperCase(Locale.ROOT));
                value.append("_-.9xQ".charAt(random.nextInt(6)));
            }
            assertThat(Wordiness.coveredLetters(value.toString()))
                    .as(value.toString())
                    .isEqualTo(reference(words, value.toString()));
        }
    }
}
