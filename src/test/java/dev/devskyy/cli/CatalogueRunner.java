package dev.devskyy.cli;

import dev.devskyy.ToolCatalogue;
import dev.devskyy.runtime.ToolRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Runs the CLI in-process over the real tool catalogue, with captured streams. */
final class CatalogueRunner {
    record Run(int code, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private CatalogueRunner() {}

    static Run run(Map<String, String> env, byte[] stdin, String... args) {
        return run(env, stdin, UnaryOperator.identity(), args);
    }

    /** With the catalogue's tools as {@code tools} makes them (e.g. wrapped by a probe). */
    static Run run(Map<String, String> env, byte[] stdin, UnaryOperator<ToolRegistry> tools, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(
                new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                () -> tools.apply(ToolCatalogue.registry(env)),
                null,
                null);
        int code = Cli.run(args, context);
        return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
