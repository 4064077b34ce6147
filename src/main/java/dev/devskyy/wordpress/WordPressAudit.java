package dev.devskyy.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a WordPress site tells someone who has not logged in, found the way an attacker finds it:
 * a handful of GET requests for the places WordPress and its hosting are known to leak (the
 * generator tag and asset versions, the users REST route and author archives, xmlrpc.php,
 * readme.html, debug.log, directory listings, editor backups of wp-config.php, WooCommerce routes
 * answering without authentication). What a page holds is read to decide, never repeated: a
 * backup's database password or a log line never reaches a finding.
 */
public final class WordPressAudit {
    /** One answer the audit asked for. */
    public record Answer(int status, String finalUrl, String contentType, String body) {
        boolean ok() {
            return status == 200;
        }
    }

    /** Fetches a path of the site (relative to its root), redirects followed; null when it did not answer. */
    @FunctionalInterface
    public interface Site {
        Answer get(String path);
    }

    public enum Severity {
        INFO,
        LOW,
        MEDIUM,
        HIGH;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Severity parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** One thing an attacker learns; {@code evidence} is devskyy's description, never the site's bytes. */
    public record Finding(String check, Severity severity, String title, String path, String evidence) {}

    /** What was found, and what the site is. */
    public record Report(
            boolean wordpress,
            String version,
            List<String> users,
            Map<String, String> plugins,
            List<Finding> findings) {}

    /** Editor and hosting-panel leftovers of wp-config.php that a web server serves as text. */
    static final List<String> CONFIG_BACKUPS = List.of(
            "/wp-config.php.bak",
            "/wp-config.php~",
            "/wp-config.php.save",
            "/wp-config.php.orig",
            "/wp-config.php.old",
            "/wp-config.bak",
            "/wp-config.txt",
            "/.wp-config.php.swp");

    /** At most this many user names are listed: enough to act on, not a dump. */
    static final int MAX_USERS = 20;

    private static final Pattern GENERATOR =
            Pattern.compile("<meta\\s+name=[\"']generator[\"']\\s+content=[\"']WordPress\\s+([0-9][0-9.]{0,15})");
    private static final Pattern PLUGIN_ASSET =
            Pattern.compile("/wp-content/plugins/([a-z0-9_-]{1,64})/[^\"'?\\s]{0,256}\\?ver=([0-9][0-9a-z.-]{0,20})");
    private static final Pattern AUTHOR_PATH = Pattern.compile("/author/([a-z0-9_.@-]{1,64})/?");

    private WordPressAudit() {}

    public static Report audit(Site site) {
        List<Finding> findings = new ArrayList<>();
        Answer home = site.get("/");
        String page = home == null ? "" : home.body();
        String version = first(GENERATOR, page);
        Answer restIndex = site.get("/wp-json/");
        JsonNode routes = json(restIndex);
        boolean wordpress = version != null
                || page.contains("/wp-content/")
                || page.contains("/wp-includes/")
                || (routes != null && routes.has("namespaces"));
        if (!wordpress) {
            return new Report(false, null, List.of(), Map.of(), List.of());
        }
        if (version != null) {
            findings.add(new Finding(
                    "version-disclosed",
                    Severity.LOW,
                    "WordPress " + version + " is named in the page's generator tag",
                    "/",
                    "an attacker matches the version against known vulnerabilities; remove the tag"
                            + " (remove_action('wp_head', 'wp_generator')) and keep WordPress current"));
        }
        Map<String, String> plugins = plugins(page);
        if (!plugins.isEmpty()) {
            findings.add(new Finding(
                    "plugin-versions-disclosed",
                    Severity.LOW,
                    plugins.size() + " plugin versions are named in asset URLs",
                    "/",
                    "the ?ver= of plugin assets tells which versions run: " + String.join(", ", plugins.keySet())));
        }
        List<String> users = users(site, findings);
        exposedFiles(site, findings);
        woocommerce(site, routes, findings);
        return new Report(true, version, users, plugins, findings);
    }

    private static Map<String, String> plugins(String page) {
        Map<String, String> plugins = new LinkedHashMap<>();
        Matcher m = PLUGIN_ASSET.matcher(page);
        while (m.find() && plugins.size() < 50) {
            plugins.putIfAbsent(m.group(1), m.group(2));
        }
        return plugins;
    }

