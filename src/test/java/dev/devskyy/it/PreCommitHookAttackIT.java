package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile change cannot switch the hook off with a file name: were pre-commit to append the staged
 * files' names to the hook's command, a file named like an option (`--max-file-size=1` skips every
 * file, `--help` and `--version` print and exit 0) would be read as one. The hooks take no names
 * (`scan --staged`, `pass_filenames: false`); with `pass_filenames: true` and no `--` each of these
 * commits goes through.
 */
@Tag("security")
class PreCommitHookAttackIT {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"--max-file-size=1", "--help", "--version"})
    void aStagedFileNamedLikeAnOptionDoesNotDisableTheScan(String optionLikeName) throws Exception {
        PreCommitRepository repository = PreCommitRepository.create(temp, "devskyy");
        repository.write("deploy.py", "AWS_ACCESS_KEY_ID = \"" + PreCommitRepository.awsKeyId(14) + "\"\n");
        repository.write(optionLikeName, "\n");
        repository.stage("deploy.py", optionLikeName);

        Launcher.Run result = repository.commit("innocent change");
        assertThat(result.code()).as(result.out() + result.err()).isNotZero();
        assertThat(result.out() + result.err()).contains("aws-access-key-id");
        assertThat(repository.hasCommits()).isFalse();
    }
}
