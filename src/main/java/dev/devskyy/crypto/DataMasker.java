package dev.devskyy.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's masking for logs: card numbers keep their last 4 digits, e-mail addresses their
 * domain, phone numbers their last 4 digits, SSNs and long API-key-like strings their first and
 * last character. Patterns apply in that order, each to the text the previous ones left.
 */
public final class DataMasker {
    private static final char MASK = '*';
    private static final Pattern CARD = Pattern.compile("\\b\\d{4}[\\s-]?\\d{4}[\\s-]?\\d{4}[\\s-]?\\d{4}\\b");
    private static final Pattern SSN = Pattern.compile("\\b\\d{3}[\\s-]?\\d{2}[\\s-]?\\d{4}\\b");
    private static final Pattern EMAIL = Pattern.compile("\\b[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})\\b");
    private static final Pattern PHONE =
            Pattern.compile("(?<![\\w+])\\+?1?[\\s-]?\\(?\\d{3}\\)?[\\s-]?\\d{3}[\\s-]?\\d{4}\\b");
    private static final Pattern API_KEY = Pattern.compile("\\b[A-Za-z0-9_-]{32,}\\b");

    private DataMasker() {}

    public static String mask(String text) {
        String result =
                replace(CARD, text, m -> "*".repeat(12) + digits(m.group()).substring(12));
        result = replace(SSN, result, m -> firstAndLast(m.group()));
        result = replace(EMAIL, result, m -> "******@" + m.group(1));
        result = replace(PHONE, result, m -> lastFourDigits(m.group()));
        return replace(API_KEY, result, m -> firstAndLast(m.group()));
    }

    /**
     * A copy of a document where every string is masked, and a sensitive field that is not a
     * string becomes {@code "[MASKED]"}.
     */
    public static JsonNode mask(JsonNode document) {
        if (document.isObject()) {
            ObjectNode copy = ((ObjectNode) document).objectNode();
            for (Map.Entry<String, JsonNode> member : document.properties()) {
                JsonNode value = member.getValue();
                boolean sensitive =
                        FieldCipher.SENSITIVE.contains(member.getKey().toLowerCase(Locale.ROOT));
                copy.set(member.getKey(), sensitive && !value.isTextual() ? TextNode.valueOf("[MASKED]") : mask(value));
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
