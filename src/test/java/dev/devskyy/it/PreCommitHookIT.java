package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped .pre-commit-hooks.yaml through the real pre-commit framework: a repository made here
 * lists a hook repository holding this checkout's hook definitions (at a commit, as teams pin a
 * rev), installs the git hook, and `git commit` is refused while a staged file holds a secret
 * (the finding printed, the secret not), even when the working copy no longer does, and passes once
 * the staged file is clean, whatever unstaged files hold.
 */
class PreCommitHookIT {
    static final Path GIT = Path.of("/usr/bin/git");
    static final Path PRE_COMMIT = Path.of("/usr/bin/pre-commit");

    @TempDir
    Path temp;

    Path home;
    Path work;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        assertThat(PRE_COMMIT)
                .as("the pre-commit framework (apt-get install pre-commit; .ci/run installs it)")
                .isExecutable();
        home = Files.createDirectories(temp.resolve("home"));
        // `language: system` runs the devskyy on PATH: this checkout's launcher, linked from a bin dir
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("devskyy"), Launcher.SCRIPT);
        env = Map.of(
                "PATH", bin + ":/usr/bin:/bin",
                "PRE_COMMIT_HOME", temp.resolve("pre-commit-cache").toString(),
                "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_AUTHOR_NAME", "devskyy",
                "GIT_AUTHOR_EMAIL", "dev@devskyy.dev",
                "GIT_COMMITTER_NAME", "devskyy",
                "GIT_COMMITTER_EMAIL", "dev@devskyy.dev");

        Path hooks = Files.createDirectories(temp.resolve("hooks"));
        Files.copy(Launcher.PROJECT.resolve(".pre-commit-hooks.yaml"), hooks.resolve(".pre-commit-hooks.yaml"));
        git(hooks, "init", "-q");
        git(hooks, "add", ".pre-commit-hooks.yaml");
        git(hooks, "commit", "-q", "-m", "hooks");
        String rev = git(hooks, "rev-parse", "HEAD").out().strip();

        work = Files.createDirectories(temp.resolve("work"));
        git(work, "init", "-q");
        Files.writeString(
                work.resolve(".pre-commit-config.yaml"),
                "repos:\n- repo: " + hooks + "\n  rev: " + rev + "\n  hooks:\n  - id: devskyy\n");
        git(work, "add", ".pre-commit-config.yaml");
        Launcher.Run install = run(work, PRE_COMMIT, "install");
        assertThat(install.code()).as(install.out() + install.err()).isZero();
    }

    @Test
    void refusesACommitThatStagesASecretAndPassesACleanOne() throws Exception {
        String keyId = "AKIA" + base32(new Random(12), 16);
        Files.writeString(work.resolve("deploy.py"), "import os\nAWS_ACCESS_KEY_ID = \"" + keyId + "\"\n");
        git(work, "add", "deploy.py");

        Launcher.Run refused = run(work, GIT, "commit", "-m", "deploy script");
        String shown = refused.out() + refused.err();
        assertThat(refused.code()).as(shown).isNotZero();
        assertThat(shown).contains("aws-access-key-id").contains("deploy.py").doesNotContain(keyId);
        assertThat(run(work, GIT, "rev-parse", "--verify", "-q", "HEAD").code())
                .as("nothing was committed")
                .isNotZero();

        // what is staged counts, not the working copy: cleaning the file without staging it is not enough
        Files.writeString(work.resolve("deploy.py"), "import os\n");
        Launcher.Run stillRefused = run(work, GIT, "commit", "-m", "deploy script");
        assertThat(stillRefused.code())
                .as(stillRefused.out() + stillRefused.err())
                .isNotZero();
        assertThat(stillRefused.out() + stillRefused.err()).contains("aws-access-key-id");

        Files.writeString(
                work.resolve("deploy.py"), "import os\nAWS_ACCESS_KEY_ID = os.environ[\"AWS_ACCESS_KEY_ID\"]\n");
        git(work, "add", "deploy.py");
        // a secret in a file that is not staged is not this commit's business
        Files.writeString(work.resolve("scratch.txt"), "AWS_ACCESS_KEY_ID=" + keyId + "\n");
        Launcher.Run passed = run(work, GIT, "commit", "-m", "deploy script");
        assertThat(passed.code()).as(passed.out() + passed.err()).isZero();
        assertThat(passed.out() + passed.err()).contains("devskyy (secrets)").contains("Passed");
    }

    /** A git command that must succeed (set-up steps). */
    private Launcher.Run git(Path dir, String... args) throws IOException, InterruptedException {
        Launcher.Run result = run(dir, GIT, args);
        assertThat(result.code())
                .as("git " + String.join(" ", args) + ": " + result.err())
                .isZero();
        return result;
    }

    private Launcher.Run run(Path dir, Path program, String... args) throws IOException, InterruptedException {
        return Launcher.run(home, dir, env, program, args);
    }

    private static String base32(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
