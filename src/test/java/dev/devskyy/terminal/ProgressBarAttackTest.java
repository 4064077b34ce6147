package dev.devskyy.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.terminal.ProgressBar.Snapshot;
import dev.devskyy.terminal.ProgressBar.Unit;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A progress message may carry text from outside (a file name in a tool's words): it must not
 * drive the terminal, nor break the bar's one line.
 */
@Tag("security")
class ProgressBarAttackTest {
    @Test
    void controlCharactersInAMessageAreShownEscaped_neverSentToTheTerminal() {
        String hostile = "a\rb\nc\u001b[2J\u001b]0;pwned\u0007d\u009b31m";
        for (int columns : new int[] {20, 80, 200}) {
            for (boolean colour : new boolean[] {false, true}) {
                String line = ProgressBar.line(
                        new Snapshot(hostile, 5, 10.0, 1, Duration.ofSeconds(1)), Unit.FILES, columns, colour);
                String withoutOwnColour = line.replace("\u001b[36m", "").replace("\u001b[0m", "");
                assertThat(withoutOwnColour.chars().filter(Character::isISOControl))
                        .as("%d columns: %s", columns, line)
                        .isEmpty();
            }
        }
        assertThat(ProgressBar.line(new Snapshot(hostile, 5, null, 1, Duration.ZERO), Unit.FILES, 200, false))
                .startsWith("a\\u000db\\u000ac\\u001b[2J");
    }

    @Test
    void aMessageOfEscapesCutShortStillFitsTheWidth() {
        String escapes = "\u001b".repeat(100);
        for (int columns = 1; columns <= 120; columns++) {
            String line =
                    ProgressBar.line(new Snapshot(escapes, 5, 10.0, 1, Duration.ZERO), Unit.FILES, columns, false);
            assertThat(line.length()).as("%d columns", columns).isLessThan(Math.max(2, columns));
        }
    }
}
