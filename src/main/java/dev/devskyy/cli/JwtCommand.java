package dev.devskyy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code devskyy jwt}: JWT helpers for development and tests (verifying is {@code verify jwt}). */
@Command(
        name = "jwt",
        mixinStandardHelpOptions = true,
        description = "JWT helpers for development and tests.",
        subcommands = {JwtCommand.Issue.class})
final class JwtCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand: issue");
    }

    /** {@code devskyy jwt issue}: the jwt_issue tool. */
    @Command(
            name = "issue",
            mixinStandardHelpOptions = true,
            description = {
                "Sign the platform's access/refresh pair (--profile devskyy) or a token with any claims.",
                "Prints the pair as JSON, or the custom token alone."
            })
    static final class Issue implements Callable<Integer> {
        private final CliContext context;

        @Option(
                names = "--profile",
                paramLabel = "NAME",
                description = "devskyy: the platform's HS512 access (15 min) and refresh (7 days) tokens.")
        String profile;

        @Option(names = "--sub", paramLabel = "SUBJECT", description = "The platform tokens' subject (user id).")
        String subject;

        @Option(names = "--roles", split = ",", paramLabel = "ROLE", description = "The platform tokens' roles.")
        List<String> roles = new ArrayList<>();

        @Option(names = "--tier", paramLabel = "TIER", description = "The platform tokens' tier.")
        String tier;

        @Option(names = "--family-id", paramLabel = "ID", description = "The refresh family (default: random).")
        String familyId;

        @Option(names = "--alg", paramLabel = "ALG", description = "A custom token's algorithm.")
        String algorithm;

        @Option(
                names = "--claims",
                paramLabel = "JSON|@FILE",
                description = "A custom token's claims; iat and exp are added if absent.")
        String claims;

        @Option(
                names = "--ttl",
                paramLabel = "DURATION",
                converter = DurationConverter.class,
                description = "A custom token's lifetime, for exp (default: 15m).")
        Duration ttl;

        @Secret
        @Option(names = "--key", paramLabel = "FILE", description = "A PKCS#8 PEM private key.")
        Path keyFile;

        @Mixin
        JwtKeyOptions secret;

        @Mixin
        RuntimeOptions runtimeOptions;

        Issue(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
            ObjectNode arguments = Json.object();
            if (profile != null) {
                arguments.put("profile", profile);
            }
            if (subject != null) {
                arguments.put("subject", subject);
            }
            if (!roles.isEmpty()) {
                roles.forEach(arguments.putArray("roles")::add);
            }
            if (tier != null) {
                arguments.put("tier", tier);
            }
            if (familyId != null) {
                arguments.put("family_id", familyId);
            }
            if (algorithm != null) {
                arguments.put("algorithm", algorithm);
            }
            if (claims != null) {
                arguments.set("claims", claims(invocation));
            }
            if (ttl != null) {
                arguments.put("ttl_seconds", ttl.getSeconds());
            }
            ToolCallResult result =
                    invocation.run("jwt_issue", arguments, secret.metadata(keyFile), CommandAccess.KEYS);
            return invocation.print(result, false);
        }

        private JsonNode claims(ToolInvocation invocation) {
            try {
                return Json.parse(invocation.text(claims));
            } catch (JsonProcessingException e) {
                throw ToolError.of(ErrorCode.E4001, "--claims is not JSON " + Json.where(e));
            }
        }
    }
}
