package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * A git repository made in a test directory that uses this checkout's .pre-commit-hooks.yaml through
 * the real pre-commit framework, as a team would: the hook definitions sit in a hook repository
 * pinned at a commit (`rev`), `pre-commit install` writes the git hook, and `language: system` finds
 * devskyy on PATH (this checkout's launcher, linked from a bin directory).
 */
final class PreCommitRepository {
    static final Path GIT = Path.of("/usr/bin/git");
    static final Path PRE_COMMIT = Path.of("/usr/bin/pre-commit");

    private final Path home;
    private final Path work;
    private final Map<String, String> env;

    private PreCommitRepository(Path home, Path work, Map<String, String> env) {
        this.home = home;
        this.work = work;
        this.env = env;
    }

    /** A repository under {@code temp} whose .pre-commit-config.yaml lists the hook {@code hookId}. */
    static PreCommitRepository create(Path temp, String hookId) throws IOException, InterruptedException {
        assertThat(PRE_COMMIT)
                .as("the pre-commit framework (apt-get install pre-commit; .ci/run installs it)")
                .isExecutable();
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("devskyy"), Launcher.SCRIPT);
        Map<String, String> env = Map.of(
                "PATH", bin + ":/usr/bin:/bin",
                "PRE_COMMIT_HOME", temp.resolve("pre-commit-cache").toString(),
                "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_AUTHOR_NAME", "devskyy",
                "GIT_AUTHOR_EMAIL", "dev@devskyy.dev",
                "GIT_COMMITTER_NAME", "devskyy",
                "GIT_COMMITTER_EMAIL", "dev@devskyy.dev");
        Path home = Files.createDirectories(temp.resolve("home"));

        PreCommitRepository hooks = new PreCommitRepository(home, Files.createDirectories(temp.resolve("hooks")), env);
        Files.copy(Launcher.PROJECT.resolve(".pre-commit-hooks.yaml"), hooks.work.resolve(".pre-commit-hooks.yaml"));
        hooks.git("init", "-q");
        hooks.git("add", ".pre-commit-hooks.yaml");
        hooks.git("commit", "-q", "-m", "hooks");
        String rev = hooks.git("rev-parse", "HEAD").out().strip();

        PreCommitRepository repository =
                new PreCommitRepository(home, Files.createDirectories(temp.resolve("work")), env);
        repository.git("init", "-q");
        repository.write(
                ".pre-commit-config.yaml",
                "repos:\n- repo: " + hooks.work + "\n  rev: " + rev + "\n  hooks:\n  - id: " + hookId + "\n");
        repository.git("add", ".pre-commit-config.yaml");
        Launcher.Run install = repository.run(PRE_COMMIT, "install");
        assertThat(install.code()).as(install.out() + install.err()).isZero();
        return repository;
    }

    void write(String name, String content) throws IOException {
        Files.writeString(work.resolve(name), content);
    }

    /** Stages files, whatever their names look like. */
    void stage(String... names) throws IOException, InterruptedException {
        String[] args = new String[names.length + 2];
        args[0] = "add";
        args[1] = "--";
        System.arraycopy(names, 0, args, 2, names.length);
        git(args);
    }

    /** {@code git commit}, which runs the hook; the result says whether the commit was made. */
    Launcher.Run commit(String message) throws IOException, InterruptedException {
        return run(GIT, "commit", "-m", message);
    }

    boolean hasCommits() throws IOException, InterruptedException {
        return run(GIT, "rev-parse", "--verify", "-q", "HEAD").code() == 0;
    }

    /** An AWS access key id made from a seed: right shape, never a real key. */
    static String awsKeyId(long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A git command that must succeed (set-up steps). */
    private Launcher.Run git(String... args) throws IOException, InterruptedException {
        Launcher.Run result = run(GIT, args);
        assertThat(result.code())
                .as("git " + String.join(" ", args) + ": " + result.err())
                .isZero();
        return result;
    }

    private Launcher.Run run(Path program, String... args) throws IOException, InterruptedException {
        return Launcher.run(home, work, env, program, args);
    }
}
