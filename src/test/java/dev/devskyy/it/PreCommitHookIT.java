package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped .pre-commit-hooks.yaml through the real pre-commit framework: `git commit` is refused
 * while a staged file holds a secret (the finding printed, the secret not), even when the working
 * copy no longer does, and passes once the staged file is clean, whatever unstaged files hold.
 */
class PreCommitHookIT {
    @TempDir
    Path temp;

    @Test
    void refusesACommitThatStagesASecretAndPassesACleanOne() throws Exception {
        PreCommitRepository repository = PreCommitRepository.create(temp, "devskyy");
        String keyId = PreCommitRepository.awsKeyId(12);
        repository.write("deploy.py", "import os\nAWS_ACCESS_KEY_ID = \"" + keyId + "\"\n");
        repository.stage("deploy.py");

        Launcher.Run refused = repository.commit("deploy script");
        String shown = refused.out() + refused.err();
        assertThat(refused.code()).as(shown).isNotZero();
        assertThat(shown).contains("aws-access-key-id").contains("deploy.py").doesNotContain(keyId);
        assertThat(repository.hasCommits()).as("nothing was committed").isFalse();

        // what is staged counts, not the working copy: cleaning the file without staging it is not enough
        repository.write("deploy.py", "import os\n");
        Launcher.Run stillRefused = repository.commit("deploy script");
        assertThat(stillRefused.code())
                .as(stillRefused.out() + stillRefused.err())
                .isNotZero();
        assertThat(stillRefused.out() + stillRefused.err()).contains("aws-access-key-id");

        repository.write("deploy.py", "import os\nAWS_ACCESS_KEY_ID = os.environ[\"AWS_ACCESS_KEY_ID\"]\n");
        repository.stage("deploy.py");
        // a secret in a file that is not staged is not this commit's business
        repository.write("scratch.txt", "AWS_ACCESS_KEY_ID=" + keyId + "\n");
        Launcher.Run passed = repository.commit("deploy script");
        assertThat(passed.code()).as(passed.out() + passed.err()).isZero();
        assertThat(passed.out() + passed.err()).contains("devskyy (secrets)").contains("Passed");
        assertThat(repository.hasCommits()).isTrue();
    }

    @Test
    void theSecretsAndCodeHookAlsoRefusesASecret() throws Exception {
        PreCommitRepository repository = PreCommitRepository.create(temp, "devskyy-secrets-and-code");
        repository.write("settings.py", "AWS_ACCESS_KEY_ID = \"" + PreCommitRepository.awsKeyId(13) + "\"\n");
        repository.stage("settings.py");
        Launcher.Run refused = repository.commit("settings");
        assertThat(refused.code()).as(refused.out() + refused.err()).isNotZero();
        assertThat(refused.out() + refused.err()).contains("aws-access-key-id");
        assertThat(repository.hasCommits()).isFalse();
    }
}
