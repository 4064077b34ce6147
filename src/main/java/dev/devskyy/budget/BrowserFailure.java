package dev.devskyy.budget;

/** The browser that {@code verify experience} drives could not be used: one line, no page content. */
public final class BrowserFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What failed, so that the tool can answer with the right code. */
    public enum Kind {
        /** No Chromium is installed where devskyy looks. */
        MISSING,
        /** Chromium would not start, died, or broke the DevTools protocol. */
        BROKEN,
        /** The call's deadline came first. */
        TIMEOUT,
        /** The caller cancelled the call. */
        CANCELLED
    }

    private final Kind kind;

    public BrowserFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
