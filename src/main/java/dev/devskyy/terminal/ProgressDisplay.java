package dev.devskyy.terminal;

import dev.devskyy.runtime.CallObserver;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A call's progress drawn on stderr, for a person at a terminal, from the same
 * {@link CallObserver#progress} reports an MCP client is sent as notifications. Each report (and
 * each log message) also goes to the observer it wraps.
 *
 * <p>Nothing is drawn before the terminal's {@link TerminalSettings#progressDelay}, so short work
 * shows no bar. On a terminal that
 * moves the cursor, one line redrawn in place with {@code \r} at most every {@link #REDRAW}, and
 * erased when the call ends ({@link #close}) or before a log message, so that stderr ends as clean as
 * it would be without it. On a dumb terminal ({@code TERM=dumb}), no escape at all: a plain line
 * every {@link #PLAIN_EVERY}, the first after as long, which is left where it is.
 */
public final class ProgressDisplay implements CallObserver, AutoCloseable {
    public static final Duration REDRAW = Duration.ofMillis(100);
    public static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private static final String ERASE_TO_END = "\u001b[K";

    /** How the bar is drawn, from the terminal's settings. */
    enum Mode {
        OFF,
        REDRAW,
        PLAIN
    }

    private final CallObserver next;
    private final PrintStream err;
    private final ProgressBar.Unit unit;
    private final TerminalSettings terminal;
    private final Mode mode;
    private final LongSupplier nanoTime;
    private final long started;

    // guarded by this; drawn: ever, lineOnScreen: now
    private long firstReportAt;
    private double firstProgress = Double.NaN;
    private long lastDrawnAt;
    private boolean drawn;
    private boolean lineOnScreen;

    /**
     * @param wanted false when the person asked for no progress ({@code -q}), or sees it another way
     * @param nanoTime a monotonic clock ({@code System::nanoTime}; a fake one in tests)
     */
    public ProgressDisplay(
            CallObserver next,
            PrintStream err,
            ProgressBar.Unit unit,
            TerminalSettings terminal,
            boolean wanted,
            LongSupplier nanoTime) {
        this.next = next;
        this.err = err;
        this.unit = unit;
        this.terminal = terminal;
        this.mode = !wanted || !terminal.stderrIsTerminal() ? Mode.OFF : terminal.dumb() ? Mode.PLAIN : Mode.REDRAW;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    @Override
    public void progress(double progress, Double total, String message) {
        next.progress(progress, total, message);
        if (mode == Mode.OFF) {
            return;
        }
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (Double.isNaN(firstProgress)) {
                firstProgress = progress;
                firstReportAt = now;
            }
            boolean due = drawn
                    ? now - lastDrawnAt >= (mode == Mode.REDRAW ? REDRAW : PLAIN_EVERY).toNanos()
                    : now - started >= (mode == Mode.REDRAW ? terminal.progressDelay() : PLAIN_EVERY).toNanos();
            if (!due) {
                return;
            }
            String line = ProgressBar.line(
                    new ProgressBar.Snapshot(
                            message, progress, total, rate(progress, now), Duration.ofNanos(now - started)),
                    unit,
                    terminal.columns(),
                    mode == Mode.REDRAW && terminal.colour());
            if (mode == Mode.REDRAW) {
                err.print("\r" + line + ERASE_TO_END);
                lineOnScreen = true;
            } else {
                err.print(line + "\n");
            }
            err.flush();
            drawn = true;
            lastDrawnAt = now;
        }
    }

    /**
     * Progress per second since the first report, not since the call started: a call may wait
     * before its work starts (a password typed, a git process starting).
     */
    private double rate(double progress, long now) {
        double seconds = (now - firstReportAt) / 1e9;
        return seconds > 0 && progress > firstProgress ? (progress - firstProgress) / seconds : Double.NaN;
    }

    @Override
    public void log(String level, String message) {
        erase();
        next.log(level, message);
    }

    /** Erases the bar: what follows on stderr starts on a clean line. */
    @Override
    public void close() {
        erase();
    }

    private synchronized void erase() {
        if (lineOnScreen) {
            err.print("\r" + ERASE_TO_END);
            err.flush();
            lineOnScreen = false;
        }
    }
}
