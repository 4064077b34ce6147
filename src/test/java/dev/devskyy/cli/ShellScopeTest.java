package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.ToolCatalogue;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Cancellation;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.ToolPermission;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inside the shell a command runs under the session's grants: not those its own command line would give. */
class ShellScopeTest {
    @TempDir
    Path state;

    @TempDir
    Path granted;

    @TempDir
    Path elsewhere;

    record Run(int code, String out, String err) {}

    Run inShell(Grants grants, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("XDG_STATE_HOME", state.toString(), "HOME", state.toString());
        CliContext context = new CliContext(
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env,
                        () -> ToolCatalogue.registry(env),
                        null,
                        null)
                .inShell(new ShellScope(new Caller("person", grants, null), "-", new Cancellation()));
        int code = Cli.commandLine(context).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Grants readingGranted() {
        return Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(granted), Set.of());
    }

    @Test
    void aScanOfADirectoryOutsideTheSessionsRootsIsDenied_thoughNamingItWouldGrantItOnTheCommandLine()
            throws Exception {
        Files.writeString(elsewhere.resolve("a.txt"), "nothing");
        Run run = inShell(readingGranted(), "scan", elsewhere.toString());
        assertThat(run.err()).contains("E4003");
        assertThat(run.err()).contains("\"actor\":\"person\"", "\"outcome\":\"E4003\"");
    }

    @Test
    void aScanInsideTheRootsRuns() throws Exception {
        Files.writeString(granted.resolve("a.txt"), "nothing");
        Run run = inShell(readingGranted(), "scan", granted.toString());
        assertThat(run.code()).as(run.err()).isZero();
    }

    @Test
    void grantFlagsOnALineAreRefused() {
        Run run = inShell(Grants.NONE, "tools", "call", "file_hash", "--allow", "filesystem:read");
        assertThat(run.err()).contains("E4001", "grants are the session's");
        assertThat(run.code()).isNotZero();
    }
}
