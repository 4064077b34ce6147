package dev.devskyy.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.BoundedRead;
import dev.devskyy.runtime.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * What a file handed to crypto_verify_file holds, told by its content: a devskyy encrypted file
 * when it starts with the magic, or when it is no text at all (binary, or larger than any envelope
 * or document: an encrypted file whose magic was damaged, which the file reader then names);
 * otherwise text, which is a field document when it parses as JSON, else an envelope.
 */
sealed interface FileContent {
    /** The largest envelope or field document read as text. */
    long MAX_TEXT = 16 << 20;

    /** An encrypted file, or what can only be one; {@code in} reads it from its first byte. */
    record Encrypted(InputStream in) implements FileContent {}

    /** An envelope or a field document. */
    record Text(String text) implements FileContent {
        /**
         * The arguments with which crypto_verify checks this text: the file tool's own but its
         * path (aad, fields, context: each kind takes those it needs), and the document or the
         * envelope.
         *
         * @throws CryptoException FORMAT when the text is JSON but not an object
         */
        ObjectNode verifyArguments(JsonNode fileArguments) {
            ObjectNode arguments = ((ObjectNode) fileArguments).deepCopy();
            arguments.remove("path");
            JsonNode parsed;
            try {
                parsed = Json.parse(text);
            } catch (JsonProcessingException e) {
                return arguments.put("envelope", text.strip());
            }
            if (!(parsed instanceof ObjectNode document)) {
                throw new CryptoException(CryptoException.Kind.FORMAT, "a field document must be a JSON object");
            }
            return arguments.set("document", document);
        }
    }

    /** Reads as much of {@code in} as it takes to tell; what was read is read again from the result. */
    static FileContent of(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(FileHeader.MAGIC.length);
        if (Arrays.equals(magic, FileHeader.MAGIC)) {
            return new Encrypted(replayed(magic, in));
        }
        byte[] rest = in.readNBytes((int) MAX_TEXT + 1 - magic.length);
        byte[] head = Arrays.copyOf(magic, magic.length + rest.length);
        System.arraycopy(rest, 0, head, magic.length, rest.length);
        if (head.length > MAX_TEXT) {
            return new Encrypted(replayed(head, in));
        }
        try {
            return new Text(BoundedRead.strictUtf8(head));
        } catch (CharacterCodingException e) {
            return new Encrypted(replayed(head, in));
        }
    }

    private static InputStream replayed(byte[] head, InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(head), rest);
    }
}
