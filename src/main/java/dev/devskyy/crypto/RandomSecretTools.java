package dev.devskyy.crypto;

import static dev.devskyy.crypto.CryptoTools.guarded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** The tools that make new secrets from the system CSPRNG: a master key file, and a token. */
final class RandomSecretTools {
    private RandomSecretTools() {}

    static List<ToolSpec> all() {
        return List.of(keygen(), tokenGenerate());
    }

    private static ToolSpec keygen() {
        return ToolSpec.builder("crypto_keygen")
                .version("1.0.0")
                .title("Generate a master key file")
                .description("Writes a new random AES-256 key, base64, to a new file readable only by its owner.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["path"],
                         "properties":{"path":{"type":"string","minLength":1}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["path"],
                         "properties":{"path":{"type":"string"}}}
                        """)
                .permissions(ToolPermission.FILESYSTEM_WRITE)
                .handler(guarded((args, context) -> {
                    byte[] key = new byte[MasterKeys.KEY_BYTES];
                    new SecureRandom().nextBytes(key);
                    byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
                    String requested = args.get("path").asText();
                    Path target = context.write(requested, null, false, out -> out.write(text));
                    ObjectNode out = Json.object();
                    out.put("path", target.toString());
                    return new ToolOutput("new key written to " + target + " (mode 0600)", out);
                }))
                .build();
    }

    private static ToolSpec tokenGenerate() {
        return ToolSpec.builder("token_generate")
                .version("1.0.0")
                .title("Generate a random secret")
                .description("A random token from the system CSPRNG (16 to 128 bytes), for API keys and secrets.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{
                           "bytes":{"type":"integer","minimum":16,"maximum":128,"default":32},
                           "encoding":{"type":"string","enum":["base64url","hex"],"default":"base64url"}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["token","bytes","encoding"],
                         "properties":{
                           "token":{"type":"string"},
                           "bytes":{"type":"integer"},
                           "encoding":{"type":"string","enum":["base64url","hex"]}}}
                        """)
                .secretResults(true)
                .handler(RandomSecretTools::generateToken)
                .build();
    }

    private static ToolOutput generateToken(JsonNode arguments, ToolCallContext context) {
        int bytes = arguments.path("bytes").asInt(32);
        RandomTokens.Encoding encoding =
                RandomTokens.Encoding.parse(arguments.path("encoding").asText("base64url"));
        String token = RandomTokens.token(bytes, encoding);
        ObjectNode out = Json.object();
        out.put("token", token);
        out.put("bytes", bytes);
        out.put("encoding", encoding.id());
        return new ToolOutput(token, out);
    }
}
