package dev.devskyy.net;

import java.io.IOException;

/**
 * A request that did not get a usable answer. Its message is devskyy's own words (the host, the
 * kind of failure, the operating system's reason), never bytes the server sent.
 */
public final class HttpFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides who can fix it and whether trying again may help. */
    public enum Kind {
        /** The name did not resolve. */
        UNKNOWN_HOST(false),
        /** No connection: refused or unreachable (nothing listens there). */
        CONNECT(true),
        /** A connection that broke: reset, closed early. */
        BROKEN(true),
        /** The environment's proxy cannot be reached or refused the tunnel. */
        PROXY(false),
        /** The connection or an answer took longer than allowed. */
        TIMEOUT(true),
        /** The TLS handshake failed: an untrusted or mismatched certificate, no common protocol. */
        TLS(false),
        /** The answer broke HTTP/1.1 or one of devskyy's bounds. */
        PROTOCOL(false);

        private final boolean transient_;

        Kind(boolean transient_) {
            this.transient_ = transient_;
        }

        /** Whether the same request may succeed when tried again. */
        public boolean isTransient() {
            return transient_;
        }
    }

    private final Kind kind;

    public HttpFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
