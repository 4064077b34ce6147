package dev.devskyy.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the launcher and the environment say about the terminal, read in one place. */
class TerminalSettingsTest {
    @Test
    void theLauncherTellsWhichStreamsAreTerminals() {
        TerminalSettings both = TerminalSettings.of(Map.of(
                "DEVSKYY_STDOUT_TTY", "1", "DEVSKYY_STDERR_TTY", "1", "TERM", "xterm-256color", "COLUMNS", "132"));
        assertThat(both).isEqualTo(new TerminalSettings(true, true, true, false, 132));
        assertThat(TerminalSettings.of(Map.of())).isEqualTo(new TerminalSettings(false, false, true, true, 80));
    }

    @Test
    void noColourIsHonouredEvenEmpty_asTheColourOptionsOfScanAlwaysWere() {
        assertThat(TerminalSettings.of(Map.of("NO_COLOR", "")).colour()).isFalse();
    }

    @Test
    void aDumbOrUnnamedTerminalMovesNoCursor() {
        assertThat(TerminalSettings.of(Map.of("TERM", "dumb")).dumb()).isTrue();
        assertThat(TerminalSettings.of(Map.of("TERM", "")).dumb()).isTrue();
        assertThat(TerminalSettings.of(Map.of("TERM", "xterm")).dumb()).isFalse();
    }

    @Test
    void aWidthThatIsNoWidthFallsBackTo80() {
        for (String columns : new String[] {"0", "-5", "wide", "99999", " "}) {
            assertThat(TerminalSettings.of(Map.of("COLUMNS", columns)).columns())
                    .as(columns)
                    .isEqualTo(80);
        }
        assertThat(TerminalSettings.of(Map.of("COLUMNS", " 100 ")).columns()).isEqualTo(100);
    }
}
