package dev.devskyy.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's masking for logs: card numbers keep their last 4 digits, e-mail addresses their
 * domain, phone numbers their last 4 digits, SSNs and long API-key-like strings their first and
 * last character. Patterns apply in that order, each to the text the previous ones left.
 *
 * <p>Before them, every secret of a known shape and every bearer token is masked whole. The known
 * shapes are those of the scanner's bundled secret rules (AWS key ids, database URL passwords, JWTs,
 * {@code password = "…"} assignments, private keys…), handed in as a {@link SecretFinder}: the tool
 * catalogue, which assembles every capability, passes the scan capability's finder, since one
 * capability never imports another. In a document, the value of a field of the platform's sensitive list
 * ({@link FieldCipher#SENSITIVE}) is masked whole too, unless it is entirely one of the shapes above
 * that keep a part (an e-mail address keeps its domain).
 */
public final class DataMasker {
    private static final char MASK = '*';
    private static final Pattern CARD = Pattern.compile("\\b\\d{4}[\\s-]?\\d{4}[\\s-]?\\d{4}[\\s-]?\\d{4}\\b");
    private static final Pattern SSN = Pattern.compile("\\b\\d{3}[\\s-]?\\d{2}[\\s-]?\\d{4}\\b");
    // EMAIL and API_KEY start only where a run of their characters starts (not at every \b
    // inside it): tried from every dot of "a.a.a…", the match would cost quadratic time.
    private static final Pattern EMAIL =
            Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})\\b");
    private static final Pattern PHONE =
            Pattern.compile("(?<![\\w+])\\+?1?[\\s-]?\\(?\\d{3}\\)?[\\s-]?\\d{3}[\\s-]?\\d{4}\\b");
    private static final Pattern API_KEY = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}\\b");
    /**
     * An RFC 6750 bearer token after the word that introduces it. The scanner has no rule for
     * opaque tokens (it finds JWTs), and an access token is a secret whatever its shape.
     */
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9._~+/-]+=*)");
    /** The shapes that keep a part when they are a sensitive field's whole value. */
    private static final List<Pattern> KEEPS_A_PART = List.of(CARD, SSN, EMAIL, PHONE);

    private static final String MASKED = "[MASKED]";

    /** Where a text holds secrets of known shapes. */
    @FunctionalInterface
    public interface SecretFinder {
        /** The characters of {@code text} that belong to a secret, as a new set the caller may change. */
        BitSet find(String text);
    }

    private final SecretFinder knownSecrets;

    public DataMasker(SecretFinder knownSecrets) {
        this.knownSecrets = knownSecrets;
    }

    public String mask(String text) {
        String result = replace(
                CARD,
                secretsMasked(text),
                m -> "*".repeat(12) + digits(m.group()).substring(12));
        result = replace(SSN, result, m -> firstAndLast(m.group()));
        result = replace(EMAIL, result, m -> "******@" + m.group(1));
        result = replace(PHONE, result, m -> lastFourDigits(m.group()));
        return replace(API_KEY, result, m -> firstAndLast(m.group()));
    }

    /**
     * A copy of a document where every string is masked, and a sensitive field becomes
     * {@code "[MASKED]"} unless its value is a string that is wholly a shape that keeps a part.
     */
    public JsonNode mask(JsonNode document) {
        if (document.isObject()) {
            ObjectNode copy = ((ObjectNode) document).objectNode();
            for (Map.Entry<String, JsonNode> member : document.properties()) {
                JsonNode value = member.getValue();
                boolean sensitive =
                        FieldCipher.SENSITIVE.contains(member.getKey().toLowerCase(Locale.ROOT));
                copy.set(member.getKey(), sensitive ? maskSensitive(value) : mask(value));
            }
            return copy;
        }
        if (document.isArray()) {
            ArrayNode copy = ((ArrayNode) document).arrayNode();
            document.forEach(item -> copy.add(mask(item)));
            return copy;
        }
        return document.isTextual() ? TextNode.valueOf(mask(document.textValue())) : document;
    }

    private JsonNode maskSensitive(JsonNode value) {
        if (value.isTextual()) {
            String text = value.textValue();
            if (KEEPS_A_PART.stream().anyMatch(shape -> shape.matcher(text).matches())) {
                return TextNode.valueOf(mask(text));
            }
        }
        return TextNode.valueOf(MASKED);
    }

    /** The text with every character of a known secret (known shapes, bearer tokens) masked. */
    private String secretsMasked(String text) {
        BitSet secret = knownSecrets.find(text);
        Matcher bearer = BEARER.matcher(text);
        while (bearer.find()) {
            secret.set(bearer.start("secret"), bearer.end("secret"));
        }
        if (secret.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        secret.stream().forEach(i -> out.setCharAt(i, MASK));
        return out.toString();
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String digits(String text) {
        return text.replaceAll("\\D", "");
    }

    private static String firstAndLast(String value) {
        if (value.length() <= 4) {
            return String.valueOf(MASK).repeat(value.length());
        }
        return value.charAt(0) + String.valueOf(MASK).repeat(value.length() - 2) + value.charAt(value.length() - 1);
    }

    private static String lastFourDigits(String phone) {
        String digits = digits(phone);
        return String.valueOf(MASK).repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
    }
}
