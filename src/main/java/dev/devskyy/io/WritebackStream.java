package dev.devskyy.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The stream {@link AtomicWrite} fills its temporary file through. After every {@link
 * #WRITEBACK_BYTES} it has the disk start on what was written so far, by a data sync (fdatasync)
 * on a thread of its own, so the disk writes while the content is still being made and the final
 * sync, which makes the file durable before its rename, has little left to do. (Linux starts
 * writeback by itself only once a tenth of memory is dirty: a 1 GiB file otherwise went to the
 * disk during the final sync alone.) The background syncs add nothing to correctness: {@link
 * #finish} always ends with a full sync. A background sync's failure is kept and thrown by
 * {@link #finish}, since Linux reports a failed writeback once per open file: the final sync
 * might not see it again.
 */
final class WritebackStream extends OutputStream {
    /** Large enough that small files never start a sync thread, small enough to keep the disk busy. */
    static final long WRITEBACK_BYTES = 32L << 20;

    private final FileChannel channel;
    private long sinceSync;
    private Thread syncing;
    private volatile IOException syncFailure;

    WritebackStream(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        sinceSync += length;
        // One sync at a time: while one runs, what is written meanwhile waits for the next.
        if (sinceSync >= WRITEBACK_BYTES && (syncing == null || !syncing.isAlive())) {
            sinceSync = 0;
            syncing = new Thread(this::syncData, "devskyy-writeback");
            syncing.setDaemon(true);
            syncing.start();
        }
    }

    private void syncData() {
        try {
            channel.force(false);
        } catch (IOException e) {
            if (syncFailure == null) {
                syncFailure = e;
            }
        }
    }

    /** Makes everything written durable, content and metadata, or throws why it is not. */
    void finish() throws IOException {
        awaitSync();
        if (syncFailure != null) {
            throw syncFailure;
        }
        channel.force(true);
    }

    /** Waits for a background sync still running; the channel itself belongs to the caller. */
    @Override
    public void close() throws IOException {
        awaitSync();
    }

    private void awaitSync() throws InterruptedIOException {
        if (syncing == null) {
            return;
        }
        try {
            syncing.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the disk was being synced");
        }
    }
}
