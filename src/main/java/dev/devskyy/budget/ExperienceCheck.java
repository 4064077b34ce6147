package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.Printable;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * {@code verify experience}: a collection page, loaded in a real headless Chromium, checked
 * against its Collection3DExperienceSpec (docs/experience.md): console errors and failed requests,
 * the 3D canvas in time, draw calls, triangles and texture memory per frame as the page's WebGL
 * calls show them, the JavaScript it loads, keyboard-reachable hotspots, the analytics events it
 * pushes, a 2D fallback when the WebGL context is lost, and no animation loop under
 * {@code prefers-reduced-motion}. The page is loaded twice: as a shopper gets it, then with
 * reduced motion asked for.
 */
public final class ExperienceCheck {
    /** The page's figures are sampled over this long once it draws. */
    static final Duration SAMPLE = Duration.ofSeconds(1);
    /** A page asking for more animation frames than this in one sampled second under reduced motion animates. */
    static final int MAX_STILL_FRAMES = 3;
    /** How long a lost context may take to show its fallback. */
    static final Duration FALLBACK_WAIT = Duration.ofSeconds(2);
    /** The canvas budget when the spec names none. */
    static final long DEFAULT_CANVAS_MS = 5000;
    /** The largest single resource answered. */
    static final long MAX_RESOURCE_BYTES = 32L << 20;
    /** All a page's resources together. */
    static final long MAX_PAGE_BYTES = 256L << 20;
    /** Entries kept per list in the report. */
    static final int MAX_ENTRIES = 50;

    /** How long the page's renderer may take to answer one command before the page counts as unresponsive. */
    static final Duration PAGE_WAIT = Duration.ofSeconds(5);

    static final Duration NAVIGATION_WAIT = Duration.ofSeconds(30);
    /** Request ids remembered for the browser's failure reports. */
    static final int MAX_TRACKED = 10_000;
    /** The most of one message searched for URLs: more is cut for the report anyway. */
    static final int MAX_TEXT = 4096;

    private static final String PROBE = probeSource();
    /** Fetch.enable's parameters: every request paused before it is sent. */
    private static final ObjectNode PAUSE_ALL = pauseAll();
    /** Requests waiting for a fetcher before more are refused. */
    static final int MAX_QUEUED = 1000;

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Response headers that describe the wire, not the decoded body handed to the browser. */
    private static final Set<String> WIRE_HEADERS =
            Set.of("content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive");

    /** {@code bytes} random bytes in hex: random output, not the seed source generateSeed draws on. */
    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** What runs the check: the browser, the deadline, and the caller's cancellation. */
    public record Options(Path chromium, Instant deadline, BooleanSupplier cancelled) {}

    /** The report as JSON and text, and whether any check failed. */
    public record Result(ObjectNode report, String text, boolean failed) {}

    private ExperienceCheck() {}

    /**
     * Checks {@code url} against {@code spec} (read and validated by {@link BudgetSpec}).
     *
     * @throws BrowserFailure when the browser cannot be used, or the deadline or the caller ends the check
     */
    public static Result run(JsonNode spec, String url, PageFetcher fetcher, Options options) {
        try (Visit visit = new Visit(fetcher, options)) {
            return visit.check(spec, url);
        }
    }

