package dev.devskyy.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class StderrLoggingTest {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream realErr;
    PrintStream realOut;
    final Logger log = LoggerFactory.getLogger("dev.devskyy.test.Probe");

    @BeforeEach
    void capture() {
        realErr = System.err;
        realOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        StderrLogging.apply("warn", StderrLogging.Format.TEXT);
        System.setErr(realErr);
        System.setOut(realOut);
    }

    @Test
    void warningsAndUpGoToStderrByDefault_nothingToStdout() {
        StderrLogging.apply("warn", StderrLogging.Format.TEXT);
        log.info("quiet");
        log.warn("loud {}", 1);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("WARN  Probe: loud 1").doesNotContain("quiet");
        assertThat(out.size()).isZero();
    }

    @Test
    void jsonFormatWritesOneObjectPerLine() throws Exception {
        StderrLogging.apply("debug", StderrLogging.Format.JSON);
        log.debug("with \"quotes\"", new IllegalStateException("boom"));
        String line = err.toString(StandardCharsets.UTF_8).strip();
        var node = Json.parse(line);
        assertThat(node.get("level").asText()).isEqualTo("DEBUG");
        assertThat(node.get("message").asText()).isEqualTo("with \"quotes\"");
        assertThat(node.get("exception").asText()).contains("IllegalStateException: boom");
        assertThat(out.size()).isZero();
    }

    @Test
    void offSilencesEverything() {
        StderrLogging.apply("off", StderrLogging.Format.TEXT);
        log.error("nothing");
        assertThat(err.size()).isZero();
    }

    @Test
    void formatNamesAreCaseInsensitive() {
        assertThat(StderrLogging.Format.parse(" Json ")).isEqualTo(StderrLogging.Format.JSON);
    }
}
