package dev.devskyy.scan;

import java.util.function.BooleanSupplier;

/**
 * The work of one file's matching (characters the regexes read, keyword hits gathered), and the
 * question whether to go on. A regex engine never looks at a thread's interrupt flag or a scan's
 * cancel flag, so the input it reads asks instead: every {@value #CHECK_EVERY} characters, at most
 * a few milliseconds even for a large RE2/J program, which is how a cancel or a deadline stops a
 * regex that would run for hours.
 */
final class RegexWork {
    static final int CHECK_EVERY = 256;

    /** Thrown out of the regex engine when the scan is to stop; nothing the file found is kept. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("regex matching stopped", null, false, false);
        }
    }

    private final BooleanSupplier stop;
    private int untilCheck = CHECK_EVERY;
    private long checks;

    /** @param stop asked every {@value #CHECK_EVERY} characters read; true stops the matching */
    RegexWork(BooleanSupplier stop) {
        this.stop = stop;
    }

    /** Work that only counts: for callers with nothing to cancel. */
    static RegexWork unstoppable() {
        return new RegexWork(() -> false);
    }

    /** One character read, or one keyword hit. */
    void read() {
        if (--untilCheck == 0) {
            untilCheck = CHECK_EVERY;
            checks++;
            poll();
        }
    }

    /** Asks now whether to stop: for a pass that reads without counting (the keyword automaton). */
    void poll() {
        if (stop.getAsBoolean()) {
            throw new Stopped();
        }
    }

    /** How much work so far. */
    long reads() {
        return checks * CHECK_EVERY + (CHECK_EVERY - untilCheck);
    }
}
