package dev.devskyy.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The tools of the crypto capability. */
public final class CryptoTools {
    private CryptoTools() {}

    public static List<ToolSpec> all() {
        return List.of(fileHash(), tokenGenerate());
    }

    static ToolSpec fileHash() {
        return ToolSpec.builder("file_hash")
                .version("1.0.0")
                .title("Hash a file")
                .description("SHA-256/384/512 digest of a file inside the granted roots, as sha256sum prints it.")
                .inputSchema(schema("""
                        {"type":"object","additionalProperties":false,"required":["path"],
                         "properties":{
                           "path":{"type":"string","minLength":1,"description":"File to hash."},
                           "algorithm":{"enum":["sha256","sha384","sha512"],"default":"sha256"}}}
                        """))
                .outputSchema(schema("""
                        {"type":"object","additionalProperties":false,
                         "required":["path","algorithm","digest","bytes"],
                         "properties":{
                           "path":{"type":"string"},
                           "algorithm":{"enum":["sha256","sha384","sha512"]},
                           "digest":{"type":"string","pattern":"^[0-9a-f]+$"},
                           "bytes":{"type":"integer","minimum":0}}}
                        """))
                .permissions(ToolPermission.FILESYSTEM_READ)
                .idempotent(true)
                .timeout(Duration.ofMinutes(2))
                .handler(CryptoTools::hashFile)
                .build();
    }

    static ToolSpec tokenGenerate() {
        return ToolSpec.builder("token_generate")
                .version("1.0.0")
                .title("Generate a random secret")
                .description("A random token from the system CSPRNG (16 to 128 bytes), for API keys and secrets.")
                .inputSchema(schema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{
                           "bytes":{"type":"integer","minimum":16,"maximum":128,"default":32},
                           "encoding":{"enum":["base64url","hex"],"default":"base64url"}}}
                        """))
                .outputSchema(schema("""
                        {"type":"object","additionalProperties":false,"required":["token","bytes","encoding"],
                         "properties":{
                           "token":{"type":"string"},
                           "bytes":{"type":"integer"},
                           "encoding":{"enum":["base64url","hex"]}}}
                        """))
                .handler(CryptoTools::generateToken)
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

    private static ToolOutput hashFile(JsonNode arguments, ToolCallContext context) throws IOException {
        Path file = context.pathInside(Path.of(arguments.get("path").asText()), ToolPermission.FILESYSTEM_READ);
        FileDigest.Algorithm algorithm =
                FileDigest.Algorithm.parse(arguments.path("algorithm").asText("sha256"));
        if (!Files.isRegularFile(file)) {
            throw ToolError.of(
                    ErrorCode.E4001,
                    "not a regular file: " + arguments.get("path").asText());
        }
        double size = Files.size(file);
        FileDigest.Result result;
        try {
            result = FileDigest.of(file, algorithm, bytes -> context.progress(bytes, size, "hashing"));
        } catch (NoSuchFileException e) {
            throw ToolError.of(ErrorCode.E4001, "file vanished while hashing: " + file);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
        ObjectNode out = Json.object();
        out.put("path", file.toString());
        out.put("algorithm", algorithm.id());
        out.put("digest", result.hex());
        out.put("bytes", result.bytes());
        return new ToolOutput(result.hex() + "  " + file, out);
    }

    private static ObjectNode schema(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException("built-in schema is not JSON", e);
        }
    }
}
