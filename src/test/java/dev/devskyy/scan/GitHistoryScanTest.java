package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** security_scan with git and staged, end to end on repositories made here with the real git. */
class GitHistoryScanTest {
    static final String TOKEN = ContentScannerTest.GITHUB_TOKEN;
    static final String OTHER = "xoxb-" + "263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1";

    @TempDir
    Path root;

    GitRepo repo;

    @BeforeEach
    void repository() throws Exception {
        repo = new GitRepo(root.resolve("repo"));
        repo.commit("README.md", "hello\n", "start");
    }

    ToolCallResult scan(String more) throws Exception {
        ToolCallResult result = GitRepo.scan(root, "\"paths\":[\"" + repo.dir + "\"]," + more);
        assertThat(result.isError()).as(result.text()).isFalse();
        return result;
    }

    static JsonNode findings(ToolCallResult result) {
        return result.structuredContent().path("findings");
    }

    @Test
    void aSecretCommittedThenDeletedIsFoundWithItsCommitAuthorDateAndPath() throws Exception {
        String added = repo.commit("app/config.py", "a = 1\nb = 2\ntoken = '" + TOKEN + "'\n", "add config");
        repo.git("rm", "-q", "app/config.py");
        repo.git("commit", "-q", "-m", "oops, remove it");

        ToolCallResult result = scan("\"git\":{},\"format\":\"text\"");

        JsonNode findings = findings(result);
        assertThat(findings).hasSize(1);
        JsonNode f = findings.get(0);
        assertThat(f.path("rule_id").asText()).isEqualTo("github-token");
        assertThat(f.path("path").asText()).isEqualTo("app/config.py");
        assertThat(f.path("line").asInt()).isEqualTo(3);
        assertThat(f.path("commit").path("id").asText()).isEqualTo(added);
        assertThat(f.path("commit").path("author").asText()).isEqualTo(GitRepo.AUTHOR);
        assertThat(f.path("commit").path("email").asText()).isEqualTo(GitRepo.EMAIL);
        assertThat(f.path("commit").path("date").asText()).isEqualTo(GitRepo.DATE);
        assertThat(result.structuredContent().at("/summary/git/commits").asInt())
                .isEqualTo(3);
        assertThat(result.text())
                .contains("app/config.py  commit " + added.substring(0, 12) + " Alice Example")
                .contains("3:")
                .contains("3 commits: ")
                .doesNotContain(TOKEN);
    }

    @Test
    void sarifCarriesTheCommitInTheResultsProperties() throws Exception {
        String added = repo.commit("deploy.env", "GH=" + TOKEN + "\n", "deploy");
        JsonNode sarif = Json.parse(scan("\"git\":{},\"format\":\"sarif\"").text());
        JsonNode result = sarif.at("/runs/0/results/0");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("deploy.env");
        assertThat(result.at("/properties/commitSha").asText()).isEqualTo(added);
        assertThat(result.at("/properties/author").asText()).isEqualTo(GitRepo.AUTHOR);
        assertThat(result.at("/properties/date").asText()).isEqualTo(GitRepo.DATE);
        assertThat(result.at("/partialFingerprints/devskyy~1v1").asText()).isNotEmpty();
    }

