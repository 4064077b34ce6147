package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify wordpress} and {@code wordpress_read} against a real WordPress (Debian's package, on Apache with mod_php and a
 * private MariaDB, all on loopback): the weaknesses planted on one server are found, for the right
 * reasons; the hardened server over the same site passes; nothing a leaked file holds is repeated.
 */
class WordPressIT {
    @TempDir
    static Path work;

    @TempDir
    Path home;

    static LoopbackWordPress wordpress;

    @BeforeAll
    static void start() throws Exception {
        wordpress = LoopbackWordPress.start(work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (wordpress != null) {
            wordpress.close();
        }
    }

    Launcher.Run audit(String url, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "verify",
                "wordpress",
                url,
                "--audit-log",
                home.resolve("audit.log").toString()));
        args.addAll(List.of(more));
        return Launcher.run(home, Launcher.PROJECT, Map.of(), Launcher.SCRIPT, args.toArray(String[]::new));
    }

    static List<String> checks(JsonNode report) {
        return report.get("findings").findValuesAsText("check");
    }

    @Test
    void theWeakShopsPlantedWeaknessesAreFound() throws Exception {
        Launcher.Run run = audit(wordpress.weakUrl(), "--json");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        JsonNode report = Json.parse(run.out());
        assertThat(report.get("wordpress").asBoolean()).isTrue();
        assertThat(report.get("version").asText()).startsWith("6.");
        assertThat(report.get("users").get(0).asText()).isEqualTo(LoopbackWordPress.ADMIN);
        assertThat(checks(report))
                .contains(
                        "version-disclosed",
                        "rest-user-enumeration",
                        "author-enumeration",
                        "xmlrpc-enabled",
                        "readme-readable",
                        "debug-log-readable",
                        "directory-listing",
                        "config-backup-readable",
                        "woocommerce-unauthenticated-orders")
                // the products and customers routes ask for a login: not reported
                .doesNotContain("woocommerce-unauthenticated-products", "woocommerce-unauthenticated-customers");
        assertThat(report.at("/headers/grade").asText()).isEqualTo("F");
    }

    @Test
    void whatALeakedFileHoldsIsNeverRepeated() throws Exception {
        Launcher.Run text = audit(wordpress.weakUrl());
        Launcher.Run json = audit(wordpress.weakUrl(), "--json");
        String everything =
                text.out() + text.err() + json.out() + json.err() + Files.readString(home.resolve("audit.log"));
        assertThat(everything)
                .doesNotContain(LoopbackWordPress.DB_PASSWORD)
                .doesNotContain("dbg-s3cr3t")
                .doesNotContain("shopper@example.com");
        assertThat(text.out()).contains("high    config-backup-readable").contains("FAILED at --fail-on high");
    }

    @Test
    void theHardenedShopPasses() throws Exception {
        Launcher.Run run = audit(wordpress.hardenedUrl(), "--json", "--fail-on", "medium");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        JsonNode report = Json.parse(run.out());
        assertThat(report.get("wordpress").asBoolean()).isTrue();
        assertThat(checks(report)).isEmpty();
        assertThat(report.get("users")).isEmpty();
    }

    Launcher.Run read(Map<String, String> env, String resource, String... grants) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "tools",
                "call",
                "wordpress_read",
                "--arg",
                "resource=" + resource,
                "--audit-log",
                home.resolve("audit.log").toString()));
        args.addAll(List.of(grants));
        return Launcher.run(home, Launcher.PROJECT, env, Launcher.SCRIPT, args.toArray(String[]::new));
    }

    Map<String, String> configured(String url, String password) {
        return Map.of(
                "DEVSKYY_WORDPRESS_URL", url,
                "DEVSKYY_WORDPRESS_USER", LoopbackWordPress.ADMIN,
                "DEVSKYY_WORDPRESS_APP_PASSWORD", password);
    }

    static final String[] GRANTS = {"--allow", "wordpress:api,network:outbound", "--allow-host", "127.0.0.1", "--json"};

    @Test
    void theRestClientReadsPostsAndOrdersWithAnApplicationPassword() throws Exception {
        Map<String, String> env = configured(wordpress.hardenedUrl(), wordpress.applicationPassword());
        Launcher.Run posts = read(env, "posts", GRANTS);
        assertThat(posts.code()).as(posts.err()).isZero();
        assertThat(Json.parse(posts.out())
                        .at("/structuredContent/items/0/title/rendered")
                        .asText())
                .isEqualTo("Runway collection");
        // the hardened shop's orders route wants an administrator: the application password is one
        Launcher.Run orders = read(env, "orders", GRANTS);
        assertThat(orders.code()).as(orders.err()).isZero();
        JsonNode order = Json.parse(orders.out()).at("/structuredContent/items/0");
        assertThat(order.get("id").asInt()).isEqualTo(101);
        assertThat(order.get("total").asText()).isEqualTo("120.00");
        assertThat(orders.out()).doesNotContain("shopper@example.com").doesNotContain("Ada");
        assertThat(posts.out()
                        + posts.err()
                        + orders.out()
                        + orders.err()
                        + Files.readString(home.resolve("audit.log")))
                .doesNotContain(wordpress.applicationPassword());
    }

    @Test
    void aWrongPasswordIsTheSitesRefusal_andIsNeverShown() throws Exception {
        Launcher.Run run = read(configured(wordpress.hardenedUrl(), "wrong pass word 1234 5678"), "orders", GRANTS);
        assertThat(run.code()).isEqualTo(6);
        assertThat(run.err()).contains("E6002").contains("refused the credentials (401)");
        assertThat(run.out() + run.err()).doesNotContain("wrong pass word");
    }

    @Test
    void unconfiguredOrUngranted_theClientRefusesWithATypedError() throws Exception {
        Launcher.Run unconfigured = read(Map.of(), "posts", GRANTS);
        assertThat(unconfigured.code()).isEqualTo(2);
        assertThat(unconfigured.err()).contains("E4001 INVALID_INPUT: WordPress is not configured");
        Launcher.Run ungranted = read(
                configured(wordpress.weakUrl(), wordpress.applicationPassword()),
                "posts",
                "--allow",
                "network:outbound",
                "--allow-host",
                "127.0.0.1");
        assertThat(ungranted.code()).isEqualTo(3);
        assertThat(ungranted.err()).contains("E4003").contains("wordpress:api");
    }

    @Test
    void aSiteNothingAnswersForIsANetworkError() throws Exception {
        Launcher.Run run = audit("http://127.0.0.1:9/");
        // nothing listens on the discard port: a network error, retried (the audit only reads), then given up
        assertThat(run.code()).isEqualTo(5);
        assertThat(run.err()).contains("E5002 RETRIES_EXHAUSTED").contains("last: E6001 NETWORK_ERROR: cannot connect");
    }
}
