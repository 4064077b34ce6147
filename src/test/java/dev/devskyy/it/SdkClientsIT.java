package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP TypeScript SDK clients (pinned in src/test/sdk-clients, installed with npm ci)
 * against the same build: v2 pinned to 2026-07-28, v2 with 'auto' negotiation (both must end up in
 * the modern era) and v1 with the 2025 initialize handshake. Each lists the tools, hashes a file
 * inside its root and is denied one outside it.
 */
class SdkClientsIT {
    static final Path CLIENTS = Launcher.PROJECT.resolve("src/test/sdk-clients");

    @TempDir
    Path work;

    @Test
    void theV2ClientInBothNegotiationModesAndTheV1ClientWorkWithOneBuild() throws Exception {
        Launcher.runTool(CLIENTS, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        // A failed check makes the script exit non-zero: runTool then fails with its whole output.
        String output =
                Launcher.runTool(CLIENTS, List.of("node", "clients.mjs", Launcher.PROJECT.toString(), work.toString()));
        System.out.println(output);
        assertThat(output).contains("sdk-clients: 12 passed, 0 failed");
    }
}
