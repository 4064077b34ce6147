package dev.devskyy.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.terminal.ProgressBar.Snapshot;
import dev.devskyy.terminal.ProgressBar.Unit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bar's line is a pure function of progress, total, rate, elapsed time and width: these are its goldens. */
class ProgressBarTest {
    static final Snapshot ENCRYPTING =
            new Snapshot("encrypting: 1.8 of 4.0 GB", 1.8e9, 4.0e9, 310e6, Duration.ofSeconds(6));
    static final Snapshot SCANNING = new Snapshot("1500 files, 12.3 MB", 1500, null, 2100, Duration.ofSeconds(75));

    @Test
    void aKnownTotalShowsTheBarThePercentageTheRateAndTheTimeLeft() {
        assertThat(ProgressBar.line(ENCRYPTING, Unit.BYTES, 80, false))
                .isEqualTo("encrypting: 1.8 of 4.0 GB  [==========>            ]  45%  310.0 MB/s  ETA 0:08");
    }

    @Test
    void anUnknownTotalShowsTheToolsCountsTheRateAndTheTimeSoFar() {
        assertThat(ProgressBar.line(SCANNING, Unit.FILES, 80, false))
                .isEqualTo("1500 files, 12.3 MB  2100 files/s  1:15");
    }

    @Test
    void withoutARateYetThereIsNoEta_andFinishedWorkNeedsNone() {
        Snapshot first = new Snapshot("hashing: 16.8 of 40.0 MB", 16.8e6, 40e6, Double.NaN, Duration.ZERO);
        assertThat(ProgressBar.line(first, Unit.BYTES, 60, false))
                .isEqualTo("hashing: 16.8 of 40.0 MB  [==========>               ]  42%");
        Snapshot done = new Snapshot("hashing: 40.0 of 40.0 MB", 40e6, 40e6, 20e6, Duration.ofSeconds(2));
        assertThat(ProgressBar.line(done, Unit.BYTES, 60, false))
                .isEqualTo("hashing: 40.0 of 40.0 MB  [===============] 100%  20.0 MB/s");
    }

    @Test
    void aNarrowTerminalNarrowsTheBar_thenDropsIt_thenTheRate_thenCutsTheMessage() {
        assertThat(ProgressBar.line(ENCRYPTING, Unit.BYTES, 70, false))
                .isEqualTo("encrypting: 1.8 of 4.0 GB  [=====>       ]  45%  310.0 MB/s  ETA 0:08");
        assertThat(ProgressBar.line(ENCRYPTING, Unit.BYTES, 64, false))
                .isEqualTo("encrypting: 1.8 of 4.0 GB   45%  310.0 MB/s  ETA 0:08");
        assertThat(ProgressBar.line(ENCRYPTING, Unit.BYTES, 44, false))
                .isEqualTo("encrypting: 1.8 of 4.0 GB   45%  ETA 0:08");
        assertThat(ProgressBar.line(ENCRYPTING, Unit.BYTES, 30, false)).isEqualTo("encrypting: …   45%  ETA 0:08");
        assertThat(ProgressBar.line(ENCRYPTING, Unit.BYTES, 12, false)).isEqualTo("encrypting:");
    }

    @Test
    void noLineEverReachesTheLastColumn_soNoneWraps() {
        for (int columns = 1; columns <= 200; columns++) {
            for (Snapshot s : new Snapshot[] {ENCRYPTING, SCANNING}) {
                assertThat(ProgressBar.line(s, Unit.BYTES, columns, false).length())
                        .as("%d columns", columns)
                        .isLessThan(Math.max(2, columns));
            }
        }
    }

    @Test
    void colourPaintsOnlyTheFilledPart_andTakesNoColumn() {
        String coloured = ProgressBar.line(ENCRYPTING, Unit.BYTES, 80, true);
        assertThat(coloured).contains("[\u001b[36m==========>\u001b[0m            ]");
        assertThat(coloured.replaceAll("\u001b\\[[0-9]*m", ""))
                .isEqualTo(ProgressBar.line(ENCRYPTING, Unit.BYTES, 80, false));
    }

    @Test
    void timesReadAsAClock() {
        assertThat(ProgressBar.clock(7)).isEqualTo("0:07");
        assertThat(ProgressBar.clock(754)).isEqualTo("12:34");
        assertThat(ProgressBar.clock(3723)).isEqualTo("1:02:03");
    }

    @Test
    void slowFileRatesKeepADecimal() {
        Snapshot slow = new Snapshot("3 files, 2.0 GB", 3, null, 0.5, Duration.ofSeconds(6));
        assertThat(ProgressBar.line(slow, Unit.FILES, 80, false)).isEqualTo("3 files, 2.0 GB  0.5 files/s  0:06");
    }
}
