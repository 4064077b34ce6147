package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The manual ({@code docs/*.md}) as resources {@code devskyy://docs/PAGE}. The build copies the
 * pages into the jar beside an index of their names ({@code pages.txt}), since a class path cannot
 * be listed; only names from the index are ever opened, so a URI cannot name anything else.
 */
final class DocPages {
    private static final String DIRECTORY = "/dev/devskyy/docs/";
    private static final String PREFIX = ResourceSpec.SCHEME + "docs/";
    private static final Pattern PAGE = Pattern.compile("[a-z0-9-]+");

    private final List<String> pages;

    private DocPages(List<String> pages) {
        this.pages = pages;
    }

    /** The pages the build bundled, sorted; none when the index is missing (a build without docs). */
    static DocPages bundled() {
        List<String> pages = new ArrayList<>();
        try (InputStream in = DocPages.class.getResourceAsStream(DIRECTORY + "pages.txt")) {
            if (in != null) {
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                        .lines()
                        .map(String::strip)
                        .filter(line -> PAGE.matcher(line).matches())
                        .sorted()
                        .forEach(pages::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DocPages(List.copyOf(pages));
    }

    List<ResourceSpec> resources() {
        List<ResourceSpec> resources = new ArrayList<>();
        for (String page : pages) {
            String text = read(page);
            resources.add(ResourceSpec.shared(
                    PREFIX + page,
                    page + ".md",
                    heading(page, text),
                    "devskyy manual: docs/" + page + ".md",
                    "text/markdown",
                    caller -> read(page)));
        }
        return resources;
    }

    static ObjectNode template() {
        ObjectNode template = Json.object();
        template.put("uriTemplate", PREFIX + "{page}");
        template.put("name", "docs");
        template.put("title", "devskyy manual page");
        template.put(
                "description",
                "A page of the devskyy manual by name, e.g. " + PREFIX + "errors, " + PREFIX + "security or " + PREFIX
                        + "mcp; the resource listing names them all.");
        template.put("mimeType", "text/markdown");
        return template;
    }

    /** The page's first {@code # } heading, which every page has; its name otherwise. */
    private static String heading(String page, String text) {
        return text.lines()
                .filter(line -> line.startsWith("# "))
                .findFirst()
                .map(line -> line.substring(2).strip())
                .orElse(page);
    }

    private static String read(String page) {
        try (InputStream in = DocPages.class.getResourceAsStream(DIRECTORY + page + ".md")) {
            if (in == null) {
                throw new IllegalStateException("the index names docs page " + page + ", but the jar lacks it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
