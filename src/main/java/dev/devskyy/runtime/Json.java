package dev.devskyy.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The one JSON configuration of devskyy: strict on input, deterministic on output. */
public final class Json {
    /**
     * The bounds every JSON input of devskyy is read under, protocol messages and files alike: a
     * hostile document fails as bad JSON at the first token past a bound, before it can exhaust
     * the stack (nesting), the heap (one long string or name) or the CPU (a number of thousands of
     * digits, whose conversion is quadratic). Generous for anything real: a glTF, a policy or a
     * JWT nests a dozen levels, and no devskyy value is a 100-digit number.
     */
    public static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(200)
            .maxNumberLength(100)
            .maxStringLength(32 << 20)
            .maxNameLength(8 << 10)
            .maxDocumentLength(256L << 20)
            .build();

    /**
     * For pretty printing and for turning Java values into trees. In a holder of its own, so that
     * the protocol path, which never needs it, never pays for starting it.
     */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder(
                        JsonFactory.builder().streamReadConstraints(LIMITS).build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /**
     * For files a person or a repository supplies (specs, glTF, keyrings, OSV records, rules,
     * manifests): duplicate keys are errors and {@link #LIMITS} hold, with Jackson's usual numbers
     * (floats as doubles), which is what those readers compare against. Trailing content is left to
     * the caller, since streaming readers stop inside a document; {@link #readFile} refuses it. A
     * holder of its own, started only by the readers that need it.
     */
    private static final class FileMapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(LIMITS)
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .build();
        static final ObjectReader WHOLE = INSTANCE.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private Json() {}

    /** The mapper for JSON files (see {@link FileMapper}): duplicate keys and documents past {@link #LIMITS} fail. */
    public static ObjectMapper files() {
        return FileMapper.INSTANCE;
    }

    /**
     * One JSON file's content as a tree, read by {@link #files()}; trailing content and empty
     * content are errors too, never a null or missing tree.
     */
    public static JsonNode readFile(byte[] content) throws IOException {
        return readWhole(reader -> reader.readTree(content));
    }

    /** {@link #readFile(byte[])} for text already decoded (e.g. checked to be strict UTF-8). */
    public static JsonNode readFile(String content) throws IOException {
        return readWhole(reader -> reader.readTree(content));
    }

    /**
     * {@link #readFile(byte[])} for a stream, read as it parses: a document past {@link #LIMITS}
     * fails there, before the rest of the stream is read.
     */
    public static JsonNode readFile(InputStream content) throws IOException {
        return readWhole(reader -> reader.readTree(content));
    }

    /** One way of handing the content to the file reader. */
    private interface Read {
        JsonNode from(ObjectReader reader) throws IOException;
    }

    private static JsonNode readWhole(Read read) throws IOException {
        JsonNode tree;
        try {
            tree = read.from(FileMapper.WHOLE);
        } catch (NumberFormatException e) {
            throw numberError(e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new JsonParseException(null, "no JSON value");
        }
        return tree;
    }

    /** A Java value (string, number, list, map, record…) as a JSON tree. */
    public static JsonNode tree(Object value) {
        return Mapper.INSTANCE.valueToTree(value);
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses one JSON document; duplicate keys and trailing content are errors. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        try (JsonParser parser = JsonTrees.FACTORY.createParser(text)) {
            return JsonTrees.read(parser);
        } catch (NumberFormatException e) {
            throw numberError(e);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail with I/O", e);
        }
    }

    /** Parses one JSON document from UTF-8 bytes; invalid UTF-8 is an error. */
    public static JsonNode parse(byte[] utf8) throws IOException {
        try (JsonParser parser = JsonTrees.FACTORY.createParser(utf8)) {
            return JsonTrees.read(parser);
        } catch (NumberFormatException e) {
            throw numberError(e);
        }
    }

    /** One line of UTF-8 JSON, no insignificant white space: the wire form of the protocol. */
    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = JsonTrees.FACTORY.createGenerator(out)) {
            JsonTrees.write(node, generator);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Jackson reports a number it cannot represent (e.g. 1e999999999) unchecked; we report it as bad JSON. */
    private static JsonProcessingException numberError(NumberFormatException e) {
        return new JsonParseException(null, "number out of range: " + e.getMessage(), e);
    }

    /**
     * Where a JSON text is broken, by position only ({@code at line 3, column 7}): a parser's own
     * message quotes the offending token, and the text may be a secret, plaintext or a file a
     * caller pointed at to have it echoed.
     */
    public static String where(JsonProcessingException e) {
        return e.getLocation() == null
                ? "at an unknown place"
                : "at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
    }

    public static String compact(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    public static String pretty(JsonNode node) {
        try {
            return Mapper.INSTANCE.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * The canonical form: object members sorted by key at every depth, no insignificant white
     * space. Two argument documents that mean the same thing have one form.
     */
    public static String canonical(JsonNode node) {
        return compact(sortedCopy(node));
    }

    private static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = object();
            for (String name : names) {
                sorted.set(name, sortedCopy(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = array();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                copy.add(sortedCopy(it.next()));
            }
            return copy;
        }
        return node;
    }
}
