package dev.devskyy.terminal;

import java.time.Duration;
import java.util.Map;

/**
 * What the environment says about the terminal, read in this one place. Java cannot tell whether
 * a stream is a terminal, so the launcher does ({@code [ -t 1 ]}, {@code [ -t 2 ]}) and exports
 * {@code DEVSKYY_STDOUT_TTY=1} and {@code DEVSKYY_STDERR_TTY=1}, and {@code COLUMNS} when the
 * shell did not.
 *
 * @param stdoutIsTerminal stdout is a terminal (colour in reports)
 * @param stderrIsTerminal stderr is a terminal (the progress bar)
 * @param colour {@code NO_COLOR} is not set
 * @param dumb {@code TERM} is unset or {@code dumb}: no cursor movement, no escape sequence
 * @param columns the terminal's width, {@link #DEFAULT_COLUMNS} when not told
 * @param progressDelay how long work runs before its bar is drawn: {@link #DEFAULT_PROGRESS_DELAY},
 *     or {@code DEVSKYY_PROGRESS_DELAY_MS} (0 to 10000) for someone who wants it at once
 */
public record TerminalSettings(
        boolean stdoutIsTerminal,
        boolean stderrIsTerminal,
        boolean colour,
        boolean dumb,
        int columns,
        Duration progressDelay) {
    public static final int DEFAULT_COLUMNS = 80;
    /** Short work shows no bar: one that flashed for a quarter second would only be noise. */
    public static final Duration DEFAULT_PROGRESS_DELAY = Duration.ofMillis(500);

    private static final long MAX_PROGRESS_DELAY_MS = 10_000;
    /** A width past this is taken for a mistake: a bar that long is no easier to read. */
    private static final int MAX_COLUMNS = 1000;

    public static TerminalSettings of(Map<String, String> env) {
        String term = env.get("TERM");
        return new TerminalSettings(
                "1".equals(env.get("DEVSKYY_STDOUT_TTY")),
                "1".equals(env.get("DEVSKYY_STDERR_TTY")),
                !env.containsKey("NO_COLOR"),
                term == null || term.isBlank() || term.equals("dumb"),
                columns(env.get("COLUMNS")),
                progressDelay(env.get("DEVSKYY_PROGRESS_DELAY_MS")));
    }

    private static Duration progressDelay(String value) {
        try {
            long millis = Long.parseLong(value == null ? "" : value.strip());
            return millis >= 0 && millis <= MAX_PROGRESS_DELAY_MS ? Duration.ofMillis(millis) : DEFAULT_PROGRESS_DELAY;
        } catch (NumberFormatException e) {
            return DEFAULT_PROGRESS_DELAY;
        }
    }

    private static int columns(String value) {
        try {
            int columns = Integer.parseInt(value == null ? "" : value.strip());
            return columns > 0 && columns <= MAX_COLUMNS ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