    /** One check's browser, page session and what the page showed. */
    private static final class Visit implements AutoCloseable {
        private final PageFetcher fetcher;
        private final Options options;
        private final String probeName = "__devskyy_probe_" + randomHex(8);
        /** Four requests fetched at once; a page that asks for more than a queue holds is refused the rest. */
        private final ThreadPoolExecutor requests =
                new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), runnable -> {
                    Thread thread = new Thread(runnable, "devskyy-page-request");
                    thread.setDaemon(true);
                    return thread;
                });
        /** Main-frame documents since the last navigation devskyy made. */
        private final AtomicInteger documents = new AtomicInteger();

        private final Map<String, PageFetcher.Resource> answered = new ConcurrentHashMap<>();
        private final Set<String> scripts = ConcurrentHashMap.newKeySet();
        private final AtomicLong scriptBytes = new AtomicLong();
        private final AtomicLong pageBytes = new AtomicLong();
        private final Set<String> handled = ConcurrentHashMap.newKeySet();
        private final List<String> consoleErrors = new ArrayList<>();
        private final List<ObjectNode> failedRequests = new ArrayList<>();
        private final List<ObjectNode> heldRequests = new ArrayList<>();
        private volatile BrowserFailure abort;
        /** Why the page stopped answering, once it has; null while it answers. */
        private volatile String unresponsive;
        /** Network request ids to URLs, for failures the browser reports by id. */
        private final Map<String, String> urls = new ConcurrentHashMap<>();

        private final Chromium browser;
        private String session;

        Visit(PageFetcher fetcher, Options options) {
            this.fetcher = fetcher;
            this.options = options;
            this.browser = Chromium.launch(options.chromium(), this::event);
        }

        Result check(JsonNode spec, String url) {
            Instant started = Instant.now();
            Instant firstAnswer = deadline(Chromium.STARTUP);
            String target = browser.pipe()
                    .call(
                            null,
                            "Target.createTarget",
                            Json.object().put("url", "about:blank"),
                            firstAnswer,
                            options.cancelled())
                    .path("targetId")
                    .asText();
            session = call(
                            null,
                            "Target.attachToTarget",
                            Json.object().put("targetId", target).put("flatten", true))
                    .path("sessionId")
                    .asText();
            for (String domain : List.of("Page.enable", "Runtime.enable", "Log.enable", "Network.enable")) {
                call(session, domain, Json.object());
            }
            call(session, "Fetch.enable", PAUSE_ALL);
            call(
                    session,
                    "Target.setAutoAttach",
                    Json.object()
                            .put("autoAttach", true)
                            .put("waitForDebuggerOnStart", true)
                            .put("flatten", true));
            call(
                    session,
                    "Page.addScriptToEvaluateOnNewDocument",
                    Json.object()
                            .put(
                                    "source",
                                    PROBE.replace("PROBE_NAME", probeName)
                                            .replace("EXPECTED_EVENTS", Json.compact(spec.get("analytics_events")))));

            JsonNode budget = spec.get("performance_budget");
            long canvasBudget = budget.path("max_time_to_canvas_ms").asLong(DEFAULT_CANVAS_MS);
            ExperienceReport report = new ExperienceReport(spec, url);

            // 1. as a shopper gets it
            String navigationError = navigate(url);
            JsonNode drawn = awaitCanvas(canvasBudget);
            pause(SAMPLE);
            JsonNode shown = state();
            report.canvas(navigationError, drawn, canvasBudget);
            report.budget(shown, scriptBytes.get());
            keyboard(spec, report);
            report.analytics(state());
            contextLoss(report);

            // 2. with prefers-reduced-motion: reduce, unless the page stopped answering
            if (unresponsive != null) {
                report.reducedMotionSkipped(unresponsive);
            } else {
                reducedMotion(url, canvasBudget, report);
            }
            synchronized (this) {
                report.page(consoleErrors, failedRequests, heldRequests);
            }
            return report.finish(Duration.between(started, Instant.now()));
        }

        private void reducedMotion(String url, long canvasBudget, ExperienceReport report) {
            ObjectNode reduce = Json.object();
            reduce.putArray("features")
                    .addObject()
                    .put("name", "prefers-reduced-motion")
                    .put("value", "reduce");
            pageCall("Emulation.setEmulatedMedia", reduce, PAGE_WAIT);
            navigate(url);
            JsonNode still = awaitCanvas(canvasBudget);
            pause(Duration.ofMillis(500));
            JsonNode before = state();
            pause(SAMPLE);
            report.reducedMotion(still, before, state());
        }

        /** Navigates and waits for the load event (or the canvas budget); the navigation's own error, or null. */
        private String navigate(String url) {
            documents.set(0);
            JsonNode answer = pageCall("Page.navigate", Json.object().put("url", url), NAVIGATION_WAIT);
            if (answer == null) {
                return unresponsive;
            }
            return answer.has("errorText")
                    ? Printable.of(answer.get("errorText").asText(), 200)
                    : null;
        }

        /** Polls until the page has a 3D canvas that drew, or its budget passed; the page's state then. */
        private JsonNode awaitCanvas(long budgetMillis) {
            Instant until = Instant.now().plusMillis(Math.min(budgetMillis, 60_000) + 1000);
            JsonNode state = state();
            while (Instant.now().isBefore(until) && unresponsive == null && !ExperienceReport.drew(state)) {
                pause(Duration.ofMillis(50));
                state = state();
            }
            return state;
        }

        /** Tab through the page, then Enter on each hotspot the spec says a keyboard reaches. */
        private void keyboard(JsonNode spec, ExperienceReport report) {
            List<String> required = new ArrayList<>();
            for (JsonNode hotspot : spec.get("interactions")) {
                if (hotspot.path("keyboard_reachable").asBoolean()) {
                    required.add(hotspot.get("id").asText());
                }
            }
            List<String> reached = new ArrayList<>();
            List<String> activated = new ArrayList<>();
            if (!required.isEmpty()) {
                probe("resetFocus()");
                long presses = Math.min(probe("focusables()").asLong(0) + 2, 300);
                for (int i = 0; i < presses; i++) {
                    key("Tab", "Tab", 9, null);
                    JsonNode focused = probe("focusedHotspot()");
                    // the probe cuts ids at 200 characters; a hotspot a spec names has a shorter one
                    String id = focused.asText();
                    if (focused.isTextual() && !reached.contains(id) && reached.size() < MAX_TRACKED) {
                        reached.add(id);
                    }
                }
                for (String id : required) {
                    if (probe("focusHotspot(" + Json.compact(Json.tree(id)) + ")")
                            .asBoolean()) {
                        key("Enter", "Enter", 13, "\r");
                        pause(Duration.ofMillis(150));
                        for (JsonNode a : state().path("activations")) {
                            if (a.asText().equals(id) && !activated.contains(id)) {
                                activated.add(id);
                            }
                        }
                        key("Escape", "Escape", 27, null);
                    }
                }
            }
            report.keyboard(required, reached, activated);
        }

        /** The fallback must appear because the context was lost: it may not show, or be logged, before. */
        private void contextLoss(ExperienceReport report) {
            boolean shownBefore = probe("fallbackShown()").asBoolean();
            long loggedBefore = state().path("fallbackLogged").asLong(0);
            long lost = probe("loseContext()").asLong(0);
            Instant until = Instant.now().plus(FALLBACK_WAIT);
            boolean shown = false;
            boolean logged = false;
            while (lost > 0 && !(shown && logged) && Instant.now().isBefore(until)) {
                pause(Duration.ofMillis(50));
                shown = probe("fallbackShown()").asBoolean();
                logged = state().path("fallbackLogged").asLong(0) > loggedBefore;
            }
            report.contextLoss(lost, shownBefore, shown, logged);
        }

        private void key(String key, String code, int keyCode, String text) {
            ObjectNode down = Json.object()
                    .put("type", text == null ? "rawKeyDown" : "keyDown")
                    .put("key", key)
                    .put("code", code)
                    .put("windowsVirtualKeyCode", keyCode);
            if (text != null) {
                down.put("text", text);
            }
            pageCall("Input.dispatchKeyEvent", down, PAGE_WAIT);
            pageCall(
                    "Input.dispatchKeyEvent",
                    Json.object()
                            .put("type", "keyUp")
                            .put("key", key)
                            .put("code", code)
                            .put("windowsVirtualKeyCode", keyCode),
                    PAGE_WAIT);
        }

        /** The probe's state, or an empty object while no document has it (a failed load). */
        private JsonNode state() {
            JsonNode state = probe("state()");
            return state.isObject() ? state : Json.object();
        }

        /** Calls the probe's {@code expression} in the page; its value, or null when there is none. */
        private JsonNode probe(String expression) {
            String guarded = "globalThis." + probeName + " ? globalThis." + probeName + "." + expression + " : null";
            JsonNode answer = pageCall(
                    "Runtime.evaluate",
                    Json.object()
                            .put("expression", guarded)
                            .put("returnByValue", true)
                            .put("timeout", 2000),
                    PAGE_WAIT);
            return answer != null && answer.path("exceptionDetails").isMissingNode()
                    ? answer.at("/result/value")
                    : Json.object().nullNode();
        }

        /**
         * A command the page's renderer must answer, within {@code wait}: a page whose main thread
         * never yields (a loop, a dialog, a crash) is noted as unresponsive once, and every later
         * command to it answers null at once, so that the report is made, not the deadline reached.
         */
        private JsonNode pageCall(String method, ObjectNode params, Duration wait) {
            if (unresponsive != null) {
                return null;
            }
            try {
                if (abort != null) {
                    throw abort;
                }
                return browser.pipe().call(session, method, params, deadline(wait), options.cancelled());
            } catch (BrowserFailure e) {
                if (e.kind() != BrowserFailure.Kind.TIMEOUT || !Instant.now().isBefore(options.deadline())) {
                    throw e;
                }
                unresponsive("the page stopped responding: " + method + " had no answer within " + wait.toSeconds()
                        + " s (a script that never yields?)");
                return null;
            }
        }

        private void unresponsive(String why) {
            if (unresponsive == null) {
                unresponsive = why;
                consoleError(why);
            }
        }

        private JsonNode call(String target, String method, ObjectNode params) {
            if (abort != null) {
                throw abort;
            }
            return browser.pipe().call(target, method, params, options.deadline(), options.cancelled());
        }

        private Instant deadline(Duration atMost) {
            Instant soon = Instant.now().plus(atMost);
            return soon.isBefore(options.deadline()) ? soon : options.deadline();
        }

        private void pause(Duration time) {
            Instant until = Instant.now().plus(time);
            while (Instant.now().isBefore(until)) {
                if (abort != null) {
                    throw abort;
                }
                if (options.cancelled().getAsBoolean()) {
                    throw new BrowserFailure(BrowserFailure.Kind.CANCELLED, "cancelled");
                }
                if (!Instant.now().isBefore(options.deadline())) {
                    throw new BrowserFailure(BrowserFailure.Kind.TIMEOUT, "the deadline passed during the check");
                }
                try {
                    Thread.sleep(Math.max(
                            1,
                            Math.min(20, Duration.between(Instant.now(), until).toMillis())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrowserFailure(BrowserFailure.Kind.CANCELLED, "interrupted");
                }
            }
        }

        /** Every protocol event, on the pipe's reading thread: requests go to the pool, the rest is noted. */
        private void event(JsonNode message) {
            JsonNode params = message.path("params");
            switch (message.path("method").asText()) {
                case "Fetch.requestPaused" -> {
                    String from = message.path("sessionId").asText();
                    try {
                        requests.execute(() -> answer(from, params));
                    } catch (RejectedExecutionException e) {
                        failed(params.at("/request/url").asText(), "more than " + MAX_QUEUED + " requests at once");
                        post(from, "Fetch.failRequest", failure(params, "BlockedByClient"));
                    }
                }
                case "Target.attachedToTarget" -> {
                    String child = params.path("sessionId").asText();
                    requests.execute(() -> watch(child));
                }
                case "Page.frameNavigated" -> {
                    boolean main = !params.at("/frame/parentId").isTextual();
                    if (main && documents.incrementAndGet() > 1) {
                        consoleError(
                                "the page left for " + params.at("/frame/url").asText()
                                        + " during the check: later figures are that document's");
                    }
                }
                case "Runtime.exceptionThrown" ->
                    consoleError("uncaught "
                            + params.at("/exceptionDetails/exception/description")
                                    .asText(params.at("/exceptionDetails/text").asText()));
                case "Runtime.consoleAPICalled" -> {
                    String type = params.path("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        consoleError("console." + type + ": " + consoleText(params.path("args")));
                    }
                }
                case "Log.entryAdded" -> {
                    JsonNode entry = params.path("entry");
                    // the network's own failures are the failed requests, reported once there
                    if (entry.path("level").asText().equals("error")
                            && !entry.path("source").asText().equals("network")) {
                        consoleError(entry.path("source").asText() + ": "
                                + entry.path("text").asText());
                    }
                }
                case "Network.requestWillBeSent" -> {
                    if (urls.size() < MAX_TRACKED) {
                        urls.put(
                                params.path("requestId").asText(),
                                ExperienceReport.withoutQuery(
                                        params.at("/request/url").asText()));
                    }
                }
                case "Network.loadingFinished" -> {
                    urls.remove(params.path("requestId").asText());
                    handled.remove(params.path("requestId").asText());
                }
                case "Network.loadingFailed" -> {
                    String id = params.path("requestId").asText();
                    String url = urls.remove(id);
                    if (!handled.remove(id) && !params.path("canceled").asBoolean()) {
                        failed(
                                url == null ? "(a request the browser made before devskyy saw it)" : url,
                                params.path("errorText").asText());
                    }
                }
                case DevToolsPipe.DROPPED ->
                    consoleError("the browser sent a message over " + (DevToolsPipe.MAX_MESSAGE_BYTES >> 20)
                            + " MiB (a page logging a huge value?): dropped");
                case "Page.javascriptDialogOpening" -> {
                    // a dialog stops the page until answered: leaving a page is allowed, anything else dismissed
                    String type = params.path("type").asText();
                    ObjectNode answer = Json.object().put("accept", type.equals("beforeunload"));
                    post(message.path("sessionId").asText(), "Page.handleJavaScriptDialog", answer);
                    if (!type.equals("beforeunload")) {
                        consoleError("the page opened a " + type + " dialog: "
                                + params.path("message").asText());
                    }
                }
                case "Inspector.targetCrashed" -> unresponsive("the page's renderer crashed");
                default -> {
                    // not watched
                }
            }
        }

        /** A paused request, answered through the caller's fetcher, or refused; never by the browser itself. */
        private void answer(String pausedSession, JsonNode params) {
            String id = params.path("requestId").asText();
            String method = params.at("/request/method").asText();
            String url = params.at("/request/url").asText();
            if (handled.size() < MAX_TRACKED) {
                handled.add(params.path("networkId").asText(id));
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                // a beacon or a form: noted, answered here, never sent (a check has no side effects)
                if (!method.equals("OPTIONS")) {
                    held(method, url); // a preflight is the browser's, and says nothing the held request does not
                }
                ObjectNode empty = Json.object().put("requestId", id).put("responseCode", 204);
                ArrayNode headers = empty.putArray("responseHeaders");
                // the page's own CORS check sees an answer it allows, so that holding it is no console error
                JsonNode sent = params.at("/request/headers");
                header(sent, "origin").ifPresent(origin -> {
                    headers.addObject()
                            .put("name", "Access-Control-Allow-Origin")
                            .put("value", origin);
                    headers.addObject()
                            .put("name", "Access-Control-Allow-Credentials")
                            .put("value", "true");
                });
                header(sent, "access-control-request-method")
                        .ifPresent(m -> headers.addObject()
                                .put("name", "Access-Control-Allow-Methods")
                                .put("value", m));
                header(sent, "access-control-request-headers")
                        .ifPresent(h -> headers.addObject()
                                .put("name", "Access-Control-Allow-Headers")
                                .put("value", h));
                post(pausedSession, "Fetch.fulfillRequest", empty);
                return;
            }
            try {
                PageFetcher.Resource resource = answered.get(method + " " + url);
                if (resource == null) {
                    long left = MAX_PAGE_BYTES - pageBytes.get();
                    if (left <= 0) {
                        throw new PageFetcher.Unanswered("the page loads more than " + (MAX_PAGE_BYTES >> 20) + " MiB");
                    }
                    resource = fetcher.fetch(method, url, Math.min(MAX_RESOURCE_BYTES, left));
                    pageBytes.addAndGet(resource.body().length);
                    if (answered.size() < MAX_TRACKED) {
                        answered.putIfAbsent(method + " " + url, resource);
                    }
                }
                if (resource.status() >= 400 && !isBrowsersOwnIcon(params)) {
                    failed(url, "HTTP " + resource.status());
                }
                if (isScript(url, resource) && (scripts.size() >= MAX_TRACKED || scripts.add(url))) {
                    scriptBytes.addAndGet(resource.body().length);
                }
                post(pausedSession, "Fetch.fulfillRequest", fulfilment(id, resource));
            } catch (PageFetcher.Unanswered e) {
                failed(url, e.getMessage());
                post(pausedSession, "Fetch.failRequest", failure(params, "BlockedByClient"));
            } catch (BrowserFailure e) {
                abort = e;
                post(pausedSession, "Fetch.failRequest", failure(params, "Aborted"));
            } catch (RuntimeException e) {
                // every paused request gets an answer, or the page waits on it for good
                failed(url, "devskyy could not answer it");
                post(pausedSession, "Fetch.failRequest", failure(params, "Failed"));
            }
        }

        private static ObjectNode failure(JsonNode paused, String reason) {
            return Json.object()
                    .put("requestId", paused.path("requestId").asText())
                    .put("errorReason", reason);
        }

        /**
         * A frame or worker in a process of its own (a cross-site iframe): its requests, console
         * and failures are watched as the page's are; it waits for this before it runs.
         */
        private void watch(String child) {
            try {
                for (String domain : List.of("Network.enable", "Runtime.enable", "Log.enable")) {
                    browser.pipe().call(child, domain, Json.object(), deadline(PAGE_WAIT), options.cancelled());
                }
                browser.pipe().call(child, "Fetch.enable", PAUSE_ALL, deadline(PAGE_WAIT), options.cancelled());
            } catch (BrowserFailure e) {
                // a target that cannot (a worker has no Fetch): its requests still meet the dead proxy
            } finally {
                post(child, "Runtime.runIfWaitingForDebugger", Json.object());
            }
        }

        private void post(String target, String method, ObjectNode params) {
            try {
                browser.pipe().post(target, method, params);
            } catch (BrowserFailure e) {
                abort = abort == null ? e : abort; // the main thread sees it at its next step
            }
        }

        private static ObjectNode fulfilment(String id, PageFetcher.Resource resource) {
            ObjectNode out = Json.object().put("requestId", id).put("responseCode", resource.status());
            ArrayNode headers = out.putArray("responseHeaders");
            for (PageFetcher.Header h : resource.headers()) {
                String name = h.name().toLowerCase(Locale.ROOT);
                // the body is handed over whole and decoded: these would describe the wire, not it
                if (!WIRE_HEADERS.contains(name)) {
                    headers.addObject().put("name", h.name()).put("value", h.value());
                }
            }
            out.put("body", Base64.getEncoder().encodeToString(resource.body()));
            return out;
        }

        private static Optional<String> header(JsonNode headers, String name) {
            for (Map.Entry<String, JsonNode> field : headers.properties()) {
                if (field.getKey().equalsIgnoreCase(name)) {
                    return Optional.of(field.getValue().asText());
                }
            }
            return Optional.empty();
        }

        /** The icon Chromium asks for on its own: no page of a shop fails for lacking one (nor does Chrome's console). */
        private static boolean isBrowsersOwnIcon(JsonNode paused) {
            return paused.path("resourceType").asText().equals("Other")
                    && ExperienceReport.withoutQuery(paused.at("/request/url").asText())
                            .endsWith("/favicon.ico");
        }

        private static boolean isScript(String url, PageFetcher.Resource resource) {
            String path = ExperienceReport.withoutQuery(url).toLowerCase(Locale.ROOT);
            boolean typed = resource.headers().stream()
                    .anyMatch(h -> h.name().equalsIgnoreCase("content-type")
                            && h.value().toLowerCase(Locale.ROOT).contains("javascript"));
            return resource.status() < 300 && (typed || path.endsWith(".js") || path.endsWith(".mjs"));
        }

        private static String consoleText(JsonNode args) {
            List<String> parts = new ArrayList<>();
            for (JsonNode arg : args) {
                parts.add(
                        arg.has("value")
                                ? arg.get("value").asText()
                                : arg.path("description")
                                        .asText(arg.path("type").asText()));
                if (parts.size() == 8) {
                    break;
                }
            }
            return String.join(" ", parts);
        }

        private synchronized void consoleError(String text) {
            if (consoleErrors.size() < MAX_ENTRIES) {
                consoleErrors.add(Printable.of(withoutQueries(text), 300));
            }
        }

        private synchronized void failed(String url, String reason) {
            if (failedRequests.size() < MAX_ENTRIES) {
                failedRequests.add(
                        Json.object().put("url", shown(url)).put("reason", Printable.of(withoutQueries(reason), 200)));
            }
        }

        private synchronized void held(String method, String url) {
            if (heldRequests.size() < MAX_ENTRIES) {
                heldRequests.add(
                        Json.object().put("method", Printable.of(method, 16)).put("url", shown(url)));
            }
        }

        /** A URL as reported: without its query (tokens live there) and printable. */
        private static String shown(String url) {
            return Printable.of(ExperienceReport.withoutQuery(url), 300);
        }

        @Override
        public void close() {
            requests.shutdownNow();
            browser.close();
        }
    }

    /**
     * {@code text} with every URL in it cut before its query or fragment: the browser's own
     * messages (stack traces, CORS errors) quote whole URLs, and tokens live in queries.
     */
    static String withoutQueries(String text) {
        String head = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        StringBuilder out = new StringBuilder(head.length());
        int at = 0; // one pass: every character is looked at once
        while (at < head.length()) {
            int scheme = head.indexOf("://", at);
            if (scheme < 0) {
                out.append(head, at, head.length());
                break;
            }
            int end = scheme + 3;
            while (end < head.length()
                    && !endsUrl(head.charAt(end))
                    && head.charAt(end) != '?'
                    && head.charAt(end) != '#') {
                end++;
            }
            out.append(head, at, end);
            while (end < head.length() && !endsUrl(head.charAt(end))) {
                end++; // the query and fragment, dropped
            }
            at = end;
        }
        return out.toString();
    }

    private static boolean endsUrl(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '(' || c == ')';
    }

    private static ObjectNode pauseAll() {
        ObjectNode patterns = Json.object();
        patterns.putArray("patterns").addObject().put("urlPattern", "*").put("requestStage", "Request");
        return patterns;
    }

    private static String probeSource() {
        try (InputStream in = ExperienceCheck.class.getResourceAsStream("/dev/devskyy/budget/experience-probe.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the bundled page probe is unreadable", e);
        }
    }
}
