package dev.devskyy.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.ReadableFile;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The hashing tool: a file's digest, as sha256sum prints it. No key is involved. */
final class HashTools {
    private HashTools() {}

    static List<ToolSpec> all() {
        return List.of(fileHash());
    }

    private static ToolSpec fileHash() {
        return ToolSpec.builder("file_hash")
                .version("1.0.0")
                .title("Hash a file")
                .description("SHA-256/384/512 digest of a file inside the granted roots, as sha256sum prints it.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["path"],
                         "properties":{
                           "path":{"type":"string","minLength":1,"description":"File to hash."},
                           "algorithm":{"type":"string","enum":["sha256","sha384","sha512"],"default":"sha256"}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,
                         "required":["path","algorithm","digest","bytes"],
                         "properties":{
                           "path":{"type":"string"},
                           "algorithm":{"type":"string","enum":["sha256","sha384","sha512"]},
                           "digest":{"type":"string","pattern":"^[0-9a-f]+$"},
                           "bytes":{"type":"integer","minimum":0}}}
                        """)
                .permissions(ToolPermission.FILESYSTEM_READ)
                .idempotent(true)
                .timeout(Duration.ofMinutes(2))
                .handler(HashTools::hashFile)
                .build();
    }

    private static ToolOutput hashFile(JsonNode arguments, ToolCallContext context) throws IOException {
        String requested = arguments.get("path").asText();
        FileDigest.Algorithm algorithm =
                FileDigest.Algorithm.parse(arguments.path("algorithm").asText("sha256"));
        FileDigest.Result result;
        Path file;
        try (ReadableFile opened = context.openFile(requested, Long.MAX_VALUE)) {
            file = opened.path();
            double size = opened.size();
            result = FileDigest.of(opened.stream(), algorithm, bytes -> context.progress(bytes, size, "hashing"));
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
}
