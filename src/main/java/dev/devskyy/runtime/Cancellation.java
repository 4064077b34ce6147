package dev.devskyy.runtime;

import java.util.ArrayList;
import java.util.List;

/** A one-way signal from a caller that it no longer wants the result of a call. */
public final class Cancellation {
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
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
