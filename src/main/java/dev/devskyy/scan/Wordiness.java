package dev.devskyy.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a value reads as words: the gate of the generic rules, which know a secret only by its
 * name and so meet every identifier, path and word assigned to a {@code token} or
 * {@code password}. A BPE tokenizer splits such values into few long tokens and random keys into
 * many short ones ("token efficiency"); no tokenizer is bundled, so this splits a value into the
 * longest words of a small vocabulary instead ({@code words.txt}: the words of devskyy's own
 * source and documentation, see src/test/resources/scan/generic-gate/README.md) and counts the
 * letters they cover. Linear in the value (a word is at most {@value #LONGEST} letters), and it
 * runs only on a candidate secret.
 */
final class Wordiness {
    private static final int SHORTEST = 3;
    private static final int LONGEST = 16;
    /**
     * The vocabulary as a trie over a-z: node n's child by letter c is {@code CHILDREN[n * 26 + c]}
     * (0 for none; node 0 is the root). A candidate's stretches of letters are followed letter by
     * letter, so its many lookups allocate nothing (a substring per lookup was a sixth of a history
     * scan full of test secrets) and stop where no word goes on.
     */
    private static final int[] CHILDREN;

    private static final boolean[] ENDS_WORD;

    static {
        Set<String> words = load();
        int[] children = new int[(1 + words.stream().mapToInt(String::length).sum()) * 26];
        boolean[] endsWord = new boolean[children.length / 26];
        int nodes = 1;
        for (String word : words) {
            int node = 0;
            for (int i = 0; i < word.length(); i++) {
                int at = node * 26 + (word.charAt(i) - 'a');
                if (children[at] == 0) {
                    children[at] = nodes++;
                }
                node = children[at];
            }
            endsWord[node] = true;
        }
        CHILDREN = Arrays.copyOf(children, nodes * 26);
        ENDS_WORD = Arrays.copyOf(endsWord, nodes);
    }

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{12,1000}={0,2}");

    private Wordiness() {}

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = Wordiness.class.getResourceAsStream("words.txt")) {
            if (in == null) {
                throw new IllegalStateException("words.txt is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    if (!line.strip().matches("[a-z]+")) {
                        throw new IllegalStateException("words.txt holds a word not of a-z: " + line.strip());
                    }
                    words.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("words.txt does not read", e);
        }
        return Set.copyOf(words);
    }

    /**
     * At least half its letters lie in vocabulary words, and it has no character an identifier,
     * path or URL would not ({@code Summer2024!} is a password, {@code summerReport2024} a name).
     */
    static boolean readsAsWords(String value) {
        int letters = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isLetter(c)) {
                letters++;
            } else if (!isDigit(c) && "_./:~\\-".indexOf(c) < 0) {
                return false;
            }
        }
        return letters > 0 && coveredLetters(value) * 2 >= letters;
    }

    /** The most letters of {@code value} that non-overlapping vocabulary words can cover. */
    static int coveredLetters(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        int n = lower.length();
        int[] best = new int[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            best[i] = best[i + 1];
            if (!isLetter(lower.charAt(i))) {
                continue;
            }
            int node = 0;
            for (int end = i + 1; end <= Math.min(n, i + LONGEST); end++) {
                char c = lower.charAt(end - 1);
                node = isLetter(c) ? CHILDREN[node * 26 + (c - 'a')] : 0;
                if (node == 0) {
                    break;
                }
                if (end - i >= SHORTEST && ENDS_WORD[node]) {
                    best[i] = Math.max(best[i], end - i + best[end]);
                }
            }
        }
        return best[0];
    }

    /** Base64 that decodes to printable text with a space in it: an encoded sentence, not a key. */
    static boolean isBase64OfText(String value) {
        if (value.length() < 12 || !BASE64.matcher(value).matches()) {
            return false;
        }
        String bare = value.replace("=", "");
        String padded = bare + (bare.length() % 4 == 2 ? "==" : bare.length() % 4 == 3 ? "=" : "");
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(padded);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean space = false;
        for (byte b : decoded) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
            space |= b == ' ';
        }
        return space;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
