package dev.devskyy.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules of the secrets and code checks and the placeholders no rule reports: the bundled
 * {@code rules.json}, plus any {@code --rules} files, whose rules replace bundled rules of the same
 * id and whose placeholders add to the bundled ones. The format is in docs/scan.md.
 */
final class RuleSet {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> TOP_FIELDS = Set.of("version", "placeholders", "rules");
    private static final Set<String> RULE_FIELDS = Set.of(
            "id",
            "description",
            "category",
            "severity",
            "regex",
            "keywords",
            "entropy",
            "files",
            "allowlist",
            "validator",
            "lookback",
            "window",
            "cwe",
            "help",
            "unless_secret",
            "priority",
            "ignore_placeholders");
    private static final Set<String> ALLOWLIST_FIELDS = Set.of("secrets", "matches");

    private final List<Rule> rules;
    private final List<RuleRegex> placeholders;
    /** Made on first use: {@link #keywords()}. */
    private KeywordIndex keywords;

    private RuleSet(List<Rule> rules, List<RuleRegex> placeholders) {
        this.rules = List.copyOf(rules);
        this.placeholders = List.copyOf(placeholders);
    }

    List<Rule> rules() {
        return rules;
    }

    List<RuleRegex> placeholders() {
        return placeholders;
    }

    /**
     * The keywords of every rule, indexed by the rule's place in {@link #rules()}: built once per
     * set, on first use, because it is a scan's largest fixed cost. The bundled set's index so lasts
     * the process: a server's scans share it, and a command builds it while its options are read
     * (ScanTools prepares it).
     */
    synchronized KeywordIndex keywords() {
        if (keywords == null) {
            keywords = new KeywordIndex(rules.stream().map(Rule::keywords).toList());
        }
        return keywords;
    }

    /** The rule of this id alone, with the same placeholders: one rule measured on its own. */
    RuleSet only(String id) {
        return new RuleSet(rules.stream().filter(r -> r.id().equals(id)).toList(), placeholders);
    }

    /** The bundled rules only, read once per process. */
    static RuleSet bundled() {
        return Bundled.get().rules();
    }

    /**
     * The jar's own rules: immutable, so one reading serves every scan and the masker. Read under
     * a lock on first use; a reading that fails (out of memory in a busy server) is tried again by
     * the next caller, with its own exception, rather than remembered as a class that cannot load.
     *
     * @param inFileOrder as rules.json lists them: where rules files' rules are merged in
     */
    private record Bundled(Map<String, Rule> inFileOrder, List<RuleRegex> placeholders, RuleSet rules) {
        private static Bundled read;

        static synchronized Bundled get() {
            if (read == null) {
                Map<String, Rule> rules = new LinkedHashMap<>();
                List<RuleRegex> placeholders = new ArrayList<>();
                try (InputStream in = RuleSet.class.getResourceAsStream("rules.json")) {
                    if (in == null) {
                        throw new IllegalStateException("rules.json is missing from the jar");
                    }
                    RuleSet.read(
                            // read as protocol messages are: no ObjectMapper to start (tens of ms)
                            Json.parse(in.readAllBytes()),
                            "the bundled rules",
                            RuleRegex::bundled,
                            rules,
                            placeholders,
                            false);
                } catch (IOException e) {
                    throw new IllegalStateException("the bundled rules do not parse", e);
                }
                read = new Bundled(
                        Collections.unmodifiableMap(rules),
                        List.copyOf(placeholders),
                        new RuleSet(inRunOrder(rules.values()), placeholders));
            }
            return read;
        }
    }

    /** The bundled rules extended by {@code extraFiles}, in order. */
    static RuleSet load(List<Scan.Input> extraFiles) {
        if (extraFiles.isEmpty()) {
            return bundled();
        }
        Bundled bundled = Bundled.get();
        Map<String, Rule> rules = new LinkedHashMap<>(bundled.inFileOrder());
        List<RuleRegex> placeholders = new ArrayList<>(bundled.placeholders());
        for (Scan.Input file : extraFiles) {
            JsonNode tree;
            try {
                tree = Json.readFile(file.content());
            } catch (IOException e) {
                throw new ScanException("rules file " + file.name() + ": " + ScanException.notJson(e), e);
            }
            read(tree, "rules file " + file.name(), RuleRegex::user, rules, placeholders, true);
        }
        long keywordBytes = rules.values().stream()
                .flatMap(rule -> rule.keywords().stream())
                .mapToLong(keyword -> keyword.getBytes(StandardCharsets.UTF_8).length)
                .sum();
        if (keywordBytes > KeywordIndex.MAX_KEYWORD_BYTES) {
            throw new ScanException("rules files: the keywords of all rules add up to more than "
                    + KeywordIndex.MAX_KEYWORD_BYTES + " bytes");
        }
        return new RuleSet(inRunOrder(rules.values()), placeholders);
    }

