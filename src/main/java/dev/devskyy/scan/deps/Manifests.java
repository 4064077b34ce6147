package dev.devskyy.scan.deps;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The dependency manifests the deps check reads: requirements*.txt, package-lock.json (v1–v3),
 * package.json (only where no lock file is beside it) and pom.xml. Only exact versions can be
 * matched against advisories; ranges are counted as unpinned.
 */
public final class Manifests {
    /** What one manifest names: pinned dependencies, and how many it names without a pinned version. */
    public record Read(List<Dependency> dependencies, int unpinned) {}

    private static final Pattern REQUIREMENTS_FILE = Pattern.compile("requirements[\\w.-]*\\.txt");
    private static final Pattern REQUIREMENT = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[[^\\]]*\\])?\\s*(===?)\\s*([^\\s;,#]+)");
    private static final Pattern REQUIREMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*.*");
    private static final Pattern EXACT_NPM = Pattern.compile("[=v]?\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)\\}");

    private Manifests() {}

    /** Whether the deps check reads a file of this name. */
    public static boolean isManifest(String fileName) {
        return fileName.equals("package-lock.json")
                || fileName.equals("package.json")
                || fileName.equals("pom.xml")
                || REQUIREMENTS_FILE.matcher(fileName).matches();
    }

    public static Read read(String fileName, byte[] data, int length, String path) throws IOException {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        return switch (fileName) {
            case "package-lock.json" -> packageLock(data, length, path);
            case "package.json" -> packageJson(text, path);
            case "pom.xml" -> pom(data, length, path);
            default -> requirements(text, path);
        };
    }

    static String normalizePypi(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static Read requirements(String text, String path) {
        List<Dependency> found = new ArrayList<>();
        int unpinned = 0;
        String[] lines = text.split("\r?\n", -1);
        boolean continued = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean wasContinued = continued;
            continued = line.endsWith("\\");
            int hash = line.indexOf(" #");
            String content = (line.startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line).strip();
            if (wasContinued || content.isEmpty() || content.startsWith("-") || content.contains("://")) {
                continue;
            }
            Matcher m = REQUIREMENT.matcher(content);
            if (m.lookingAt() && !m.group(3).contains("*")) {
                found.add(new Dependency("PyPI", normalizePypi(m.group(1)), m.group(3), path, i + 1));
            } else if (REQUIREMENT_NAME.matcher(content).matches()) {
                unpinned++;
            }
        }
        return new Read(found, unpinned);
    }

    private static Read packageLock(byte[] data, int length, String path) throws IOException {
        List<Dependency> found = new ArrayList<>();
        try (JsonParser parser = Json.files().createParser(data, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("packages") && parser.currentToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        int line = parser.currentLocation().getLineNr();
                        parser.nextToken();
                        JsonNode entry = parser.readValueAsTree();
                        int at = key.lastIndexOf("node_modules/");
                        if (at >= 0
                                && !entry.path("link").asBoolean()
                                && entry.path("version").isTextual()) {
                            String name = entry.path("name").asText(key.substring(at + "node_modules/".length()));
                            found.add(new Dependency(
                                    "npm", name, entry.get("version").asText(), path, line));
                        }
                    }
                } else if (field.equals("dependencies") && parser.currentToken() == JsonToken.START_OBJECT) {
                    int line = parser.currentLocation().getLineNr();
                    lockV1(parser.readValueAsTree(), path, line, found);
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new Read(dedupe(found), 0);
    }

    /** Lock file v1 nests dependencies by name; v2 repeats them there, so duplicates are dropped. */
    private static void lockV1(JsonNode dependencies, String path, int line, List<Dependency> found) {
        dependencies.properties().forEach(e -> {
            JsonNode entry = e.getValue();
            if (entry.path("version").isTextual()
                    && !entry.path("version").asText().startsWith("file:")) {
                found.add(new Dependency("npm", e.getKey(), entry.get("version").asText(), path, line));
            }
            if (entry.path("dependencies").isObject()) {
                lockV1(entry.get("dependencies"), path, line, found);
            }
        });
    }

    private static List<Dependency> dedupe(List<Dependency> found) {
        Map<String, Dependency> unique = new java.util.LinkedHashMap<>();
        for (Dependency d : found) {
            unique.putIfAbsent(d.name() + "@" + d.version(), d);
        }
        return new ArrayList<>(unique.values());
    }

    private static Read packageJson(String text, String path) throws IOException {
        JsonNode root = Json.files().readTree(text);
        List<Dependency> found = new ArrayList<>();
        int unpinned = 0;
        Map<String, Integer> lines = firstLines(text);
        for (String section : List.of("dependencies", "devDependencies", "optionalDependencies")) {
            JsonNode deps = root.path(section);
            for (Map.Entry<String, JsonNode> e : deps.properties()) {
                String spec = e.getValue().asText("").strip();
                if (EXACT_NPM.matcher(spec).matches()) {
                    String version = spec.charAt(0) == '=' || spec.charAt(0) == 'v' ? spec.substring(1) : spec;
                    found.add(new Dependency("npm", e.getKey(), version, path, lines.getOrDefault(e.getKey(), 1)));
                } else {
                    unpinned++;
                }
            }
        }
        return new Read(found, unpinned);
    }

    /**
     * The line each quoted string first appears on, found in one pass: searching the text once per
     * dependency would take quadratic time on a package.json of a hundred thousand of them.
     */
    private static Map<String, Integer> firstLines(String text) {
        Map<String, Integer> first = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = QUOTED.matcher(lines[i]);
            while (m.find()) {
                first.putIfAbsent(m.group(1), i + 1);
            }
        }
        return first;
    }

    /** Direct dependencies and managed versions, with ${properties} of the same pom resolved. */
    private static Read pom(byte[] data, int length, String path) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, String> properties = new HashMap<>();
        List<String[]> declared = new ArrayList<>();
        Deque<String> elements = new ArrayDeque<>();
        Map<String, String> current = null;
        StringBuilder text = new StringBuilder();
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(data, 0, length));
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    elements.push(xml.getLocalName());
                    text.setLength(0);
                    if (xml.getLocalName().equals("dependency") && isDependencyList(elements)) {
                        current = new HashMap<>();
                        current.put("line", String.valueOf(xml.getLocation().getLineNumber()));
                    }
                } else if (event == XMLStreamReader.CHARACTERS || event == XMLStreamReader.CDATA) {
                    text.append(xml.getText());
                } else if (event == XMLStreamReader.END_ELEMENT) {
                    String name = elements.pop();
                    String value = text.toString().strip();
                    String parent = elements.peek();
                    if ("properties".equals(parent) && elements.size() == 2) {
                        properties.put(name, value);
                    } else if (elements.size() == 1 && name.equals("version")) {
                        properties.put("project.version", value);
                    } else if ("parent".equals(parent) && elements.size() == 2 && name.equals("version")) {
                        properties.put("project.parent.version", value);
                    } else if (current != null && "dependency".equals(parent)) {
                        current.put(name, value);
                    } else if (current != null && name.equals("dependency")) {
                        declared.add(new String[] {
                            current.get("groupId"),
                            current.get("artifactId"),
                            current.get("version"),
                            current.get("line")
                        });
                        current = null;
                    }
                    text.setLength(0);
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
        properties.putIfAbsent("project.version", properties.get("project.parent.version"));
        List<Dependency> found = new ArrayList<>();
        int unpinned = 0;
        for (String[] d : declared) {
            String version = d[2] == null ? null : resolve(d[2], properties);
            if (d[0] == null || d[1] == null || version == null || version.matches(".*[\\[\\](),].*")) {
                unpinned++;
            } else {
                found.add(new Dependency("Maven", d[0] + ":" + d[1], version, path, Integer.parseInt(d[3])));
            }
        }
        return new Read(found, unpinned);
    }

    private static boolean isDependencyList(Deque<String> elements) {
        var it = elements.iterator();
        it.next();
        return it.hasNext() && it.next().equals("dependencies");
    }

    /** The value with its ${…} replaced, or null when a property is not defined in the pom. */
    private static String resolve(String value, Map<String, String> properties) {
        String resolved = value;
        for (int depth = 0; depth < 10 && resolved.contains("${"); depth++) {
            Matcher m = PROPERTY.matcher(resolved);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = properties.get(m.group(1));
                if (replacement == null) {
                    return null;
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            resolved = out.toString();
        }
        return resolved.contains("${") ? null : resolved;
    }
}
