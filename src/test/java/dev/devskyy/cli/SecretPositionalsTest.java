package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.ToolCatalogue;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A secret given as a positional parameter is masked like a secret option's value. */
class SecretPositionalsTest {
    static final CommandLine CLI = Cli.commandLine(new CliContext(
            System.in, System.out, System.err, Map.of(), () -> ToolCatalogue.registry(Map.of()), null, null));

    @Test
    void aTokenGivenToVerifyJwtIsMasked_andTheRestOfTheLineStays() {
        String[] line = {"verify", "jwt", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl", "--iss", "shop"};
        assertThat(SecretArguments.masked(CLI, line, "***")).containsExactly("verify", "jwt", "***", "--iss", "shop");
    }

    @Test
    void aLineWithAMisspeltOptionStillHidesTheToken() {
        String[] line = {"verify", "jwt", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl", "--isuer", "shop"};
        assertThat(SecretArguments.masked(CLI, line, "***")).doesNotContain("eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl");
    }

    @Test
    void aLineTheTreeCannotReadKeepsTheOptionRulesOnly() {
        String[] line = {"call", "data_mask", "--password=hunter2"};
        assertThat(SecretArguments.masked(CLI, line, "***")).containsExactly("call", "data_mask", "--password=***");
    }
}