    /** The REST users route and author archives, each of which hands out login names. */
    private static List<String> users(Site site, List<Finding> findings) {
        List<String> users = new ArrayList<>();
        JsonNode listed = json(site.get("/wp-json/wp/v2/users"));
        if (listed != null && listed.isArray() && !listed.isEmpty()) {
            for (JsonNode user : listed) {
                if (user.path("slug").isTextual() && users.size() < MAX_USERS) {
                    users.add(user.get("slug").asText());
                }
            }
            findings.add(new Finding(
                    "rest-user-enumeration",
                    Severity.MEDIUM,
                    "the REST API lists " + listed.size() + (listed.size() == 1 ? " user" : " users") + " to anyone",
                    "/wp-json/wp/v2/users",
                    "login names are half of a brute-force attack; restrict the users endpoint to"
                            + " authenticated requests (rest_endpoints filter) or a security plugin's setting"));
        }
        Answer author = site.get("/?author=1");
        if (author != null && author.ok()) {
            String slug = first(AUTHOR_PATH, author.finalUrl());
            if (slug != null) {
                if (!users.contains(slug) && users.size() < MAX_USERS) {
                    users.add(slug);
                }
                findings.add(new Finding(
                        "author-enumeration",
                        Severity.MEDIUM,
                        "?author=1 redirects to the author archive of user " + slug,
                        "/?author=1",
                        "author IDs map to login names one by one; redirect ?author= requests away or disable"
                                + " author archives"));
            }
        }
        return users;
    }

    private static void exposedFiles(Site site, List<Finding> findings) {
        Answer xmlrpc = site.get("/xmlrpc.php");
        if (xmlrpc != null && xmlrpc.body().contains("XML-RPC server accepts POST requests only")) {
            findings.add(new Finding(
                    "xmlrpc-enabled",
                    Severity.MEDIUM,
                    "xmlrpc.php answers",
                    "/xmlrpc.php",
                    "system.multicall tries hundreds of passwords per request and pingback.ping makes the"
                            + " site fetch URLs for others; block xmlrpc.php unless an app needs it"));
        }
        Answer readme = site.get("/readme.html");
        if (readme != null && readme.ok() && readme.body().contains("WordPress")) {
            findings.add(new Finding(
                    "readme-readable",
                    Severity.LOW,
                    "readme.html is served",
                    "/readme.html",
                    "it confirms WordPress and its branch; delete it or deny it in the web server"));
        }
        Answer log = site.get("/wp-content/debug.log");
        if (log != null && log.ok() && !log.body().isBlank() && isText(log)) {
            findings.add(new Finding(
                    "debug-log-readable",
                    Severity.HIGH,
                    "wp-content/debug.log is served to anyone",
                    "/wp-content/debug.log",
                    "PHP errors name paths, queries and sometimes tokens; set WP_DEBUG_LOG to a path outside"
                            + " the web root and delete this file (its content is not shown here)"));
        }
        for (String directory : List.of("/wp-content/uploads/", "/wp-content/plugins/")) {
            Answer listing = site.get(directory);
            if (listing != null
                    && listing.ok()
                    && listing.body().contains("Index of " + directory.replaceAll("/$", ""))) {
                findings.add(new Finding(
                        "directory-listing",
                        Severity.MEDIUM,
                        directory + " is listed",
                        directory,
                        "a listing hands out every file, private uploads and plugin versions included;"
                                + " turn off Options Indexes (Apache) or autoindex (nginx)"));
            }
        }
        for (String backup : CONFIG_BACKUPS) {
            Answer copy = site.get(backup);
            if (copy != null && copy.ok() && copy.body().contains("DB_PASSWORD")) {
                findings.add(new Finding(
                        "config-backup-readable",
                        Severity.HIGH,
                        backup.substring(1) + " serves wp-config.php as text",
                        backup,
                        "the database password and the authentication keys are readable by anyone: change them"
                                + " all, then delete the file (its content is not shown here)"));
            }
        }
    }

    /** WooCommerce's admin routes must refuse a request without credentials. */
    private static void woocommerce(Site site, JsonNode routes, List<Finding> findings) {
        if (routes == null || !routes.path("namespaces").toString().contains("\"wc/")) {
            return;
        }
        for (String resource : List.of("orders", "customers", "products")) {
            String path = "/wp-json/wc/v3/" + resource;
            JsonNode answer = json(site.get(path));
            if (answer != null && answer.isArray()) {
                boolean personal = !resource.equals("products");
                findings.add(new Finding(
                        "woocommerce-unauthenticated-" + resource,
                        personal ? Severity.HIGH : Severity.MEDIUM,
                        "WooCommerce " + resource + " are readable without authentication",
                        path,
                        personal
                                ? "customers' names, addresses and orders are exposed; a plugin or filter has opened"
                                        + " the route (check permission_callback)"
                                : "the admin products route answers anonymously; check its permission_callback"));
            }
        }
    }

    private static JsonNode json(Answer answer) {
        if (answer == null
                || !answer.ok()
                || !answer.contentType().toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        try {
            return Json.parse(answer.body().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isText(Answer answer) {
        return !answer.contentType().toLowerCase(Locale.ROOT).startsWith("text/html");
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