    @Test
    void linesAreNumberedInTheFileTheyWereAddedTo() throws Exception {
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            file.append("line ").append(i).append('\n');
        }
        repo.commit("notes.txt", file.toString(), "notes");
        String changed = file.toString()
                .replace("line 5\n", "line 5\nkey = '" + TOKEN + "'\n")
                .replace("line 15\n", "line 15\nslack = '" + OTHER + "'\n");
        String second = repo.commit("notes.txt", changed, "two secrets, two hunks");
        JsonNode findings = findings(scan("\"git\":{}"));
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).path("line").asInt()).isEqualTo(6);
        assertThat(findings.get(1).path("line").asInt()).isEqualTo(17);
        assertThat(findings.get(1).path("commit").path("id").asText()).isEqualTo(second);
    }

    @Test
    void stagedFindsWhatIsStagedAndNotWhatIsNot() throws Exception {
        repo.commit("tracked.py", "x = 1\n", "tracked");
        repo.write("new.py", "key = '" + TOKEN + "'\n");
        repo.git("add", "new.py");
        repo.write("tracked.py", "x = 1\nslack = '" + OTHER + "'\n"); // changed, not staged
        repo.write("untracked.py", "slack = '" + OTHER + "'\n");

        ToolCallResult result = scan("\"staged\":true");

        JsonNode findings = findings(result);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path("path").asText()).isEqualTo("new.py");
        assertThat(findings.get(0).path("line").asInt()).isEqualTo(1);
        assertThat(findings.get(0).has("commit")).isFalse();
        assertThat(result.structuredContent().at("/summary/failed").asBoolean()).isTrue();
    }

    @Test
    void stagedWorksBeforeTheFirstCommit() throws Exception {
        GitRepo fresh = new GitRepo(root.resolve("fresh"));
        fresh.write("a.env", "TOKEN=" + TOKEN + "\n");
        fresh.git("add", "a.env");
        ToolCallResult result = GitRepo.scan(root, "\"paths\":[\"" + fresh.dir + "\"],\"staged\":true");
        assertThat(findings(result)).hasSize(1);
        ToolCallResult history = GitRepo.scan(root, "\"paths\":[\"" + fresh.dir + "\"],\"git\":{}");
        assertThat(history.isError()).as(history.text()).isFalse();
        assertThat(findings(history)).isEmpty();
    }

    @Test
    void aBaselineMadeFromAHistoryScanSuppressesItOnTheNextRun() throws Exception {
        repo.commit("old.py", "key = '" + TOKEN + "'\n", "old secret");
        Path baseline = root.resolve("baseline.json");
        scan("\"git\":{},\"format\":\"json\",\"output\":\"" + baseline + "\"");
        assertThat(Files.readString(baseline)).contains("\"commit\"");

        ToolCallResult again = scan("\"git\":{},\"baseline\":\"" + baseline + "\"");
        assertThat(findings(again)).isEmpty();
        assertThat(again.structuredContent().at("/summary/suppressed/baseline").asInt())
                .isEqualTo(1);

        repo.commit("new.py", "key = '" + TOKEN + "'\n", "the same secret, added again elsewhere");
        ToolCallResult third = scan("\"git\":{},\"baseline\":\"" + baseline + "\"");
        assertThat(findings(third)).extracting(f -> f.path("path").asText()).containsExactly("new.py");
    }

    @Test
    void anInlineAllowCommentWorksInHistory() throws Exception {
        repo.commit("test_fixture.py", "key = '" + TOKEN + "'  # devskyy:allow\n", "fixture");
        ToolCallResult result = scan("\"git\":{}");
        assertThat(findings(result)).isEmpty();
        assertThat(result.structuredContent().at("/summary/suppressed/inline").asInt())
                .isEqualTo(1);
    }

    @Test
    void aMergeCommitDoesNotReportTheBranchsSecretTwice() throws Exception {
        repo.git("checkout", "-q", "-b", "feature");
        String onBranch = repo.commit("feature.py", "key = '" + TOKEN + "'\n", "feature");
        repo.git("checkout", "-q", "main");
        repo.commit("main.txt", "main work\n", "main");
        repo.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature");

        JsonNode findings = findings(scan("\"git\":{}"));

        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path("commit").path("id").asText()).isEqualTo(onBranch);
    }

    @Test
    void logOptionsNarrowTheCommitsScanned() throws Exception {
        repo.commit("one.py", "key = '" + TOKEN + "'\n", "one");
        String base = repo.git("rev-parse", "HEAD");
        repo.commit("two.py", "slack = '" + OTHER + "'\n", "two");
        ToolCallResult result = scan("\"git\":{\"log_opts\":\"" + base + "..HEAD\"}");
        assertThat(findings(result)).extracting(f -> f.path("path").asText()).containsExactly("two.py");
        assertThat(result.structuredContent().at("/summary/git/commits").asInt())
                .isEqualTo(1);

        ToolCallResult onePath = scan("\"git\":{\"log_opts\":\"--all -- one.py\"}");
        assertThat(findings(onePath)).extracting(f -> f.path("path").asText()).containsExactly("one.py");
    }

    @Test
    void aRenameIsNotANewSecret_andAFileNameWithSpacesAndUnicodeKeepsItsPath() throws Exception {
        String added = repo.commit("my café.py", "key = '" + TOKEN + "'\n", "add");
        repo.git("mv", "my café.py", "renamed café.py");
        repo.git("commit", "-q", "-m", "rename");
        JsonNode findings = findings(scan("\"git\":{}"));
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path("path").asText()).isEqualTo("my café.py");
        assertThat(findings.get(0).path("commit").path("id").asText()).isEqualTo(added);
    }
}
