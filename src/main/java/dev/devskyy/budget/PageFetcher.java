package dev.devskyy.budget;

import java.util.List;

/**
 * How the browser's requests reach the network in {@code verify experience}: every one of them is
 * paused and handed here, so it passes the caller's grants exactly as devskyy's own requests do.
 */
@FunctionalInterface
public interface PageFetcher {
    /** One answer, its body decoded and bounded. */
    record Resource(int status, List<Header> headers, byte[] body) {}

    record Header(String name, String value) {}

    /**
     * A GET or HEAD of {@code url}, no redirect followed (the browser follows it, as a new request).
     *
     * @param maxBytes the longest body answered; a longer one is no answer
     * @throws Unanswered for a request that gets no answer: not granted, unreachable, too large
     * @throws BrowserFailure CANCELLED when the whole check must end
     */
    Resource fetch(String method, String url, long maxBytes);

    /** A request left unanswered, and why (no secret, no query string). */
    final class Unanswered extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unanswered(String reason) {
            super(reason, null, false, false);
        }
    }
}
