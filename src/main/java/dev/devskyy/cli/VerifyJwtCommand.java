package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.io.IoFailure;
import dev.devskyy.runtime.CallMetadata;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code devskyy verify jwt TOKEN}: the jwt_verify tool; VALID (exit 0) or INVALID (exit 1). */
@Command(
        name = "jwt",
        mixinStandardHelpOptions = true,
        description = "Verify a JWT's signature and claims; exit 0 if valid, 1 if not.")
final class VerifyJwtCommand implements Callable<Integer> {
    private static final long MAX_REVOKED_FILE = 16 << 20;
    private final CliContext context;

    @Secret
    @Parameters(paramLabel = "TOKEN|-|@FILE", description = "The token, stdin, or a file holding it.")
    String token;

    @Secret
    @Option(names = "--key", paramLabel = "FILE", description = "A PEM public key, a JWK or a JWKS.")
    Path keyFile;

    @Option(
            names = "--jwks-url",
            paramLabel = "URL",
            description = "Keys from the JWK set published at this URL (cached as its Cache-Control allows).")
    String jwksUrl;

    @Option(
            names = "--issuer",
            paramLabel = "URL",
            description =
                    "Keys from this issuer's metadata (RFC 8414 or OpenID Connect discovery); the token's iss must be it.")
    String issuerUrl;

    @Option(
            names = "--alg",
            split = ",",
            paramLabel = "ALG",
            description = "Allowed algorithms (else the key's own alg).")
    List<String> algorithms = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME", description = "devskyy: the platform's HS512 tokens and claims.")
    String profile;

    @Option(names = "--iss", paramLabel = "ISSUER", description = "Required issuer.")
    String issuer;

    @Option(names = "--aud", paramLabel = "AUDIENCE", description = "An audience the token's aud must contain.")
    String audience;

    @Option(names = "--type", paramLabel = "TYPE", description = "Required value of the type claim.")
    String type;

    @Option(names = "--require", split = ",", paramLabel = "CLAIM", description = "Claims that must be present.")
    List<String> require = new ArrayList<>();

    @Option(
            names = "--leeway",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Clock skew allowed for exp, nbf and iat (default: 60s).")
    Duration leeway;

    @Option(
            names = "--max-age",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Maximum age by iat.")
    Duration maxAge;

    @Option(names = "--revoked", paramLabel = "FILE", description = "Revoked jti and family_id values, one per line.")
    Path revoked;

    @Option(names = "--json", description = "Print the verdict, failed checks, header and claims as JSON.")
    boolean json;

    @Option(names = "--show-unverified", description = "With --json, show the claims even of an invalid token.")
    boolean showUnverified;

    @Mixin
    JwtKeyOptions secret;

    @Mixin
    NetworkOptions network;

    @Mixin
    RuntimeOptions runtimeOptions;

    VerifyJwtCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        ObjectNode arguments = Json.object().put("token", invocation.text(token));
        if (profile != null) {
            arguments.put("profile", profile);
        }
        putList(arguments, "algorithms", algorithms);
        putList(arguments, "require", require);
        if (issuer != null) {
            arguments.put("issuer", issuer);
        }
        if (audience != null) {
            arguments.put("audience", audience);
        }
        if (type != null) {
            arguments.put("type", type);
        }
        if (leeway != null) {
            arguments.put("leeway_seconds", leeway.getSeconds());
        }
        if (maxAge != null) {
            arguments.put("max_age_seconds", maxAge.getSeconds());
        }
        if (revoked != null) {
            putList(arguments, "revoked", lines(revoked));
        }
        arguments.put("show_unverified", showUnverified);
        Map<String, String> metadata = new HashMap<>(secret.metadata(keyFile));
        if (jwksUrl != null) {
            metadata.put(CallMetadata.JWT_JWKS_URL, jwksUrl);
        }
        if (issuerUrl != null) {
            metadata.put(CallMetadata.JWT_ISSUER_URL, issuerUrl);
        }
        ToolCallResult result = invocation.run("jwt_verify", arguments, metadata, network.access(jwksUrl, issuerUrl));
        return Verdict.passesWhen("valid").report(invocation, result, json);
    }

    private static void putList(ObjectNode arguments, String name, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = arguments.putArray(name);
            values.forEach(array::add);
        }
    }

    /** A revocation list: a regular file of at most 16 MiB of UTF-8 lines. */
    private static List<String> lines(Path file) {
        try {
            byte[] content = BoundedRead.bytes(file, MAX_REVOKED_FILE);
            return new String(content, StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw ToolError.of(ErrorCode.E4001, "cannot read " + file + ": " + IoFailure.reasonOf(e));
        }
    }
}
