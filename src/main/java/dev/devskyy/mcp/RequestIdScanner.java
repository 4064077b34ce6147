package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.util.Arrays;

/**
 * Finds the top-level {@code "id"} of a line too long to keep, as its bytes stream past, in constant
 * memory, so the request can be answered with its own id. It follows strings, escapes and nesting,
 * but does not validate the JSON: the caller only ever uses the id it finds to address an error.
 */
final class RequestIdScanner {
    /** Ids longer than this are not kept: the line is then answered as unreadable. */
    private static final int MAX_ID_BYTES = 256;

    private static final byte[] ID = {'i', 'd'};

    private int depth;
    private boolean inString;
    private boolean escaped;
    /** At depth 1, the next string is a member name. */
    private boolean expectName;
    /** The member name being read, as far as it could still be {@code id}. */
    private final byte[] name = new byte[ID.length + 1];

    private int nameLength;
    private boolean readingName;
    private boolean lastNameWasId;
    private boolean capturing;
    private final byte[] value = new byte[MAX_ID_BYTES];
    private int valueLength;
    private boolean valueTooLong;
    private int idsSeen;
    private byte[] found;

    void feed(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            step(bytes[i]);
        }
    }

    /** The id, when exactly one top-level {@code "id"} held a string or integer; otherwise null. */
    JsonNode id() {
        if (capturing) {
            endValue(); // the line ended inside the value: a truncated line
        }
        if (found == null || idsSeen != 1) {
            return null;
        }
        try {
            JsonNode id = Json.parse(found);
            return JsonRpc.isValidId(id) ? id : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void step(byte b) {
        if (capturing && !(depth == 1 && !inString && (b == ',' || b == '}'))) {
            keep(b);
        }
        if (inString) {
            inString(b);
            return;
        }
        switch (b) {
            case '"' -> {
                inString = true;
                readingName = depth == 1 && expectName;
                nameLength = 0;
            }
            case '{', '[' -> {
                depth++;
                expectName = depth == 1 && b == '{';
            }
            case '}', ']' -> {
                if (depth == 1 && capturing) {
                    endValue();
                }
                depth--;
            }
            case ',' -> {
                if (depth == 1) {
                    if (capturing) {
                        endValue();
                    }
                    expectName = true;
                }
            }
            case ':' -> {
                if (depth == 1 && lastNameWasId) {
                    capturing = true;
                    valueLength = 0;
                    valueTooLong = false;
                }
                lastNameWasId = false;
            }
            default -> {
                // white space and the bytes of numbers and literals change no state
            }
        }
    }

    private void inString(byte b) {
        if (escaped) {
            escaped = false;
            recordName(b);
        } else if (b == '\\') {
            escaped = true;
            recordName(b);
        } else if (b == '"') {
            inString = false;
            if (readingName) {
                readingName = false;
                expectName = false;
                lastNameWasId = nameLength == ID.length && Arrays.equals(name, 0, ID.length, ID, 0, ID.length);
            }
        } else {
            recordName(b);
        }
    }

    private void recordName(byte b) {
        if (readingName && nameLength < name.length) {
            name[nameLength++] = b;
        }
    }

    private void keep(byte b) {
        if (valueLength < value.length) {
            value[valueLength++] = b;
        } else {
            valueTooLong = true;
        }
    }

    private void endValue() {
        capturing = false;
        idsSeen++;
        found = valueTooLong ? null : Arrays.copyOf(value, valueLength);
    }
}
