package dev.devskyy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.runtime.Json;
import java.io.IOException;

/**
 * JSON the way JOSE requires it: UTF-8 only (RFC 8259 §8.1, RFC 8725 §3.7: Jackson would otherwise
 * guess UTF-16 or UTF-32 from the bytes) and no duplicate member names (RFC 7515 §5.2), under
 * devskyy's read limits ({@link Json#LIMITS}).
 */
final class StrictJson {

    private StrictJson() {}

    /** The parsed value, or null if the bytes are not strict UTF-8 JSON. */
    static JsonNode parse(byte[] utf8) {
        try {
            return Json.readFile(BoundedRead.strictUtf8(utf8));
        } catch (IOException | RuntimeException e) { // CharacterCodingException is an IOException
            return null;
        }
    }
}
