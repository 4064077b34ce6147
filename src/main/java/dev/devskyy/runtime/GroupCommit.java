package dev.devskyy.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes from many threads, gathered into as few writes as possible without a writer thread: a
 * caller that finds no write in progress writes at once; callers that arrive while one runs queue,
 * and the first of them then writes the whole queue as one batch. {@link #write} returns only once
 * its item is written: what a caller does next (answer a call) never gets ahead of it, and a
 * process killed after that keeps the item. Each waiting caller is woken alone, when its own item
 * is written or its turn to write comes (waking every waiter per batch cost more than the batching
 * saved, with 64 callers on two cores).
 */
public final class GroupCommit<T> {
    /** Writes a batch, in order, as one unit; a failure is the failure of every item in it. */
    @FunctionalInterface
    public interface Sink<T> {
        void write(List<T> batch) throws IOException;
    }

    private static final class Ticket<T> {
        final T item;
        final Thread caller = Thread.currentThread();
        volatile boolean done;
        volatile boolean writes;
        /** Set before {@link #done}, read after it. */
        IOException failure;

        Ticket(T item) {
            this.item = item;
        }
    }

    private final Sink<T> sink;
    private List<Ticket<T>> queued = new ArrayList<>();
    private boolean writing;

    public GroupCommit(Sink<T> sink) {
        this.sink = sink;
    }

    /**
     * Returns once {@code item} is written, by this thread or by the one that wrote it in a batch.
     * Waiting is not interruptible: an interrupt is kept for the caller, and the item still written.
     *
     * @throws IOException the failure of the batch that held {@code item}
     */
    public void write(T item) throws IOException {
        Ticket<T> mine = new Ticket<>(item);
        synchronized (this) {
            queued.add(mine);
            if (!writing) {
                writing = true;
                mine.writes = true;
            }
        }
        boolean interrupted = false;
        while (!mine.done && !mine.writes) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (!mine.done) {
            // An interrupt of this caller that came before its turn (a channel write would close
            // the channel) must not cost the others their items: it is kept for after the write.
            // One that comes during the write still reaches the sink: no caller interrupts these.
            interrupted |= Thread.interrupted();
            writeQueued();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Writes the queue as one batch, wakes its callers, and hands the next turn to the first caller queued since. */
    private void writeQueued() {
        List<Ticket<T>> batch;
        synchronized (this) {
            batch = queued;
            queued = new ArrayList<>();
        }
        IOException failure = null;
        boolean written = false;
        try {
            List<T> items = new ArrayList<>(batch.size());
            batch.forEach(ticket -> items.add(ticket.item));
            sink.write(items);
            written = true;
        } catch (IOException e) {
            failure = e;
        } finally {
            if (!written && failure == null) {
                // the write threw something else, which this thread rethrows: what the others learn
                failure = new IOException("the write of a batch did not complete");
            }
            Ticket<T> next;
            synchronized (this) {
                next = queued.isEmpty() ? null : queued.get(0);
                writing = next != null;
            }
            for (Ticket<T> ticket : batch) {
                ticket.failure = failure;
                ticket.done = true;
                if (ticket.caller != Thread.currentThread()) {
                    LockSupport.unpark(ticket.caller);
                }
            }
            if (next != null) {
                next.writes = true;
                LockSupport.unpark(next.caller);
            }
        }
    }
}
