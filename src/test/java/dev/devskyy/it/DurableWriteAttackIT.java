package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A written file survives a crash at any moment after devskyy says it is written: its content is
 * synced before the rename that gives it its name, and the directory holding that name is synced
 * after it. Watched from outside, with strace, on a real encryption through the launcher.
 */
@Tag("security")
class DurableWriteAttackIT {
    /** One system call as strace -y prints it, fds with their paths: {@code fsync(7</tmp/d>) = 0}. */
    private static final Pattern CALL = Pattern.compile("^(\\w+)\\((.*)\\) += (-?\\d+)");

    private static final Pattern PID = Pattern.compile("^\\[pid +(\\d+)\\] |^(\\d+) +");

    @TempDir
    Path home;

    @TempDir
    Path dir;

    @Test
    void theContentIsSyncedBeforeTheRenameAndTheDirectoryAfterIt() throws Exception {
        Path input = Files.writeString(dir.resolve("notes.txt"), "nothing lost\n");
        Path trace = home.resolve("trace.txt");
        // the launcher's class-data archive made beforehand, not traced (it takes a minute under strace)
        assertThat(Launcher.run(home, "--version").code()).isZero();
        Launcher.Run run = Launcher.run(
                home,
                Launcher.PROJECT,
                Map.of("ENCRYPTION_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32])),
                Path.of(strace()),
                "-f",
                "-y",
                "-qq",
                "-o",
                trace.toString(),
                "-e",
                "trace=fsync,fdatasync,/^rename",
                Launcher.SCRIPT.toString(),
                "encrypt",
                input.toString(),
                "-o",
                dir.resolve("notes.dsky").toString());
        if (run.code() != 0 && run.err().contains("ptrace")) {
            throw new AssertionError("strace cannot trace here (ptrace is not permitted): " + run.err());
        }
        assertThat(run.code()).as(run.err()).isZero();

        String directory = dir.toRealPath().toString();
        String tempSynced = null;
        boolean renamed = false;
        boolean directorySynced = false;
        List<String> calls = joined(Files.readAllLines(trace));
        for (String line : calls) {
            Matcher call = CALL.matcher(line);
            if (!call.find() || !call.group(3).equals("0")) {
                continue;
            }
            String name = call.group(1);
            String args = call.group(2);
            if (name.equals("fsync") || name.equals("fdatasync")) {
                String path = args.replaceAll("^\\d+<(.*)>$", "$1");
                if (!renamed && path.startsWith(directory + "/.notes.dsky.") && path.endsWith(".tmp")) {
                    tempSynced = path.substring(directory.length() + 1);
                }
                directorySynced |= renamed && path.equals(directory);
            } else if (name.startsWith("rename") && args.contains("\"notes.dsky\"")) {
                assertThat(tempSynced)
                        .as("the content was synced before the rename")
                        .isNotNull();
                assertThat(args).contains("\"" + tempSynced + "\"");
                renamed = true;
            }
        }
        assertThat(renamed)
                .as("the output was renamed into place:\n%s", String.join("\n", calls))
                .isTrue();
        assertThat(directorySynced)
                .as("the output's directory was synced after the rename:\n%s", String.join("\n", calls))
                .isTrue();
    }

    /**
     * The calls, each on one line without its pid: a call another thread interrupted is printed as
     * {@code <unfinished ...>} and finished later by {@code <... name resumed>}.
     */
    private static List<String> joined(List<String> lines) {
        Map<String, String> unfinished = new HashMap<>();
        List<String> calls = new java.util.ArrayList<>();
        for (String line : lines) {
            Matcher pid = PID.matcher(line);
            String who = "";
            String text = line;
            if (pid.find()) {
                who = pid.group(1) != null ? pid.group(1) : pid.group(2);
                text = line.substring(pid.end());
            }
            if (text.endsWith("<unfinished ...>")) {
                unfinished.put(
                        who,
                        text.substring(0, text.length() - "<unfinished ...>".length())
                                .strip());
            } else if (text.startsWith("<... ") && text.contains(" resumed>")) {
                String start = unfinished.remove(who);
                if (start != null) {
                    calls.add(start + text.substring(text.indexOf(" resumed>") + " resumed>".length()));
                }
            } else {
                calls.add(text);
            }
        }
        return calls;
    }

    private static String strace() {
        for (String candidate : List.of("/usr/bin/strace", "/bin/strace")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        // a black-box test needs its tools: never a skip (.ci/run installs strace)
        throw new AssertionError("strace is required by this test");
    }
}
