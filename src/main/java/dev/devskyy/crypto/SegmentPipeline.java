package dev.devskyy.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Seals or opens a file's segments on every core while the calling thread reads them and writes
 * the results, in file order. Segments are independent (each has its own STREAM nonce), so any
 * worker may take any of them; only the writing is ordered. Memory is a fixed number of slots,
 * whatever the file's size. A segment's result is written only once it and every segment before it
 * succeeded: the first failure in file order is the one thrown, and nothing after it is written.
 */
final class SegmentPipeline implements AutoCloseable {
    /** Enough segments in flight to keep every worker busy while the caller waits on the oldest. */
    private static final int SLOTS_PER_WORKER = 4;

    /** What becomes of one segment: fills {@code slot.output}, returns how many bytes of it count. */
    @FunctionalInterface
    interface Transform {
        int apply(AesGcm gcm, Slot slot);
    }

    /** One segment's buffers, reused: the input as read, its place in the file, and the result. */
    static final class Slot {
        final byte[] input;
        final byte[] output;
        final byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        int length;
        long index;
        boolean last;

        private Slot(int inputBytes, int outputBytes) {
            input = new byte[inputBytes];
            output = new byte[outputBytes];
        }
    }

    private final OutputStream out;
    private final Transform transform;
    private final ExecutorService workers;
    private final ThreadLocal<AesGcm> ciphers = ThreadLocal.withInitial(AesGcm::create);
    private final ArrayDeque<Slot> free = new ArrayDeque<>();
    private final ArrayDeque<Running> running = new ArrayDeque<>();

    private record Running(Slot slot, Future<Integer> result) {}

    SegmentPipeline(OutputStream out, int inputBytes, int outputBytes, Transform transform) {
        this.out = out;
        this.transform = transform;
        int threads = Runtime.getRuntime().availableProcessors();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "devskyy-segment-cipher");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threads * SLOTS_PER_WORKER; i++) {
            free.add(new Slot(inputBytes, outputBytes));
        }
    }

    /**
     * A free slot filled from {@code in} as far as it has room (its {@code length} short of full
     * only at the end); when every slot is in flight, the oldest is first waited for and written.
     */
    Slot read(InputStream in) throws IOException {
        if (free.isEmpty()) {
            writeOldest();
        }
        Slot slot = free.remove();
        slot.length = in.readNBytes(slot.input, 0, slot.input.length);
        return slot;
    }

    /** Hands a slot back unused. */
    void release(Slot slot) {
        free.add(slot);
    }

    /** Starts the transform of segment {@code index} on a worker. */
    void submit(Slot slot, long index, boolean last) {
        slot.index = index;
        slot.last = last;
        running.add(new Running(slot, workers.submit(() -> transform.apply(ciphers.get(), slot))));
    }

    /** Waits for every segment still in flight and writes them, in order. */
    void finish() throws IOException {
        while (!running.isEmpty()) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        Running oldest = running.remove();
        int length = outcome(oldest.result());
        out.write(oldest.slot().output, 0, length);
        free.add(oldest.slot());
    }

    /** The worker's result, or its failure as it was thrown (a CryptoException stays one). */
    private static int outcome(Future<Integer> result) throws IOException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a segment");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a segment failed", e.getCause());
        }
    }

    /** Stops the workers, whether or not the work finished: none outlives the call. */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            // A worker holds at most one segment's computation: this takes microseconds.
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
