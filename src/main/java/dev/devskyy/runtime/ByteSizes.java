package dev.devskyy.runtime;

import java.util.Locale;

/**
 * Byte counts as a person reads them, in decimal units (kB, MB, GB, as disks and network rates
 * are counted): what progress messages and the progress bar show, written one way.
 */
public final class ByteSizes {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB"};

    private ByteSizes() {}

    /** {@code 512 B}, {@code 12.3 MB}: whole bytes below 1 kB, else one decimal. */
    public static String of(double bytes) {
        if (bytes < 1000) {
            return String.format(Locale.ROOT, "%d B", Math.round(bytes));
        }
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
