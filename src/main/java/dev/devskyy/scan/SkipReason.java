package dev.devskyy.scan;

import java.util.Locale;

/** Why a scan passed over a file; reports count the files by reason, in this order. */
enum SkipReason {
    /** A NUL byte in its first 8000 bytes, as git decides. */
    BINARY,
    /** Over the size limit. */
    TOO_LARGE,
    /** Excluded by a {@code .gitignore}, or inside {@code .git}. */
    IGNORED,
    /**
     * It could not be opened or read (nor, for a manifest, parsed), or it lies deeper than any real
     * repository nests.
     */
    UNREADABLE,
    /** Neither a regular file nor a directory: a link, a FIFO, a device. */
    NOT_REGULAR;

    /** How the JSON report names it: too_large. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
