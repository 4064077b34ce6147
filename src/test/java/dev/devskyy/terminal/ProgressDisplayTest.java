package dev.devskyy.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.CallObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the bar is drawn, how often, and that it leaves stderr clean; the clock is the test's. */
class ProgressDisplayTest {
    static final TerminalSettings TERMINAL = TerminalSettings.of(Map.of("DEVSKYY_STDERR_TTY", "1", "TERM", "xterm"));
    static final String ERASE = "\r\u001b[K";

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final List<String> forwarded = new ArrayList<>();
    final CallObserver next = new CallObserver() {
        @Override
        public void progress(double progress, Double total, String message) {
            forwarded.add(message);
        }

        @Override
        public void log(String level, String message) {
            forwarded.add(level + ": " + message);
        }
    };

    ProgressDisplay display(TerminalSettings terminal, boolean wanted) {
        return display(terminal, wanted, ProgressBar.Unit.FILES);
    }

    ProgressDisplay display(TerminalSettings terminal, boolean wanted, ProgressBar.Unit unit) {
        return new ProgressDisplay(
                next, new PrintStream(stderr, true, StandardCharsets.UTF_8), unit, terminal, wanted, clock::get);
    }

    void after(Duration time) {
        clock.addAndGet(time.toNanos());
    }

    String shown() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shortWorkShowsNothing_evenOnATerminal() {
        try (ProgressDisplay display = display(TERMINAL, true)) {
            for (int files = 500; files <= 5000; files += 500) {
                after(Duration.ofMillis(40));
                display.progress(files, null, files + " files");
            }
        }
        assertThat(shown()).isEmpty();
        assertThat(forwarded).hasSize(10);
    }

    @Test
    void afterTheDelayOneLineIsRedrawnInPlace_atMostTenTimesASecond_andErasedAtTheEnd() {
        try (ProgressDisplay display = display(TERMINAL, true)) {
            after(TerminalSettings.DEFAULT_PROGRESS_DELAY);
            display.progress(500, null, "500 files, 1.0 MB");
            for (int files = 510; files < 1510; files += 10) { // a report every 10 ms for a second
                after(Duration.ofMillis(10));
                display.progress(files, null, files + " files");
            }
            assertThat(shown()).startsWith("\r500 files, 1.0 MB  0:00\u001b[K").doesNotContain("\n");
            assertThat(shown().split("\r", -1)).hasSize(1 + 10 + 1); // the first draw and one per 100 ms
        }
        assertThat(shown()).endsWith("1500 files  1000 files/s  0:01\u001b[K" + ERASE);
        assertThat(forwarded).hasSize(101);
    }

    @Test
    void aLogMessageErasesTheBarFirst_soItStartsOnACleanLine() {
        try (ProgressDisplay display = display(TERMINAL, true)) {
            after(TerminalSettings.DEFAULT_PROGRESS_DELAY);
            display.progress(500, null, "500 files");
            display.log("warning", "git said something");
            assertThat(shown()).endsWith(ERASE);
            assertThat(forwarded).containsExactly("500 files", "warning: git said something");
        }
        assertThat(shown()).containsOnlyOnce(ERASE);
    }

    @Test
    void notATerminal_orNotWanted_drawsNothing_butStillForwardsEveryReport() {
        TerminalSettings pipe = TerminalSettings.of(Map.of("TERM", "xterm"));
        for (ProgressDisplay display : List.of(display(pipe, true), display(TERMINAL, false))) {
            try (display) {
                after(Duration.ofSeconds(10));
                display.progress(500, 1000.0, "half");
            }
        }
        assertThat(shown()).isEmpty();
        assertThat(forwarded).containsExactly("half", "half");
    }

    @Test
    void aDumbTerminalGetsAPlainLineEveryFiveSeconds_withoutAnyEscape() {
        TerminalSettings dumb = TerminalSettings.of(Map.of("DEVSKYY_STDERR_TTY", "1", "TERM", "dumb"));
        try (ProgressDisplay display = display(dumb, true)) {
            for (int second = 1; second <= 12; second++) {
                after(Duration.ofSeconds(1));
                display.progress(second * 100, null, second * 100 + " files");
            }
        }
        assertThat(shown()).isEqualTo("500 files  100 files/s  0:05\n1000 files  100 files/s  0:10\n");
    }

    @Test
    void theRateCountsFromTheFirstReport_notFromAWaitBeforeTheWork() {
        try (ProgressDisplay display = display(TERMINAL, true, ProgressBar.Unit.BYTES)) {
            after(Duration.ofSeconds(20)); // a password being typed
            display.progress(16e6, 64e6, "encrypting: 16.0 of 64.0 MB");
            after(Duration.ofSeconds(1));
            display.progress(32e6, 64e6, "encrypting: 32.0 of 64.0 MB");
        }
        assertThat(shown()).contains("16.0 MB/s  ETA 0:02");
    }
}
