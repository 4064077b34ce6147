package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A scanned repository is hostile: its configuration names programs for git to run, its .git file
 * or alternates point outside the granted root, its links lead out of it, and the caller's log
 * options try to make git run or write something. Each hostile repository is first shown to work
 * on a plain git (the marker appears, the outside repository is read), so the test proves the
 * guard and not a harmless setup.
 */
@Tag("security")
class GitHistoryAttackTest {
    static final String TOKEN = ContentScannerTest.GITHUB_TOKEN;

    @TempDir
    Path top;

    /** The granted root; "outside" is its sibling. */
    Path root;

    Path outside;
    Path marker;

    @BeforeEach
    void dirs() throws Exception {
        root = Files.createDirectories(top.resolve("root"));
        outside = Files.createDirectories(top.resolve("outside"));
        marker = top.resolve("marker");
    }

    /** A program that leaves the marker, whatever git runs it as. */
    Path evilProgram() throws Exception {
        Path script = outside.resolve("evil.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$0 $*\" >> '" + marker + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    ToolCallResult scan(Path repo, String more) throws Exception {
        return GitRepo.scan(root, "\"paths\":[\"" + repo + "\"]," + more);
    }

    @Test
    void programsTheRepositoryConfiguresNeverRun() throws Exception {
        String evil = evilProgram().toString();
        GitRepo repo = new GitRepo(root.resolve("repo"));
        Path hooks = Files.createDirectories(outside.resolve("hooks"));
        for (String hook : new String[] {"post-index-change", "reference-transaction", "pre-commit", "post-checkout"}) {
            Files.copy(Path.of(evil), hooks.resolve(hook));
        }
        repo.commit("app.env", "TOKEN=" + TOKEN + "\n", "secret");
        repo.write("staged.env", "TOKEN=" + TOKEN + "\n");
        repo.git("add", "staged.env");
        // configured once the repository is made: the test's own git commands would run them too
        repo.write(".gitattributes", "* diff=evil filter=evil\n");
        for (String[] setting : new String[][] {
            {"core.fsmonitor", evil},
            {"diff.external", evil},
            {"diff.evil.textconv", evil},
            {"diff.evil.command", evil},
            {"filter.evil.clean", evil},
            {"filter.evil.smudge", evil},
            {"core.pager", evil},
            {"pager.log", evil},
            {"pager.diff", evil},
            {"log.showSignature", "true"},
            {"gpg.program", evil},
            {"core.hooksPath", hooks.toString()},
            {"core.sshCommand", evil},
            {"credential.helper", "!" + evil},
            {"remote.origin.uploadpack", evil},
            {"remote.origin.url", "ext::" + evil},
        }) {
            repo.git("config", setting[0], setting[1]);
        }
        Files.deleteIfExists(marker);

        // on a plain git, the repository does run its programs
        repo.git("log", "-p");
        repo.git("diff", "--cached");
        assertThat(marker).as("the hostile repository works on a plain git").exists();
        Files.delete(marker);

        ToolCallResult history = scan(repo.dir, "\"git\":{}");
        ToolCallResult staged = scan(repo.dir, "\"staged\":true");

        assertThat(history.isError()).as(history.text()).isFalse();
        assertThat(staged.isError()).as(staged.text()).isFalse();
        assertThat(marker).as("a program the repository configured ran").doesNotExist();
        // and the textconv could not hide or change the secret
        assertThat(history.structuredContent().path("findings")).hasSize(1);
        assertThat(staged.structuredContent().path("findings")).hasSize(1);
    }

    @Test
    void attributesThatMarkEveryFileBinaryDoNotHideASecret() throws Exception {
        GitRepo repo = new GitRepo(root.resolve("repo"));
        repo.commit(".gitattributes", "* -diff\n", "hide everything");
        repo.commit("app.env", "TOKEN=" + TOKEN + "\n", "secret");
        assertThat(repo.git("log", "-p", "-1")).as("plain git hides it").contains("Binary files");
        assertThat(scan(repo.dir, "\"git\":{}").structuredContent().path("findings"))
                .hasSize(1);
    }

    /** A real repository outside the granted root, holding a secret. */
    GitRepo outsideRepository() throws Exception {
        GitRepo elsewhere = new GitRepo(outside.resolve("elsewhere"));
        elsewhere.commit("leak.env", "TOKEN=" + TOKEN + "\n", "outside");
        return elsewhere;
    }

    static void refused(ToolCallResult result, String why) {
        assertThat(result.isError()).as(result.text()).isTrue();
        assertThat(result.structuredContent().path("code").asText())
                .as(result.text())
                .isEqualTo("E4003");
        assertThat(result.text()).contains(why);
    }

    @Test
    void aGitFilePointingOutsideTheRootIsRefused() throws Exception {
        GitRepo elsewhere = outsideRepository();
        Path repo = Files.createDirectories(root.resolve("repo"));
        Files.writeString(repo.resolve(".git"), "gitdir: " + elsewhere.dir.resolve(".git") + "\n");
        assertThat(new GitRepo.Plain(repo).git("log", "--oneline"))
                .as("plain git follows it")
                .contains("outside");

        refused(scan(repo, "\"git\":{}"), "outside the granted roots");
        refused(scan(repo, "\"staged\":true"), "outside the granted roots");
    }

    @Test
    void aRelativeGitFileClimbingOutIsRefused() throws Exception {
        outsideRepository();
        Path repo = Files.createDirectories(root.resolve("repo"));
        Files.writeString(repo.resolve(".git"), "gitdir: ../../outside/elsewhere/.git\n");
        refused(scan(repo, "\"git\":{}"), "outside the granted roots");
    }

    @Test
    void aDotGitLinkPointingOutsideIsRefused() throws Exception {
        GitRepo elsewhere = outsideRepository();
        Path repo = Files.createDirectories(root.resolve("repo"));
        Files.createSymbolicLink(repo.resolve(".git"), elsewhere.dir.resolve(".git"));
        ToolCallResult result = scan(repo, "\"git\":{}");
        assertThat(result.structuredContent().path("code").asText())
                .as(result.text())
                .isEqualTo("E4003");
    }

    @Test
    void aRepositoryAboveTheRootIsNotUsed() throws Exception {
        GitRepo above = new GitRepo(top);
        above.commit("outside/leak.env", "TOKEN=" + TOKEN + "\n", "above the root");
        refused(scan(root, "\"git\":{}"), "no git repository");
    }

    @Test
    void alternatesOutsideTheRootAreRefused() throws Exception {
        GitRepo elsewhere = outsideRepository();
        GitRepo repo = new GitRepo(root.resolve("repo"));
        Path alternates = repo.dir.resolve(".git/objects/info/alternates");
        Files.writeString(alternates, elsewhere.dir.resolve(".git/objects") + "\n");
        String tip = elsewhere.git("rev-parse", "HEAD");
        repo.git("update-ref", "refs/heads/main", tip);
        assertThat(repo.git("log", "-p"))
                .as("plain git reads the outside objects")
                .contains("leak.env");

        refused(scan(repo.dir, "\"git\":{}"), "outside the granted roots");
    }

    @Test
    void aLinkInsideTheObjectStoreIsRefused() throws Exception {
        GitRepo elsewhere = outsideRepository();
        GitRepo repo = new GitRepo(root.resolve("repo"));
        Path pack = Files.createDirectories(repo.dir.resolve(".git/objects/pack"));
        elsewhere.git("repack", "-q", "-a", "-d");
        try (Stream<Path> packs = Files.list(elsewhere.dir.resolve(".git/objects/pack"))) {
            for (Path p : packs.toList()) {
                Files.createSymbolicLink(pack.resolve(p.getFileName()), p);
            }
        }
        repo.git("update-ref", "refs/heads/main", elsewhere.git("rev-parse", "HEAD"));
        assertThat(repo.git("log", "-p"))
                .as("plain git reads through the links")
                .contains("leak.env");

        refused(scan(repo.dir, "\"git\":{}"), "holds a link");
    }

    static Stream<String> injections() {
        return Stream.of(
                "--output=/tmp/devskyy-injected",
                "--output /tmp/devskyy-injected",
                "-O/tmp/devskyy-injected",
                "--ext-diff",
                "--textconv",
                "--format=%H",
                "--pretty=raw",
                "--show-signature",
                "-c core.pager=touch",
                "--exec=/bin/sh",
                "--git-dir=/",
                "--work-tree=/",
                "--no-index",
                "--stat",
                "HEAD --output=/tmp/devskyy-injected",
                "-- --output=x",
                "$(touch /tmp/devskyy-injected)",
                "`touch /tmp/devskyy-injected`",
                "HEAD;touch",
                "'--output=/tmp/devskyy-injected'",
                "--since",
                "-n -1",
                "\"unbalanced");
    }

    @ParameterizedTest
    @MethodSource("injections")
    void logOptionsThatCouldRunOrWriteAreRefused(String logOpts) throws Exception {
        GitRepo repo = new GitRepo(root.resolve("repo"));
        repo.commit("a.txt", "a\n", "a");
        ToolCallResult result = scan(repo.dir, "\"git\":{\"log_opts\":" + quote(logOpts) + "}");
        if (logOpts.startsWith("-- ")) {
            // after "--" it is a path: git looks for a file of that name and finds nothing
            assertThat(result.isError()).as(result.text()).isFalse();
            assertThat(result.structuredContent().at("/summary/git/commits").asInt())
                    .isZero();
        } else {
            assertThat(result.structuredContent().path("code").asText())
                    .as(result.text())
                    .isEqualTo("E4001");
        }
        assertThat(Path.of("/tmp/devskyy-injected")).doesNotExist();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void theShellIsNeverAsked() throws Exception {
        Shell.run("true"); // the test's own tools work
        GitRepo repo = new GitRepo(root.resolve("repo"));
        repo.commit("a.txt", "a\n", "a");
        JsonNode ok = scan(repo.dir, "\"git\":{\"log_opts\":\"--author='Alice Example' -n 5 --since=2020-01-01\"}")
                .structuredContent();
        assertThat(ok.at("/summary/git/commits").asInt()).isEqualTo(1);
    }
}
