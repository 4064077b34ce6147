package dev.devskyy.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.Mutations;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The DevTools pipe: NUL-framed JSON, bounded before it is kept, answers matched to commands. */
class DevToolsPipeTest {
    static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void messagesEndAtNul_andTheStreamEndsBetweenThem() throws IOException {
        InputStream in = bytes("{\"id\":1}\0{\"method\":\"x\"}\0");
        assertThat(new String(DevToolsPipe.next(in, 100), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1}");
        assertThat(new String(DevToolsPipe.next(in, 100), StandardCharsets.UTF_8))
                .isEqualTo("{\"method\":\"x\"}");
        assertThat(DevToolsPipe.next(in, 100)).isNull();
    }

    @Test
    void aMessageLongerThanTheBound_isReadPastWithoutBeingKept_andTheNextOneIsRead() throws IOException {
        InputStream in = bytes("a".repeat(5000) + "\0{\"id\":2}\0");
        assertThat(DevToolsPipe.next(in, 1024)).isEmpty();
        assertThat(new String(DevToolsPipe.next(in, 1024), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":2}");
    }

    @Test
    void aDroppedMessage_becomesAnEvent_andThePipeGoesOn() throws Exception {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        String stream = "{\"method\":\"x\"}\0" + "b".repeat(DevToolsPipe.MAX_MESSAGE_BYTES + 1)
                + "\0{\"id\":1,\"result\":{}}\0";
        try (DevToolsPipe pipe = new DevToolsPipe(bytes(stream), new ByteArrayOutputStream(), events::add)) {
            assertThat(pipe.call(null, "Browser.getVersion", null, Instant.now().plusSeconds(30), () -> false))
                    .isEmpty();
            assertThat(events).extracting(e -> e.get("method").asText()).containsExactly("x", DevToolsPipe.DROPPED);
        }
    }

    @Test
    void aStreamEndingInsideAMessage_isAnError() {
        assertThatThrownBy(() -> DevToolsPipe.next(bytes("{\"id\":"), 100))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ended inside a message");
    }

    @Test
    void anAnswerGoesToItsCommand_eventsToTheConsumer_andAnErrorAnswerIsAFailure() throws Exception {
        PipedOutputStream browser = new PipedOutputStream();
        PipedInputStream messages = new PipedInputStream(browser, 1 << 16);
        ByteArrayOutputStream commands = new ByteArrayOutputStream();
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        try (DevToolsPipe pipe = new DevToolsPipe(messages, commands, events::add)) {
            // the browser: an event, then each command's answer once that command has been sent
            Thread answering = new Thread(() -> {
                try {
                    browser.write(
                            "{\"method\":\"Page.loadEventFired\",\"params\":{}}\0".getBytes(StandardCharsets.UTF_8));
                    awaitSent(commands, "\"id\":1");
                    browser.write(
                            "{\"id\":1,\"result\":{\"product\":\"Chrome/156\"}}\0".getBytes(StandardCharsets.UTF_8));
                    awaitSent(commands, "\"id\":2");
                    browser.write(
                            "{\"id\":2,\"error\":{\"message\":\"no such target\"}}\0".getBytes(StandardCharsets.UTF_8));
                    browser.flush();
                    Thread.sleep(60_000); // a browser stays: its pipe does not end with its last answer
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            answering.setDaemon(true);
            answering.start();
            Instant deadline = Instant.now().plusSeconds(10);
            assertThat(pipe.call(null, "Browser.getVersion", null, deadline, () -> false)
                            .get("product")
                            .asText())
                    .isEqualTo("Chrome/156");
            assertThatThrownBy(() -> pipe.call("s1", "Target.closeTarget", Json.object(), deadline, () -> false))
                    .isInstanceOf(BrowserFailure.class)
                    .hasMessage("Chromium refused Target.closeTarget: no such target");
            assertThat(events).extracting(e -> e.get("method").asText()).containsExactly("Page.loadEventFired");
            String sent = commands.toString(StandardCharsets.UTF_8);
            assertThat(sent)
                    .isEqualTo("{\"id\":1,\"method\":\"Browser.getVersion\",\"params\":{}}\0"
                            + "{\"id\":2,\"method\":\"Target.closeTarget\",\"params\":{},\"sessionId\":\"s1\"}\0");
        }
    }

    static void awaitSent(ByteArrayOutputStream commands, String id) throws InterruptedException {
        while (!commands.toString(StandardCharsets.UTF_8).contains(id)) {
            Thread.sleep(5);
        }
    }

    @Test
    void noAnswer_endsAtTheDeadline_orWhenTheCallerCancels() throws Exception {
        try (PipedOutputStream silent = new PipedOutputStream();
                DevToolsPipe pipe =
                        new DevToolsPipe(new PipedInputStream(silent), new ByteArrayOutputStream(), e -> {})) {
            Instant start = Instant.now();
            assertThatThrownBy(() -> pipe.call(null, "Browser.getVersion", null, start.plusMillis(300), () -> false))
                    .isInstanceOf(BrowserFailure.class)
                    .extracting(e -> ((BrowserFailure) e).kind())
                    .isEqualTo(BrowserFailure.Kind.TIMEOUT);
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(() -> pipe.call(null, "Browser.getVersion", null, start.plusSeconds(60), () -> true))
                    .extracting(e -> ((BrowserFailure) e).kind())
                    .isEqualTo(BrowserFailure.Kind.CANCELLED);
        }
    }

    @Test
    void aBrowserThatCloses_failsTheWaitingCommand_atOnce() throws Exception {
        try (DevToolsPipe pipe = new DevToolsPipe(bytes(""), new ByteArrayOutputStream(), e -> {})) {
            Thread.sleep(100);
            assertThatThrownBy(() -> pipe.call(
                            null, "Browser.getVersion", null, Instant.now().plusSeconds(60), () -> false))
                    .isInstanceOf(BrowserFailure.class)
                    .hasMessage("Chromium closed its DevTools pipe");
        }
    }

    static List<Integer> seeds() {
        List<Integer> seeds = new ArrayList<>();
        Mutations.seeds(200).forEach(seeds::add);
        return seeds;
    }

    /** Mutated message streams: every one read to its end or refused with a clear failure, never a hang. */
    @Tag("security")
    @ParameterizedTest
    @MethodSource("seeds")
    void fuzzedMessages_areReadOrRefused(int seed) {
        byte[] sample = ("{\"id\":1,\"result\":{\"result\":{\"type\":\"object\",\"value\":{\"frames\":3}}}}\0"
                        + "{\"method\":\"Fetch.requestPaused\",\"params\":{\"requestId\":\"interception-1\","
                        + "\"request\":{\"url\":\"https://shop.example/a.js\",\"method\":\"GET\"}}}\0")
                .getBytes(StandardCharsets.UTF_8);
        byte[] mutated = Mutations.mutate(sample, seed);
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        try (DevToolsPipe pipe =
                new DevToolsPipe(new ByteArrayInputStream(mutated), new ByteArrayOutputStream(), events::add)) {
            Instant deadline = Instant.now().plusSeconds(5);
            try {
                pipe.call(null, "Runtime.evaluate", null, deadline, () -> false);
            } catch (BrowserFailure e) {
                assertThat(e.kind()).isEqualTo(BrowserFailure.Kind.BROKEN);
                assertThat(e.getMessage()).startsWith("Chromium");
            }
            assertThat(Instant.now()).isBefore(deadline);
        }
    }
}
