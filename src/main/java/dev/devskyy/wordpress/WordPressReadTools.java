package dev.devskyy.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.Printable;
import dev.devskyy.net.HttpHeaders;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.net.WebAddress;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.RetryPolicy;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import dev.devskyy.runtime.WebClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code wordpress_read}: the platform's WordPress and WooCommerce, read through their REST API
 * with an application password from the server's environment ({@code DEVSKYY_WORDPRESS_URL},
 * {@code DEVSKYY_WORDPRESS_USER}, {@code DEVSKYY_WORDPRESS_APP_PASSWORD}). Read-only; orders come
 * without their customers' names and addresses. The credentials travel only in the Authorization
 * header of a request to the configured site: never in a result, a log or an error, and never
 * after a redirect (which is refused, so they cannot follow one to another host).
 */
final class WordPressReadTools {
    static final String URL = "DEVSKYY_WORDPRESS_URL";
    static final String USER = "DEVSKYY_WORDPRESS_USER";
    static final String PASSWORD = "DEVSKYY_WORDPRESS_APP_PASSWORD";
    /** A page of 50 products with their descriptions stays under this. */
    static final long MAX_ANSWER_BYTES = 4L * 1024 * 1024;

    /** Where each resource lives, and the fields of it a result keeps. */
    private record Resource(String route, List<String> fields) {}

    private static final Map<String, Resource> RESOURCES = Map.of(
            "posts", new Resource("wp/v2/posts", List.of("id", "date", "status", "link", "title")),
            "pages", new Resource("wp/v2/pages", List.of("id", "date", "status", "link", "title")),
            "media", new Resource("wp/v2/media", List.of("id", "date", "link", "title", "mime_type", "source_url")),
            "products",
                    new Resource(
                            "wc/v3/products", List.of("id", "name", "status", "price", "stock_status", "permalink")),
            // no billing, shipping or customer note: an agent that counts orders needs none of them
            "orders",
                    new Resource(
                            "wc/v3/orders",
                            List.of("id", "status", "date_created", "total", "currency", "line_items")));

    private WordPressReadTools() {}

