package dev.devskyy.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.CallMetadata;
import dev.devskyy.runtime.CallerStreams;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.PromptSpec;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolHandler;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tools of the crypto capability, gathered from its families ({@link EnvelopeTools}, {@link
 * FieldTools}, {@link FileTools}, {@link HashTools}, {@link RandomSecretTools}, {@link MaskTools}),
 * and what those families share. Keys come from the server's environment or from settings the CLI
 * passes as call metadata, never from tool arguments, and never appear in results.
 */
public final class CryptoTools {
    private CryptoTools() {}

    /** "Rotate keys safely". */
    public static List<PromptSpec> prompts() {
        return List.of(new PromptSpec(
                "rotate_keys",
                "Rotate encryption keys safely",
                "Re-encrypt an envelope, a document's encrypted fields or an encrypted file under the current key, "
                        + "verifying before and after so nothing becomes unreadable.",
                List.of(
                        PromptSpec.Argument.required(
                                "target",
                                "What to re-encrypt: a platform envelope, a JSON document with encrypted fields, or "
                                        + "the path of an encrypted file inside the granted roots."),
                        PromptSpec.Argument.optional(
                                "key_version",
                                "The keyring version the data should end up under (e.g. v2), for the user to check "
                                        + "against the server's keyring.")),
                """
                Re-encrypt the data given below as the argument `target` under the server's current key, \
                without ever making it unreadable.

                1. Decide what `target` is. A platform envelope (one string): verify with the devskyy tool \
                `crypto_verify` (`envelope`), rotate with `crypto_rotate`. A JSON document with encrypted \
                fields: `crypto_verify` (`document`), then `crypto_rotate_fields`. Otherwise a path to an \
                encrypted file: `crypto_verify_file` (`path`), then `crypto_rotate_file` with `path`, leaving \
                `output` at its default and `overwrite` false so the original stays.
                2. Verify first. If the target does not authenticate, stop and report it: rotating cannot \
                repair it.
                3. After rotating, verify the result with the same kind of verify tool (for a file, the path \
                `crypto_rotate_file` returned). Only then suggest replacing the original, and tell the user to \
                keep the old key version in the keyring until every copy is rotated and verified.
                4. Keys come from the server's environment (DEVSKYY_KEYRING or ENCRYPTION_MASTER_KEY): you \
                cannot choose or see them and no tool returns them. Never ask the user to paste a key. If \
                `key_version` is given, remind the user to confirm it is the keyring's "current" version.
                5. If a tool answers with an error, report its code and message; do not retry E4xxx errors."""));
    }

    /**
     * Every crypto tool.
     *
     * @param env the server's environment, where keys are found (ENCRYPTION_MASTER_KEY, DEVSKYY_KEYRING)
     * @param knownSecrets the secret shapes {@code data_mask} hides whole (see {@link DataMasker.SecretFinder})
     */
    public static List<ToolSpec> all(Map<String, String> env, DataMasker.SecretFinder knownSecrets) {
        CallKeys keys = new CallKeys(env);
        return Stream.of(
                        EnvelopeTools.all(keys),
                        FieldTools.all(keys),
                        FileTools.all(keys),
                        HashTools.all(),
                        RandomSecretTools.all(),
                        MaskTools.all(new DataMasker(knownSecrets)))
                .flatMap(List::stream)
                .toList();
    }

    /** Where the keys of one call come from: its metadata (set by the CLI only), else the server's environment. */
    record CallKeys(Map<String, String> env) {
        CallKeys {
            env = Map.copyOf(env);
        }

        KeySource of(ToolCallContext context) {
            Map<String, String> m = context.metadata();
            return new KeySource(
                    new KeySource.Settings(
                            m.get(CallMetadata.KEYRING),
                            m.get(CallMetadata.KEY_FILE),
                            m.get(CallMetadata.KEY_ENV),
                            m.get(CallMetadata.PASSWORD_FILE),
                            m.get(CallMetadata.PASSWORD_ENV),
                            m.containsKey(CallMetadata.PASSWORD_PROMPT)),
                    env,
                    context.streams().map(CallerStreams::terminal).orElse(null));
        }
    }

    /** Crypto failures in the taxonomy: authentication is E4007, everything else bad input. */
    static ToolHandler guarded(ToolHandler handler) {
        return (args, context) -> {
            try {
                return handler.run(args, context);
            } catch (CryptoException e) {
                ErrorCode code = e.kind() == CryptoException.Kind.AUTHENTICATION ? ErrorCode.E4007 : ErrorCode.E4001;
                throw ToolError.of(code, e.getMessage());
            }
        };
    }

    /** The one of two alternative arguments that was given; both or neither is bad input. */
    static JsonNode exactlyOne(JsonNode args, String first, String second) {
        if (args.has(first) == args.has(second)) {
            throw ToolError.of(ErrorCode.E4001, "give exactly one of " + first + " or " + second);
        }
        return args.has(first) ? args.get(first) : args.get(second);
    }

    // ---------------------------------------------------------------- verdicts (crypto_verify, crypto_verify_file)

    static final String VERDICT_SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["authentic","kind"],
             "properties":{"authentic":{"type":"boolean"},"kind":{"type":"string","enum":["envelope","fields","file"]},
               "checked":{"type":"integer","minimum":0,
                 "description":"Envelopes or fields opened; for a file, its plaintext bytes."},
               "reason":{"type":"string"}}}
            """;

    /** A check that either authenticates, or fails authentication (a verdict, not an error). */
    @FunctionalInterface
    interface Check {
        /** @return how much was checked, when the check counts it (a number); else anything */
        Object run() throws IOException;
    }

    /**
     * The verdict of {@code check} on a {@code kind} of ciphertext: authentic with the count the
     * check returned ({@code checked} when it returns no number), or not authentic with the reason.
     */
    static ToolOutput verdict(String kind, long checked, Check check) throws IOException {
        ObjectNode out = Json.object();
        out.put("kind", kind);
        try {
            Object result = check.run();
            out.put("authentic", true);
            out.put("checked", result instanceof Number n ? n.longValue() : checked);
            return new ToolOutput("AUTHENTIC", out);
        } catch (CryptoException e) {
            if (e.kind() != CryptoException.Kind.AUTHENTICATION) {
                throw e;
            }
            out.put("authentic", false);
            out.put("reason", e.getMessage());
            return new ToolOutput("NOT AUTHENTIC: " + e.getMessage(), out);
        }
    }
}
