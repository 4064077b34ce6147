package dev.devskyy.cli;

import dev.devskyy.runtime.Json;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code devskyy keygen -o FILE}: a new master key, base64, mode 0600, never printed. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Write a new random AES-256 key to a new file (mode 0600).")
final class KeygenCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            required = true,
            description = "The key file to create.")
    String output;

    @Mixin
    RuntimeOptions runtimeOptions;

    KeygenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        var arguments = Json.object().put("path", output);
        return invocation.print(
                invocation.run("crypto_keygen", arguments, Map.of(), CommandAccess.writing(output)), false);
    }
}
