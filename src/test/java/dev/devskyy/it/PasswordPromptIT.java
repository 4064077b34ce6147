package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person at a terminal with no key configured is asked for a password, twice when protecting a
 * file, without echo. The terminal is a real pseudo-terminal made by util-linux's {@code script}.
 */
class PasswordPromptIT {
    @TempDir
    Path home;

    @TempDir
    Path work;

    /** Runs the launcher on a pty, answering each "Password" question; returns everything the pty showed. */
    String onTerminal(String command, String... answers) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", Launcher.SCRIPT + " " + command, "/dev/null")
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", home.toString());
        builder.environment().put("TERM", "dumb");
        Process process = builder.start();
        InputStream screen = process.getInputStream();
        OutputStream keyboard = process.getOutputStream();
        StringBuilder shown = new StringBuilder();
        for (String answer : answers) {
            waitFor(screen, shown, "Password");
            keyboard.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }
        shown.append(new String(screen.readAllBytes(), StandardCharsets.UTF_8));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return shown.toString().replace("\r", "");
    }

    private static void waitFor(InputStream screen, StringBuilder shown, String text) throws IOException {
        int start = shown.length();
        while (shown.indexOf(text, start) < 0) {
            int c = screen.read();
            if (c < 0) {
                throw new AssertionError("the terminal closed before asking: " + shown);
            }
            shown.append((char) c);
        }
    }

    @Test
    void withoutAKeyAPersonIsAskedForAPasswordTwice_thenOnceToDecrypt_andNothingIsEchoed() throws Exception {
        Path plain = Files.writeString(work.resolve("note.txt"), "meet at noon\n");
        String encrypt = onTerminal("encrypt " + plain, "tr0ub4dor", "tr0ub4dor");
        assertThat(encrypt).contains("Password: ").contains("Password again: ").doesNotContain("tr0ub4dor");
        assertThat(work.resolve("note.txt.dsky")).exists();
        String decrypt = onTerminal("decrypt " + work.resolve("note.txt.dsky") + " -o -", "tr0ub4dor");
        assertThat(decrypt).contains("meet at noon").doesNotContain("tr0ub4dor");
        String wrong = onTerminal("decrypt " + work.resolve("note.txt.dsky") + " -o -", "guess");
        assertThat(wrong).contains("E4007 AUTHENTICATION_FAILED").doesNotContain("meet at noon");
    }

    @Test
    void twoDifferentPasswordsProtectNothing() throws Exception {
        Path plain = Files.writeString(work.resolve("note.txt"), "x");
        assertThat(onTerminal("encrypt " + plain, "one", "two")).contains("the two passwords differ");
        assertThat(work.resolve("note.txt.dsky")).doesNotExist();
    }
}
