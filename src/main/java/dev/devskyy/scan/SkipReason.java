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
    NOT_REGULAR,
    /** An archive inside archives deeper than the walk goes (docs/scan.md, "Archives and keystores"). */
    ARCHIVE_TOO_DEEP,
    /** An archive or entry that expands past the allowed ratio, or whose entries overlap. */
    ARCHIVE_BOMB,
    /** Past an archive's or the scan's bound on entries or bytes read out of archives. */
    ARCHIVE_LIMIT,
    /** A truncated or corrupt archive or entry, or one whose parts disagree. */
    ARCHIVE_MALFORMED,
    /** An encrypted entry, a compression method or entry kind devskyy does not read. */
    ARCHIVE_UNSUPPORTED,
    /** An entry named absolutely, with {@code ..}, with control characters, or a second time. */
    ARCHIVE_ENTRY_NAME;

    /** How the JSON report names it: too_large. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
