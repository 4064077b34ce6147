package dev.devskyy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Golden files: the exact text a person reads, committed under {@code src/test/resources/golden/},
 * and the generated sections of the documents. A test fails when the output differs, so a change
 * of wording, alignment or order is seen in review as a diff of the golden file.
 *
 * <p>To accept a deliberate change, rewrite the files instead of comparing, then read the diff:
 *
 * <pre>mvn -q test -Dtest='GoldenOutputTest,DocTablesTest,BundledRulesDocTest,GeneratedDocsTest' -Dgolden.update=true</pre>
 *
 * <p>Paths are relative to the project directory, where Maven runs the tests.
 */
public final class Golden {
    /** Where the golden files live. */
    public static final Path DIR = Path.of("src/test/resources/golden");

    /** The command that rewrites every golden file and generated section. */
    public static final String UPDATE =
            "mvn -q test -Dtest='GoldenOutputTest,DocTablesTest,BundledRulesDocTest,GeneratedDocsTest' -Dgolden.update=true";

    /** What the opening marker of a generated section tells whoever edits the document. */
    static final String SECTION_NOTE =
            "written from the code by a test, edit the code instead (src/test/java/dev/devskyy/testing/Golden.java)";

    private static final boolean UPDATING = Boolean.getBoolean("golden.update");

    private Golden() {}

    /** Whether this run rewrites what it would compare (also the completion and man pages). */
    public static boolean updating() {
        return UPDATING;
    }

    /** Compares {@code actual} with {@code golden/<name>.txt} (or rewrites that file when updating). */
    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name + ".txt");
        if (UPDATING) {
            write(file, actual);
        }
        if (!Files.isRegularFile(file)) {
            fail("no golden file " + file + ": create it with " + UPDATE);
        }
        assertThat(actual)
                .as("%s differs; if the change is deliberate: %s", file, UPDATE)
                .isEqualTo(read(file));
    }

    /**
     * Compares a whole directory of golden files, {@code golden/<dir>/<name>.txt}, with {@code
     * actuals} (name → text): a file without an output (a command that was removed) fails too, and
     * is deleted when updating.
     */
    public static void assertDirectoryMatches(String dir, Map<String, String> actuals) {
        Path folder = DIR.resolve(dir);
        if (UPDATING) {
            for (String stale : names(folder)) {
                if (!actuals.containsKey(stale)) {
                    delete(folder.resolve(stale + ".txt"));
                }
            }
            actuals.forEach((name, actual) -> write(folder.resolve(name + ".txt"), actual));
        }
        assertThat(names(folder))
                .as("golden files in %s, one per output; if the change is deliberate: %s", folder, UPDATE)
                .containsExactlyInAnyOrderElementsOf(actuals.keySet());
        new TreeMap<>(actuals).forEach((name, actual) -> assertMatches(dir + "/" + name, actual));
    }

    /**
     * Compares the part of a document between {@code <!-- BEGIN GENERATED id: …note… -->} and
     * {@code <!-- END GENERATED id -->} (each a line of its own) with {@code generated}, or rewrites
     * it when updating. The text around the markers is the author's; the text between them is the code's.
     */
    public static void assertSectionMatches(Path document, String id, String generated) {
        String text = read(document);
        String begin = "<!-- BEGIN GENERATED " + id + ": " + SECTION_NOTE + " -->\n";
        String end = "<!-- END GENERATED " + id + " -->\n";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from || text.indexOf(begin, from + 1) >= 0) {
            fail("%s needs exactly one pair of lines%n%s%s", document, begin, end);
        }
        int start = from + begin.length();
        if (UPDATING) {
            text = text.substring(0, start) + generated + text.substring(to);
            write(document, text);
            to = start + generated.length();
        }
        assertThat(text.substring(start, to))
                .as("the generated section %s of %s differs; if the code is right: %s", id, document, UPDATE)
                .isEqualTo(generated);
    }

    private static String[] names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return new String[0];
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".txt"))
                    .map(f -> f.substring(0, f.length() - ".txt".length()))
                    .sorted()
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
