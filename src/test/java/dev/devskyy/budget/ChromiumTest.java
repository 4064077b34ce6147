package dev.devskyy.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How devskyy starts Chromium: its own network closed, its profile private, found where it is installed. */
class ChromiumTest {
    @TempDir
    Path dir;

    @Test
    void theBrowserHasNoNetworkOfItsOwn_andSpeaksOnlyThroughItsPipe() {
        assertThat(Chromium.flags(dir, false))
                .contains(
                        "--headless",
                        "--remote-debugging-pipe",
                        "--user-data-dir=" + dir,
                        "--proxy-server=http://127.0.0.1:9",
                        "--proxy-bypass-list=<-loopback>",
                        "--host-resolver-rules=MAP * ~NOTFOUND",
                        "--disable-background-networking")
                .noneMatch(flag -> flag.startsWith("--remote-debugging-port"))
                .doesNotContain("--no-sandbox");
        assertThat(Chromium.flags(dir, true)).contains("--no-sandbox");
    }

    @Test
    void devskyyChromium_mustNameAnExecutableFile() throws Exception {
        assertThatThrownBy(() -> Chromium.find(
                        Map.of("DEVSKYY_CHROMIUM", dir.resolve("none").toString())))
                .isInstanceOf(BrowserFailure.class)
                .hasMessageContaining("DEVSKYY_CHROMIUM is not an executable file");
        Path plain = Files.writeString(dir.resolve("chromium"), "not a program");
        assertThatThrownBy(() -> Chromium.find(Map.of("DEVSKYY_CHROMIUM", plain.toString())))
                .isInstanceOf(BrowserFailure.class);
        assertThatThrownBy(() -> Chromium.find(Map.of("DEVSKYY_CHROMIUM", dir.toString())))
                .isInstanceOf(BrowserFailure.class);
        plain.toFile().setExecutable(true);
        assertThat(Chromium.find(Map.of("DEVSKYY_CHROMIUM", plain.toString()))).isEqualTo(plain);
    }
}
