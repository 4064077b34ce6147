package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devskyy shell} as a person uses it: the real launcher on a real pseudo-terminal (made by
 * python3's pty module, {@code src/test/resources/shell/pty_drive.py}), typed into key by key; and
 * in a pipe, as a script uses it.
 */
class ShellIT {
    static final Path DRIVER = Launcher.PROJECT.resolve("src/test/resources/shell/pty_drive.py");
    static final Path TRANSCRIPT = Launcher.PROJECT.resolve("target/shell-transcript.txt");

    @TempDir
    Path home;

    @TempDir
    Path root;

    Path state() {
        return home.resolve("state/devskyy");
    }

    /**
     * Sparse files that cost the disk nothing: 12.5 GiB take the scanner many seconds to read even
     * on a fast idle machine, so the Ctrl-C sent two or three seconds in always meets a running
     * scan. Each starts with a page of text, or the scan would know it binary by its first bytes
     * and read no further. Many files of 64 MiB, not a few of 1000: a worker's buffer for a 1000 MiB
     * file is one allocation that no cancel interrupts (3-4 s on a virtual machine here).
     */
    void longScanTarget() throws Exception {
        byte[] text = "a line of text\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200; i++) {
            try (RandomAccessFile file =
                    new RandomAccessFile(root.resolve("big" + i + ".txt").toFile(), "rw")) {
                file.write(text);
                file.setLength(64L << 20);
            }
        }
    }

    /** The screen as a person read it: escape sequences and carriage returns removed. */
    static String plain(String screen) {
        return screen.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "")
                .replaceAll("\u001b[=>]", "")
                .replace("\r", "");
    }

    @Test
    @Tag("security")
    void aPersonCompletesCallsIsDeniedCancelsAScan_andTheHistoryKeepsNoSecret() throws Exception {
        longScanTarget();
        Path audit = home.resolve("audit.log");
        String steps = """
                [{"expect":"devskyy> "},
                 {"send":"call data_m\\t"},{"expect":"data_mask "},
                 {"send":"te\\t"},{"expect":"text="},
                 {"send":"4111111111111111\\r"},{"expect":"\\\\*{12}1111"},{"expect":"devskyy> "},
                 {"send":"call file_hash path=/etc/passwd\\r"},{"expect":"E4003"},{"expect":"devskyy> "},
                 {"send":"scan --max-file-size 1G %s\\r"},{"sleep":2},{"send":"\\u0003"},
                 {"expect":"E4006"},{"expect":"devskyy> "},
                 {"send":"call crypto_encrypt {\\"text\\":\\r"},{"expect":"\\\\.\\\\.\\\\. "},
                 {"send":"\\"hunter2-json\\", \\"password\\": \\"hunter2-pw\\"}\\r"},{"expect":"devskyy> "},
                 {"send":"encrypt --password=hunter2-eq notes.txt\\r"},{"expect":"devskyy> "},
                 {"send":"encrypt --password hunter2-sp notes.txt\\r"},{"expect":"devskyy> "},
                 {"send":"call data_mask password=hunter2-kv\\r"},{"expect":"devskyy> "},
                 {"send":"history\\r"},{"expect":"history"},{"expect":"devskyy> "},
                 {"send":"\\u0004"}]
                """.formatted(root);
        // a permissive umask: the history file must still be the owner's alone
        String screen = onPty(
                steps,
                "xterm",
                "umask 000; exec " + Launcher.SCRIPT + " shell --allow filesystem:read --root " + root + " --audit-log "
                        + audit);
        String shown = plain(screen);
        Files.writeString(TRANSCRIPT, shown);

        // Tab completed the tool's name and its argument's; the call ran
        assertThat(shown).contains("devskyy> call data_mask text=4111111111111111\n************1111");
        assertThat(shown).contains("E4003 PERMISSION_DENIED: path is outside the granted roots: /etc/passwd");
        assertThat(shown).containsPattern("\\^?C?E4006 CANCELLED: call of security_scan was cancelled\ndevskyy> ");
        List<String> auditLines = Files.readAllLines(audit);
        assertThat(auditLines)
                .anySatisfy(line -> assertThat(line).contains("\"tool\":\"security_scan\"", "\"outcome\":\"E4006\""));
        assertThat(auditLines)
                .anySatisfy(line -> assertThat(line).contains("\"tool\":\"file_hash\"", "\"outcome\":\"E4003\""));

        Path history = state().resolve("shell_history");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
                .isEqualTo("rw-------");
        String stored = Files.readString(history);
        assertThat(stored).doesNotContain("hunter2", "4111111111111111");
        assertThat(stored)
                .contains(
                        "call data_mask text=***",
                        "call crypto_encrypt {\"text\":\"***\",\"password\":\"***\"}",
                        "encrypt --password=*** notes.txt",
                        "encrypt --password *** notes.txt",
                        "call data_mask password=***");
        // what `history` showed is the stored form too
        assertThat(shown.substring(shown.lastIndexOf("devskyy> history"))).doesNotContain("hunter2");
    }

    @Test
    void onADumbTerminalNoEscapeCodeIsDrawn() throws Exception {
        String steps = """
                [{"expect":"devskyy> "},{"send":"grants\\r"},{"expect":"why"},{"expect":"devskyy> "},
                 {"send":"call data_mask text=4111111111111111\\r"},{"expect":"1111\\r?\\ndevskyy> "},
                 {"send":"\\u0004"}]
                """;
        String screen = onPty(steps, "dumb", "exec " + Launcher.SCRIPT + " shell");
        assertThat(screen).contains("actor:        default", "************1111").doesNotContain("\u001b");
    }

    /** Runs {@code shell} (a sh command line) on a pty of TERM {@code term}, typing {@code steps}; the screen. */
    private String onPty(String steps, String term, String shell) throws Exception {
        Path stepsFile = Files.createTempFile(home, "steps", ".json");
        Files.writeString(stepsFile, steps);
        ProcessBuilder builder =
                new ProcessBuilder("python3", DRIVER.toString(), stepsFile.toString(), "--", "sh", "-c", shell);
        builder.environment().clear();
        builder.environment()
                .putAll(Map.of(
                        "PATH",
                        "/usr/bin:/bin",
                        "HOME",
                        home.toString(),
                        "XDG_STATE_HOME",
                        home.resolve("state").toString(),
                        "TERM",
                        term));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        String screen = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(screen).isNotEqualTo(3);
        return screen;
    }

    /** The shell with its stdin a pipe, started with {@code options}, once typed {@code lines} and closed. */
    Launcher.Pending pipedShell(Map<String, String> env, String lines, String... options) throws Exception {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("XDG_STATE_HOME", home.resolve("state").toString());
        String[] command = new String[options.length + 1];
        command[0] = "shell";
        System.arraycopy(options, 0, command, 1, options.length);
        Launcher.Pending shell =
                Launcher.startInteractive(home, Launcher.PROJECT, environment, Launcher.SCRIPT, command);
        shell.process().getOutputStream().write(lines.getBytes(StandardCharsets.UTF_8));
        shell.process().getOutputStream().close();
        return shell;
    }

    @Test
    void inAPipeTheShellRunsEachLine_stdoutHoldsOnlyResults_andNoEscapeCodesAppear() throws Exception {
        Launcher.Pending shell = pipedShell(
                Map.of("TERM", "xterm"),
                "call data_mask text=4111111111111111\ntools describe data_mask\ncall file_hash path=x\n",
                "--audit-log",
                "-");
        String out = new String(shell.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = shell.stderr();
        assertThat(out).startsWith("************1111\n").contains("data_mask").doesNotContain("devskyy>");
        assertThat(out + err).doesNotContain("\u001b");
        assertThat(err).contains("devskyy> ", "E4003");
        // the exit code is the last command's: E4003 is 3 in the table of docs/errors.md
        assertThat(shell.process().exitValue()).isNotZero();
    }

    @Test
    void anAgentCallsOnlyItsAllowlist_andCannotBecomeAnotherAgent() throws Exception {
        Launcher.Pending shell = pipedShell(
                Map.of(),
                "agent support\ncall data_mask text=4111111111111111\ncall file_hash path=" + root + "\nagent nobody\n",
                "--allow",
                "filesystem:read",
                "--root",
                root.toString(),
                "--audit-log",
                "-");
        String out = new String(shell.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = shell.stderr();
        assertThat(out).contains("agent support: ").contains("************1111");
        assertThat(err)
                .contains("E4003")
                .contains("agent 'support' may not call tool file_hash")
                .contains("E4001 INVALID_INPUT: agent takes the name of one of");
    }

    @Test
    void inAPipeSigintCancelsTheRunningCall_andTheNextLineStillRuns() throws Exception {
        longScanTarget();
        Path audit = home.resolve("audit.log");
        Launcher.Pending shell = Launcher.startInteractive(
                home,
                Launcher.PROJECT,
                Map.of("XDG_STATE_HOME", home.resolve("state").toString()),
                Launcher.SCRIPT,
                "shell",
                "--allow",
                "filesystem:read",
                "--root",
                root.toString(),
                "--audit-log",
                audit.toString());
        var keyboard = shell.process().getOutputStream();
        keyboard.write(("scan --max-file-size 1G " + root + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        Thread.sleep(3000);
        // the launcher execs java: this is the JVM's own pid
        new ProcessBuilder("kill", "-INT", Long.toString(shell.process().pid()))
                .start()
                .waitFor();
        keyboard.write("call data_mask text=4111111111111111\n".getBytes(StandardCharsets.UTF_8));
        keyboard.close();
        String out = new String(shell.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.stderr()).contains("E4006 CANCELLED: call of security_scan was cancelled");
        assertThat(out).isEqualTo("************1111\n");
        assertThat(Files.readAllLines(audit))
                .anySatisfy(line -> assertThat(line).contains("\"tool\":\"security_scan\"", "\"outcome\":\"E4006\""));
    }

    @Test
    void jlineIsLoadedForTheShellOnly() throws Exception {
        assertThat(loadedClasses("--version")).noneMatch(c -> c.contains("org.jline"));
        assertThat(loadedClasses("tools", "list")).noneMatch(c -> c.contains("org.jline"));
        assertThat(loadedClasses("shell")).anyMatch(c -> c.contains("org.jline.reader"));
    }

    /** The classes the JVM loaded for {@code args} (stdin empty: the shell leaves at once). */
    private List<String> loadedClasses(String... args) throws Exception {
        Path log = home.resolve("classes-" + String.join("-", args) + ".log");
        Launcher.Run run = Launcher.run(
                home,
                Launcher.PROJECT,
                Map.of("DEVSKYY_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
                Launcher.SCRIPT,
                args);
        assertThat(run.code()).as(run.err()).isZero();
        return new ArrayList<>(Files.readAllLines(log));
    }
}
