package dev.devskyy.runtime;

import java.util.ArrayList;
import java.util.List;

/** A one-way signal from a caller that it no longer wants the result of a call. */
public final class Cancellation {
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean cancelled;
    private String reason;

    public void cancel() {
        cancel(null);
    }

    /**
     * Cancels, saying why when the caller is not the one who asked (e.g. the server shutting down);
     * the reason becomes part of the call's E4006 message, so it must quote no call data.
     */
    public void cancel(String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            reason = why;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Why the call was cancelled, or null when no reason was given (or it was not cancelled). */
    public synchronized String reason() {
        return reason;
    }

    /** Runs {@code listener} on cancellation, or at once if it already happened. */
    void onCancel(Runnable listener) {
        synchronized (this) {
            if (!cancelled) {
                listeners.add(listener);
                return;
            }
        }
        listener.run();
    }

    /** Forgets a listener, once the call it would have stopped has ended. */
    synchronized void remove(Runnable listener) {
        listeners.remove(listener);
    }
}