    /**
     * By category, then by priority, each kept in file order (a stable sort): the order the scanner
     * runs them in, so the first rule to claim a secret is the most specific one whatever order
     * a rules file lists them in.
     */
    private static List<Rule> inRunOrder(Collection<Rule> rules) {
        return rules.stream()
                .sorted(Comparator.comparing(Rule::category).thenComparing(Rule::priority))
                .toList();
    }

    /** @param engine how this source's regexes are compiled: users' on a linear-time engine */
    private static void read(
            JsonNode tree,
            String source,
            Function<String, RuleRegex> engine,
            Map<String, Rule> rules,
            List<RuleRegex> placeholders,
            boolean replacing) {
        if (tree == null || !tree.isObject()) {
            throw new ScanException(source + ": must be a JSON object");
        }
        unknownFields(tree, TOP_FIELDS, source);
        if (tree.has("version") && tree.get("version").asInt() != 1) {
            throw new ScanException(source + ": version must be 1");
        }
        for (String regex : strings(tree, "placeholders", source)) {
            placeholders.add(compile(engine, regex, source + ": placeholder"));
        }
        JsonNode list = tree.path("rules");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new ScanException(source + ": rules must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            Rule rule = rule(list.get(i), source + ": rules[" + i + "]", engine);
            if (rules.containsKey(rule.id()) && !replacing) {
                throw new ScanException(source + ": duplicate rule id " + rule.id());
            }
            rules.put(rule.id(), rule);
        }
    }

    private static Rule rule(JsonNode node, String where, Function<String, RuleRegex> engine) {
        if (!node.isObject()) {
            throw new ScanException(where + ": must be an object");
        }
        unknownFields(node, RULE_FIELDS, where);
        String id = required(node, "id", where);
        if (!ID.matcher(id).matches()) {
            throw new ScanException(where + ": id '" + id + "' must match " + ID.pattern());
        }
        String at = where + " (" + id + ")";
        String regexText = required(node, "regex", at);
        RuleRegex regex = compile(engine, regexText, at + ": regex");
        JsonNode allowlist = node.path("allowlist");
        if (!allowlist.isMissingNode()) {
            if (!allowlist.isObject()) {
                throw new ScanException(at + ": allowlist must be an object");
            }
            unknownFields(allowlist, ALLOWLIST_FIELDS, at + ": allowlist");
        }
        double entropy = node.path("entropy").asDouble(0);
        int window = node.path("window").asInt(0);
        int lookback = node.path("lookback").asInt(-1);
        if (entropy < 0 || entropy > 8 || window < 0 || window > 1 << 20 || lookback < -1 || lookback > 4096) {
            throw new ScanException(at + ": entropy must be 0–8, window 0–1048576 and lookback 0–4096");
        }
        return new Rule(
                id,
                required(node, "description", at),
                Category.ofId(node.path("category").asText("secret")),
                Severity.parse(required(node, "severity", at)),
                regex,
                regex.hasGroup("secret") ? "secret" : null,
                keywords(node, at),
                entropy,
                strings(node, "files", at).stream().map(FileNameGlob::of).toList(),
                strings(allowlist, "secrets", at).stream()
                        .map(r -> compile(engine, r, at + ": allowlist"))
                        .toList(),
                strings(allowlist, "matches", at).stream()
                        .map(r -> compile(engine, r, at + ": allowlist"))
                        .toList(),
                node.has("validator")
                        ? Rule.Validator.parse(node.get("validator").asText())
                        : null,
                lookback,
                window,
                node.path("cwe").asText(null),
                node.path("help").asText(null),
                node.path("unless_secret").asBoolean(false),
                node.has("priority") ? Rule.Priority.parse(node.get("priority").asText()) : Rule.Priority.VENDOR,
                node.path("ignore_placeholders").asBoolean(false));
    }

    /** A keyword is at most {@link KeywordIndex#MAX_KEYWORD} bytes: a rule needs a few letters, not a file. */
    private static List<String> keywords(JsonNode node, String where) {
        List<String> keywords = strings(node, "keywords", where).stream()
                .map(k -> k.toLowerCase(Locale.ROOT))
                .toList();
        for (String keyword : keywords) { // lower case first: it can be longer (İ is 2 bytes, i̇ 3)
            if (keyword.getBytes(StandardCharsets.UTF_8).length > KeywordIndex.MAX_KEYWORD) {
                throw new ScanException(where + ": a keyword is longer than " + KeywordIndex.MAX_KEYWORD + " bytes");
            }
        }
        return keywords;
    }

    private static String required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ScanException(where + ": " + field + " is required (a string)");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ScanException(where + ": " + field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw new ScanException(where + ": " + field + " must be an array of non-empty strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static void unknownFields(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ScanException(where + ": unknown field '" + name + "'");
            }
        }
    }

    private static RuleRegex compile(Function<String, RuleRegex> engine, String regex, String where) {
        try {
            return engine.apply(regex);
        } catch (IllegalArgumentException e) {
            throw new ScanException(where + " does not compile: " + e.getMessage() + " in " + regex);
        }
    }
}
