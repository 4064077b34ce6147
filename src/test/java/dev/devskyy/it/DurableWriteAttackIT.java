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
    private static final Pattern CALL =
            Pattern.compile("^(?:\\[pid +\\d+\\] )?(?:\\d+ +)?(\\w+)\\((.*)\\) += (-?\\d+)");

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
                "-qq",
                "-o",
                trace.toString(),
                "-e",
                "trace=openat,fsync,fdatasync,rename,renameat,renameat2",
                Launcher.SCRIPT.toString(),
                "encrypt",
                input.toString(),
                "-o",
                dir.resolve("notes.dsky").toString());
        assertThat(run.code()).as(run.err()).isZero();

        List<String> calls = Files.readAllLines(trace);
        Map<String, String> opened = new HashMap<>(); // fd -> the name it was opened by, as the trace goes
        String tempSynced = null;
        boolean renamed = false;
        boolean directorySynced = false;
        for (String line : calls) {
            Matcher call = CALL.matcher(line);
            if (!call.find()) {
                continue;
            }
            String name = call.group(1);
            String args = call.group(2);
            String result = call.group(3);
            if (name.equals("openat") && !result.startsWith("-")) {
                opened.put(result, args.replaceAll("^[^\"]*\"([^\"]*)\".*$", "$1"));
            } else if ((name.equals("fsync") || name.equals("fdatasync")) && result.equals("0")) {
                String what = opened.getOrDefault(args.strip(), "");
                if (!renamed && what.startsWith(".notes.dsky.") && what.endsWith(".tmp")) {
                    tempSynced = what;
                }
                if (renamed && what.equals(".")) {
                    directorySynced = true;
                }
            } else if (name.startsWith("rename") && result.equals("0") && args.contains("\"notes.dsky\"")) {
                assertThat(tempSynced)
                        .as("the content was synced before the rename")
                        .isNotNull();
                assertThat(args).contains(tempSynced);
                renamed = true;
            }
        }
        assertThat(renamed)
                .as("the output was renamed into place:\n%s", String.join("\n", calls))
                .isTrue();
        assertThat(directorySynced)
                .as("the directory was synced after the rename")
                .isTrue();
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