    static ToolSpec tool(Map<String, String> env) {
        return ToolSpec.builder("wordpress_read")
                .version("1.0.0")
                .title("Read the platform's WordPress and WooCommerce")
                .description("Lists posts, pages, media, products or orders (without customer details) from the "
                        + "configured WordPress site, read-only.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["resource"],
                         "properties":{
                           "resource":{"type":"string","enum":["posts","pages","media","products","orders"]},
                           "search":{"type":"string","maxLength":200},
                           "per_page":{"type":"integer","minimum":1,"maximum":50,"default":10},
                           "page":{"type":"integer","minimum":1,"maximum":10000,"default":1}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["resource","items"],
                         "properties":{
                           "resource":{"type":"string"},
                           "items":{"type":"array","items":{"type":"object"}},
                           "total":{"type":"integer"},"total_pages":{"type":"integer"}}}
                        """)
                .permissions(ToolPermission.WORDPRESS_API, ToolPermission.NETWORK_OUTBOUND)
                .idempotent(true)
                .retryPolicy(RetryPolicy.standard())
                .handler((args, context) -> read(args, context, env))
                .build();
    }

    private static ToolOutput read(JsonNode args, ToolCallContext context, Map<String, String> env) {
        String site = env.get(URL);
        String user = env.get(USER);
        String password = env.get(PASSWORD);
        if (isBlank(site) || isBlank(user) || isBlank(password)) {
            throw ToolError.of(
                    ErrorCode.E4001,
                    "WordPress is not configured: the server needs " + URL + ", " + USER + " and " + PASSWORD
                            + " (an application password) in its environment");
        }
        WebAddress root;
        try {
            root = WebAddress.parse(site);
        } catch (IllegalArgumentException e) {
            throw ToolError.of(ErrorCode.E4001, URL + " is not a URL devskyy fetches: " + e.getMessage());
        }
        String name = args.get("resource").asText();
        Resource resource = RESOURCES.get(name);
        StringBuilder query = new StringBuilder()
                .append("?per_page=")
                .append(args.path("per_page").asInt(10))
                .append("&page=")
                .append(args.path("page").asInt(1))
                .append("&_fields=")
                .append(String.join(",", resource.fields()));
        if (args.hasNonNull("search")) {
            query.append("&search=").append(URLEncoder.encode(args.get("search").asText(), StandardCharsets.UTF_8));
        }
        // the API lives under the site's own path (a WordPress in /shop/ answers at /shop/wp-json/)
        String path = root.target().replaceFirst("\\?.*$", "");
        WebAddress address =
                root.resolve((path.endsWith("/") ? path : path + "/") + "wp-json/" + resource.route() + query);
        String credentials = Base64.getEncoder()
                .encodeToString((user + ":" + password.replace(" ", "")).getBytes(StandardCharsets.UTF_8));
        HttpResponse answer = context.web()
                .send(
                        address,
                        new WebClient.Request(
                                "GET",
                                MAX_ANSWER_BYTES,
                                false,
                                List.of(
                                        new HttpHeaders.Field("Authorization", "Basic " + credentials),
                                        new HttpHeaders.Field("Accept", "application/json"))));
        JsonNode items = items(answer, name);
        ObjectNode out = Json.object().put("resource", name);
        ArrayNode kept = out.putArray("items");
        StringBuilder text = new StringBuilder();
        for (JsonNode item : items) {
            ObjectNode one = kept.addObject();
            for (String field : resource.fields()) {
                JsonNode value = item.get(field);
                if (value != null) {
                    one.set(field, field.equals("line_items") ? lineItems(value) : value);
                }
            }
            JsonNode title = item.path("title").path("rendered");
            String label = title.isMissingNode()
                    ? item.path("name").asText(item.path("status").asText())
                    : title.asText();
            text.append(item.path("id").asText())
                    .append("  ")
                    .append(Printable.of(label, 300))
                    .append('\n');
        }
        answer.headers()
                .first("x-wp-total")
                .filter(WordPressReadTools::isNumber)
                .ifPresent(t -> out.put("total", Long.parseLong(t)));
        answer.headers()
                .first("x-wp-totalpages")
                .filter(WordPressReadTools::isNumber)
                .ifPresent(t -> out.put("total_pages", Long.parseLong(t)));
        return new ToolOutput(
                text.length() == 0 ? "no " + name : text.toString().stripTrailing(), out);
    }

    private static JsonNode items(HttpResponse answer, String resource) {
        int status = answer.status();
        if (answer.isRedirect() || (status >= 300 && status < 400)) {
            throw ToolError.of(
                    ErrorCode.E6002, "the WordPress API redirected: set " + URL + " to the address it redirects to");
        }
        if (status == 401 || status == 403) {
            throw ToolError.of(
                    ErrorCode.E6002,
                    "WordPress refused the credentials (" + status + "): check " + USER
                            + " and the application password");
        }
        if (status == 404) {
            throw ToolError.of(
                    ErrorCode.E6002,
                    "WordPress has no " + resource + " route"
                            + (resource.equals("products") || resource.equals("orders")
                                    ? " (is WooCommerce active?)"
                                    : ""));
        }
        if (status != 200) {
            throw ToolError.of(ErrorCode.E6002, "WordPress answered " + status).retryable(status >= 500);
        }
        if (answer.truncated()) {
            throw ToolError.of(
                    ErrorCode.E6002,
                    "WordPress answered more than " + MAX_ANSWER_BYTES + " bytes: ask for fewer per page");
        }
        try {
            JsonNode items = Json.parse(answer.body());
            if (items.isArray()) {
                return items;
            }
        } catch (IOException e) {
            // told below, without quoting the answer
        }
        throw ToolError.of(ErrorCode.E6002, "WordPress's answer is not a JSON list");
    }

    /** An order's line items: what was bought, never by whom. */
    private static JsonNode lineItems(JsonNode items) {
        ArrayNode kept = Json.array();
        for (JsonNode item : items) {
            kept.addObject()
                    .put("name", item.path("name").asText())
                    .put("quantity", item.path("quantity").asInt());
        }
        return kept;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() < 12 && text.chars().allMatch(Character::isDigit);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
