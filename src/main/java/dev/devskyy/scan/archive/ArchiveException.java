package dev.devskyy.scan.archive;

import java.io.IOException;

/**
 * An archive, or one of its entries, refused. An {@link IOException} so that it passes through the
 * streams that decompress; its message names the structure at fault, never content.
 */
public final class ArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why: each becomes one of the scan's skip reasons. */
    public enum Problem {
        /** Truncated, corrupt, or its parts disagree (a zip's local header and central directory). */
        MALFORMED,
        /** Expands past the allowed ratio, or entries overlap: made to exhaust the reader. */
        BOMB,
        /** More entries or more bytes than one archive, or one scan, may give. */
        LIMIT,
        /** Encrypted, or a compression method or entry kind devskyy does not read. */
        UNSUPPORTED,
        /** A name that is absolute, climbs out with {@code ..}, holds control characters, or repeats. */
        ENTRY_NAME
    }

    private final Problem problem;

    public ArchiveException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
