package dev.devskyy.mcp;

import dev.devskyy.runtime.ToolServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, from its first line to the exit: reads messages on the calling thread,
 * checks that each is JSON-RPC 2.0 and hands it to its {@link Methods handler}. Input is bounded
 * per line here and in total while calls are in progress ({@link Calls}); at end of input or on a
 * signal every accepted call is answered before the process exits.
 */
final class Session {
    // In force until the options are read (serving does not wait for them): serve's defaults.
    private static final long DEFAULT_MAX_MESSAGE_BYTES = 4L << 20;
    private static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 64L << 20;
    /** The grace when the options could not be read at all (serve's default). */
    private static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** Tasks held at once (each may keep a result until it expires); past it, long calls block. */
    static final int MAX_TASKS = 64;

    private final InputStream in;
    private final MessageWriter writer;
    private final CompletableFuture<ToolServer.Options> options;
    private final Calls calls = new Calls(DEFAULT_MAX_IN_FLIGHT_BYTES);
    private final SessionTools tools;
    private final Conversation conversation;
    private final Peer peer;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);

    /** Looked up when first needed: starting logback is not part of the handshake. */
    private static Logger log() {
        return LoggerFactory.getLogger(Session.class);
    }

    Session(ToolServer.Settings settings) {
        this.in = settings.in();
        this.options = settings.options();
        this.writer = new MessageWriter(settings.out());
        this.tools = new SessionTools(options);
        this.conversation =
                new Conversation(calls, tools, options, new TaskStore(Clock.systemUTC(), MAX_TASKS), writer);
        this.peer = new Peer(writer, this, null);
    }

    int run() throws IOException {
        // SIGINT (Claude Code kills ~100 ms later) cancels at once; SIGTERM and any other exit
        // leave calls their grace. Each then exits 0, as at end of input.
        Runnable restoreInt = Signals.handle("INT", () -> {
            calls.cancelAll(); // also cuts short a grace already running (input ended first)
            stopAndHalt(Duration.ZERO);
        });
        Runnable restoreTerm = Signals.handle("TERM", () -> stopAndHalt(grace()));
        Thread hook = new Thread(() -> stopAndHalt(grace()), "devskyy-mcp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LineReader reader = new LineReader(in, DEFAULT_MAX_MESSAGE_BYTES);
        options.thenAccept(o -> {
            reader.limit(o.maxMessageBytes());
            calls.budget(o.maxInFlightBytes());
        });
        try {
            for (LineReader.Line line; (line = reader.next()) != null; ) {
                if (line instanceof LineReader.Oversized oversized) {
                    rejectOversized(oversized);
                } else {
                    conversation.receive(((LineReader.Message) line).bytes(), peer);
                }
            }
        } catch (UncheckedIOException e) {
            log().info("client stopped reading: {}", e.getMessage());
        } catch (IOException e) {
            if (!stopped.get()) {
                throw e;
            }
            // stdin closed under the reader by a signal's stop (stopAndHalt): the end of input
        } finally {
            stop(grace());
            restoreInt.run();
            restoreTerm.run();
            try {
                // Hosts send SIGTERM seconds after closing stdin, by when the process has exited.
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook finishes the job
            }
        }
        // Input can end before the options are read: settle them before choosing the exit code.
        try {
            options.join();
            return 0;
        } catch (CompletionException | CancellationException e) {
            return 2;
        }
    }

    /**
     * The grace {@code --shutdown-grace} names. Serving starts before the options are read, so a
     * signal can come first: it waits for them rather than give a call in flight the default's
     * shorter grace (that cancelled a long call under load in CI).
     */
    private Duration grace() {
        try {
            return options.join().shutdownGrace();
        } catch (CompletionException | CancellationException e) {
            return DEFAULT_SHUTDOWN_GRACE;
        }
    }

    /**
     * On a signal: every accepted call answered, then exit 0 rather than 130 or 143. Input is closed
     * first: the JVM's exit waits up to 300 ms for any thread inside a native call, which the reader
     * blocked on stdin is, unless closing its stream wakes it (Main's stdin is a channel's, which
     * does).
     */
    private void stopAndHalt(Duration callGrace) {
        stop(callGrace);
        try {
            in.close();
        } catch (IOException e) {
            // exiting anyway: at worst the exit waits for the reader
        }
        Runtime.getRuntime().halt(0);
    }

    /**
     * Accepts no more calls, gives those accepted up to {@code callGrace} to finish, then cancels the
     * rest, each answered with E4006 and audited. Hosts often close stdin and send a signal
     * together, so a second caller waits for the first to finish rather than returning.
     */
    private void stop(Duration callGrace) {
        if (!stopped.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            calls.drain(callGrace);
            tools.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stoppedLatch.countDown();
        }
    }

    private void awaitStopped() {
        try {
            stoppedLatch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A line too long to read is answered with its own id when one was found on the way (the
     * client can then fail that request rather than wait), otherwise as unparsable.
     */
    private void rejectOversized(LineReader.Oversized line) {
        String text = "message of " + line.length() + " bytes exceeds the limit of " + line.limit()
                + " bytes (--max-message-bytes); skipped: send smaller arguments (e.g. a path, not file contents)";
        if (line.id() != null) {
            writer.send(JsonRpc.error(line.id(), JsonRpc.INVALID_REQUEST, "Request too large: " + text));
        } else {
            writer.send(JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: " + text));
        }
        conversation.clientLog().send(LogLevel.WARNING, "devskyy/server", text);
    }
}
