package dev.devskyy.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.ToolCatalogue;
import dev.devskyy.cli.Cli;
import dev.devskyy.cli.CliContext;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever way a secret is typed, the line the history keeps does not hold it. */
@Tag("security")
class HistoryRedactionAttackTest {
    private static final String SECRET = "hunter2";
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    private static final CliContext CONTEXT = new CliContext(
            new ByteArrayInputStream(new byte[0]),
            NOWHERE,
            NOWHERE,
            Map.of(),
            () -> ToolCatalogue.registry(Map.of()),
            null,
            null);
    private static final HistoryRedaction REDACTION =
            new HistoryRedaction(Cli.commandLine(CONTEXT), CONTEXT.tools().get());

    /** As the shell reads a line: its parser's words, or a call's JSON as typed. */
    private static String stored(String typed) {
        List<String> words = new ShellParser()
                .parse(typed, typed.length(), org.jline.reader.Parser.ParseContext.SPLIT_LINE)
                .words();
        return REDACTION.redact(ShellLine.of(typed, words));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "encrypt --password=hunter2 notes.txt",
                "encrypt --password hunter2",
                "encrypt --password 'hunter2'",
                "encrypt --key-file hunter2 notes.txt",
                "encrypt --key-env=hunter2 notes.txt",
                "encrypt --password-file hunter2",
                "jwt verify --secret-env hunter2 token",
                "encrypt --pasword=hunter2 notes.txt",
                "encrypt --pasword hunter2",
                "call data_mask password=hunter2",
                "call data_mask api_key=hunter2",
                "call data_mask text=hunter2",
                "call jwt_decode token=hunter2",
                "call crypto_encrypt text=hunter2 --password=hunter2",
                "call crypto_encrypt {\"password\":\"hunter2\"}",
                "call crypto_encrypt {\"text\":\"hunter2\"}",
                "call crypto_encrypt {\"json\":{\"card\":\"hunter2\"}}",
                "call crypto_encrypt_fields {\"document\":{\"user\":{\"Password\":\"hunter2\"}}}",
                "call crypto_encrypt_fields {\"document\":[{\"secret\":\"hunter2\"}]}",
                "call crypto_encrypt {\"password\":\n  \"hunter2\"}",
                "call crypto_encrypt {\"password\":\"hunter2\", broken",
                "tools call crypto_encrypt --arg password=hunter2",
                "tools call crypto_encrypt --args-json {\"password\":\"hunter2\"}",
                "tools call crypto_encrypt --arg=text=hunter2",
            })
    void aSecretInAnySpellingIsHidden(String typed) {
        String stored = stored(typed);
        assertThat(stored).doesNotContain(SECRET);
        assertThat(stored).contains(HistoryRedaction.MASK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tools list", "call data_mask", "scan --format json src", "grants", "actor ci"})
    void linesWithoutSecretsAreKeptAsTheyWere(String typed) {
        assertThat(stored(typed)).isEqualTo(typed);
    }
}
