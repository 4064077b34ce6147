package dev.devskyy.crypto;

import static dev.devskyy.crypto.CryptoTools.exactlyOne;
import static dev.devskyy.crypto.CryptoTools.guarded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolSpec;
import java.util.List;

/** The masking tool: a text or a document with its sensitive data hidden, for logs. */
final class MaskTools {
    private MaskTools() {}

    static List<ToolSpec> all(DataMasker masker) {
        return List.of(dataMask(masker));
    }

    private static ToolSpec dataMask(DataMasker masker) {
        return ToolSpec.builder("data_mask")
                .version("1.0.0")
                .title("Mask sensitive data for logs")
                .description("Masks cards (last 4 kept), e-mails (domain kept), phones (last 4), SSNs, API keys, "
                        + "bearer tokens and every secret the scanner's rules know; in documents, the values "
                        + "of the platform's sensitive fields.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{"text":{"type":"string","writeOnly":true},"document":{"type":"object","writeOnly":true}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{"text":{"type":"string"},"document":{"type":"object"}}}
                        """)
                .idempotent(true)
                // the caller's sensitive input, less what the masker recognised: never stored for replay
                .secretResults(true)
                .handler(guarded((args, context) -> {
                    ObjectNode out = Json.object();
                    if (exactlyOne(args, "text", "document") == args.get("text")) {
                        String masked = masker.mask(args.get("text").asText());
                        out.put("text", masked);
                        return new ToolOutput(masked, out);
                    }
                    JsonNode masked = masker.mask(args.get("document"));
                    out.set("document", masked);
                    return new ToolOutput(Json.compact(masked), out);
                }))
                .build();
    }
}
