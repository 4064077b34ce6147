package dev.devskyy.csp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a page's markup says about its own security: policies delivered by {@code <meta
 * http-equiv="Content-Security-Policy">} and {@code <meta name="referrer">} (honoured only in the
 * head, HTML §4.2.5.3), and the scripts it loads with their {@code integrity}. A single pass over
 * the text that reads tags and their attributes the way the HTML tokenizer does for well-formed
 * pages; comments, the raw text of scripts and styles, and what browsers do not act on (noscript,
 * template) are skipped, and the head ends where the parser ends it. Linear in the page's size,
 * which the caller bounds.
 */
final class HtmlHead {
    /** A {@code <script src>}: where it comes from and whether it carries an integrity hash. */
    record Script(String src, boolean integrity) {}

    /** The elements that may stand in a head; any other starts the body (HTML §13.2.6.4.4). */
    private static final Set<String> HEAD_ELEMENTS =
            Set.of("html", "head", "meta", "link", "title", "style", "script", "base", "noscript", "template");

    private final List<String> policies = new ArrayList<>();
    private final List<String> referrerPolicies = new ArrayList<>();
    private final List<Script> scripts = new ArrayList<>();

    private HtmlHead() {}

    static HtmlHead read(String html) {
        HtmlHead head = new HtmlHead();
        head.scan(html);
        return head;
    }

    /** The values of the meta-delivered policies, in order. */
    List<String> policies() {
        return policies;
    }

    List<String> referrerPolicies() {
        return referrerPolicies;
    }

    List<Script> scripts() {
        return scripts;
    }

    private void scan(String html) {
        boolean inHead = true;
        int i = 0;
        int n = html.length();
        while (i < n) {
            int lt = html.indexOf('<', i);
            if (lt < 0 || lt + 1 >= n) {
                return;
            }
            if (html.startsWith("<!--", lt)) {
                int end = html.indexOf("-->", lt + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            int nameEnd = lt + 1;
            boolean closing = html.charAt(nameEnd) == '/';
            if (closing) {
                nameEnd++;
            }
            int nameStart = nameEnd;
            while (nameEnd < n && isNameChar(html.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == nameStart) {
                i = lt + 1;
                continue;
            }
            String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
            Map<String, String> attributes = new HashMap<>();
            i = attributes(html, nameEnd, attributes);
            if (closing) {
                if (name.equals("head")) {
                    inHead = false;
                }
                continue;
            }
            if (!HEAD_ELEMENTS.contains(name)) {
                inHead = false; // any other element (body, div…) closes the head, as the parser does
            }
            switch (name) {
                case "meta" -> meta(attributes, inHead);
                case "script" -> {
                    String src = attributes.get("src");
                    if (src != null) {
                        scripts.add(new Script(
                                src.strip(),
                                !attributes.getOrDefault("integrity", "").isBlank()));
                    }
                    i = skipRawText(html, i, "</script");
                }
                // raw text, and content browsers do not act on while scripts run (a policy in it is none)
                case "style", "textarea", "title", "noscript", "template", "iframe", "noembed", "noframes", "xmp" ->
                    i = skipRawText(html, i, "</" + name);
                default -> {
                    // no other element says anything this check reads
                }
            }
        }
    }

    private void meta(Map<String, String> attributes, boolean inHead) {
        if (!inHead) {
            return; // a policy in the body is ignored by browsers
        }
        String content = attributes.get("content");
        if (content == null) {
            return;
        }
        String equiv = attributes.getOrDefault("http-equiv", "").strip().toLowerCase(Locale.ROOT);
        if (equiv.equals("content-security-policy")) {
            policies.add(content);
        } else if (attributes.getOrDefault("name", "").strip().equalsIgnoreCase("referrer")) {
            referrerPolicies.add(content);
        }
    }

    /** Reads a tag's attributes into {@code into}; returns the index after its {@code >}. */
    private static int attributes(String html, int i, Map<String, String> into) {
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '>') {
                return i + 1;
            }
            if (c == '/' || Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(html.charAt(i)) && "=>/".indexOf(html.charAt(i)) < 0) {
                i++;
            }
            String name = html.substring(start, Math.max(start + 1, i)).toLowerCase(Locale.ROOT);
            if (i == start) {
                i++; // a stray '=': skip it
                continue;
            }
            while (i < n && Character.isWhitespace(html.charAt(i))) {
                i++;
            }
            String value = "";
            if (i < n && html.charAt(i) == '=') {
                i++;
                while (i < n && Character.isWhitespace(html.charAt(i))) {
                    i++;
                }
                if (i < n && (html.charAt(i) == '"' || html.charAt(i) == '\'')) {
                    char quote = html.charAt(i);
                    int end = html.indexOf(quote, i + 1);
                    end = end < 0 ? n : end;
                    value = html.substring(i + 1, end);
                    i = Math.min(n, end + 1);
                } else {
                    int valueStart = i;
                    while (i < n && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>') {
                        i++;
                    }
                    value = html.substring(valueStart, i);
                }
            }
            into.putIfAbsent(name, unescape(value)); // the first of a repeated attribute wins
        }
        return n;
    }

    /** The few character references a URL or policy in an attribute uses. */
    private static String unescape(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        return value.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static int skipRawText(String html, int from, String end) {
        int n = html.length();
        int at = from;
        while (true) {
            int lt = html.indexOf('<', at);
            if (lt < 0) {
                return n;
            }
            if (html.regionMatches(true, lt, end, 0, end.length())) {
                int close = html.indexOf('>', lt);
                return close < 0 ? n : close + 1;
            }
            at = lt + 1;
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }
}
