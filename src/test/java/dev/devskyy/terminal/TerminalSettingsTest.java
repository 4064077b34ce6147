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
        assertThat(both)
                .isEqualTo(new TerminalSettings(true, true, true, false, 132, TerminalSettings.DEFAULT_PROGRESS_DELAY));
        assertThat(TerminalSettings.of(Map.of()))
                .isEqualTo(new TerminalSettings(false, false, true, true, 80, TerminalSettings.DEFAULT_PROGRESS_DELAY));
    }

    @Test
    void noColourIsHonouredEvenEmpty_asTheColourOptionsOfScanAlwaysWere() {
        assertThat(TerminalSettings.of(Map.of("NO_COLOR", "")).colour()).isFalse();
    }

    @Test
    void theBarsDelayCanBeSetFromNoneToTenSeconds_anythingElseKeepsTheDefault() {
        assertThat(TerminalSettings.of(Map.of("DEVSKYY_PROGRESS_DELAY_MS", "0")).progressDelay())
                .isEqualTo(java.time.Duration.ZERO);
        for (String odd : new String[] {"-1", "10001", "soon", ""}) {
            assertThat(TerminalSettings.of(Map.of("DEVSKYY_PROGRESS_DELAY_MS", odd))
                            .progressDelay())
                    .as(odd)
                    .isEqualTo(TerminalSettings.DEFAULT_PROGRESS_DELAY);
        }
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
