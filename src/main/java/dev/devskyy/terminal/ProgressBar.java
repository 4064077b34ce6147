package dev.devskyy.terminal;

import dev.devskyy.io.Printable;
import dev.devskyy.runtime.ByteSizes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line showing a call's progress, as a pure function of what is known at one moment and the
 * terminal's width, e.g. {@code encrypting: 1.8 of 4.0 GB  [=========>   ]  45%  310.0 MB/s  ETA 0:07}.
 * The message is the tool's own (the same an MCP client is sent), with control characters escaped;
 * the line never reaches the last column, so it never wraps.
 */
public final class ProgressBar {
    /** What a tool's progress counts, for the rate. */
    public enum Unit {
        FILES,
        BYTES;

        String rate(double perSecond) {
            if (this == BYTES) {
                return ByteSizes.of(perSecond) + "/s";
            }
            return perSecond >= 10
                    ? Math.round(perSecond) + " files/s"
                    : String.format(Locale.ROOT, "%.1f files/s", perSecond);
        }
    }

    /**
     * What is known at one moment.
     *
     * @param total null when the tool does not know it (then the bar is no bar: no percentage, no ETA)
     * @param perSecond progress per second, NaN until it can be told
     * @param elapsed since the call started
     */
    public record Snapshot(String message, double progress, Double total, double perSecond, Duration elapsed) {}

    private static final int MAX_BAR = 30;
    private static final int MIN_BAR = 10;
    /** A message cut shorter than this says nothing; the line is cut instead. */
    private static final int MIN_MESSAGE = 8;

    private static final String FILLED_COLOUR = "\u001b[36m";
    private static final String RESET = "\u001b[0m";

    private ProgressBar() {}

    /**
     * The line for {@code columns} columns: the bar narrows, then goes, then the rate, then the
     * message is cut. Colour (the bar's filled part) only when {@code colour}.
     */
    public static String line(Snapshot now, Unit unit, int columns, boolean colour) {
        int room = Math.max(1, columns - 1);
        String message = Printable.of(now.message());
        Double fraction =
                now.total() == null || now.total() <= 0 ? null : Math.max(0, Math.min(1, now.progress() / now.total()));
        String rate = now.perSecond() > 0 && Double.isFinite(now.perSecond()) ? unit.rate(now.perSecond()) : null;
        String percent = fraction == null ? null : String.format(Locale.ROOT, "%3d%%", (int) (fraction * 100));
        String time = time(now, fraction);
        String right = join(percent, rate, time);
        if (fraction != null) {
            int barWidth = Math.min(MAX_BAR, room - message.length() - 5 - right.length());
            if (barWidth >= MIN_BAR) {
                return message + "  [" + bar(fraction, barWidth, colour) + "] " + right;
            }
        }
        String line = message + "  " + right;
        if (line.length() <= room) {
            return line;
        }
        right = join(percent, null, time);
        line = message + "  " + right;
        if (line.length() <= room) {
            return line;
        }
        int messageRoom = room - 2 - right.length();
        if (messageRoom >= MIN_MESSAGE) {
            line = Printable.of(now.message(), messageRoom - 1) + "  " + right;
        }
        // an escape ending the cut message may overrun it by a few characters
        return line.length() <= room ? line : line.substring(0, room);
    }

    /** The time left when the total is known (once there is a rate), else the time so far. */
    private static String time(Snapshot now, Double fraction) {
        if (fraction == null) {
            return clock(now.elapsed().toSeconds());
        }
        if (fraction >= 1 || !(now.perSecond() > 0) || !Double.isFinite(now.perSecond())) {
            return null;
        }
        double left = (now.total() - now.progress()) / now.perSecond();
        return "ETA " + clock((long) Math.ceil(left));
    }

    /** {@code 0:07}, {@code 12:34}, {@code 1:02:03}. */
    static String clock(long seconds) {
        long s = Math.max(0, seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String bar(double fraction, int width, boolean colour) {
        int filled = (int) (fraction * width);
        String done = filled >= width ? "=".repeat(width) : "=".repeat(filled) + ">";
        String rest = " ".repeat(width - done.length());
        return colour ? FILLED_COLOUR + done + RESET + rest : done + rest;
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null) {
                present.add(part);
            }
        }
        return String.join("  ", present);
    }
}
