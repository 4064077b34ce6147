package dev.devskyy.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real WordPress on loopback, from the distribution's packages (.ci/run installs them): a
 * private MariaDB on a Unix socket, a copy of Debian's WordPress with its own wp-config.php, and
 * two Apache servers over it with mod_php: one with the weaknesses the audit must find (a served
 * debug.log and wp-config.php.bak, listed uploads, xmlrpc.php, readme.html, WooCommerce orders open
 * to anyone), one hardened. Made in a directory of its own, torn down by {@link #close}.
 */
final class LoopbackWordPress implements AutoCloseable {
    static final String ADMIN = "shopadmin";
    static final String DB_PASSWORD = "wp-db-pw-7d1c";
    static final String DEBUG_LOG_LINE = "PHP Warning: token=dbg-s3cr3t in /srv/shop/wp-content/plugins/x.php";

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final int weakPort;
    private final int hardenedPort;
    private final String applicationPassword;

    private LoopbackWordPress(Path dir) throws Exception {
        this.dir = dir;
        this.weakPort = freePort();
        this.hardenedPort = freePort();
        startDatabase();
        Path site = installFiles();
        this.applicationPassword = install(site);
        startApache("weak", weakPort, site, false);
        startApache("hardened", hardenedPort, site, true);
    }

    /** @param parent a directory the web server's user may enter (it is made world-readable below) */
    static LoopbackWordPress start(Path parent) throws Exception {
        Path dir = Files.createDirectories(parent.resolve("wordpress"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new LoopbackWordPress(dir);
    }

    String weakUrl() {
        return "http://127.0.0.1:" + weakPort + "/";
    }

    String hardenedUrl() {
        return "http://127.0.0.1:" + hardenedPort + "/";
    }

    /** An application password of the administrator, for the REST client's tests. */
    String applicationPassword() {
        return applicationPassword;
    }

    private void startDatabase() throws Exception {
        String user = System.getProperty("user.name");
        run(List.of(
                "mariadb-install-db",
                "--no-defaults",
                "--datadir=" + dir.resolve("db"),
                "--auth-root-authentication-method=normal",
                "--user=" + user,
                "--skip-test-db"));
        processes.add(background(
                List.of(
                        "setsid",
                        "/usr/sbin/mariadbd", // sbin: not on every user's PATH
                        "--no-defaults",
                        "--datadir=" + dir.resolve("db"),
                        "--socket=" + socket(),
                        "--skip-networking",
                        "--user=" + user,
                        "--pid-file=" + dir.resolve("db.pid"),
                        "--log-error=" + dir.resolve("db.err")),
                "mariadbd"));
        waitFor(() -> Files.exists(socket()), "MariaDB's socket");
        run(List.of(
                "mariadb",
                "--no-defaults",
                "-S",
                socket().toString(),
                "-u",
                "root",
                "-e",
                "CREATE DATABASE wp; CREATE USER 'wp'@'localhost' IDENTIFIED BY '" + DB_PASSWORD + "';"
                        + " GRANT ALL ON wp.* TO 'wp'@'localhost';"));
    }

    private Path socket() {
        return dir.resolve("mysql.sock");
    }

    private Path installFiles() throws Exception {
        Path site = dir.resolve("site");
        run(List.of("cp", "-a", "/usr/share/wordpress", site.toString()));
        String config = """
                <?php
                define('DB_NAME', 'wp');
                define('DB_USER', 'wp');
                define('DB_PASSWORD', '%s');
                define('DB_HOST', 'localhost:%s');
                define('DB_CHARSET', 'utf8mb4');
                define('DB_COLLATE', '');
                foreach (array('AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT',
                        'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT') as $name) {
                    define($name, 'devskyy-test-only-' . $name);
                }
                $table_prefix = 'wp_';
                if (!empty($_SERVER['HTTP_HOST'])) {
                    define('WP_HOME', 'http://' . $_SERVER['HTTP_HOST']);
                    define('WP_SITEURL', 'http://' . $_SERVER['HTTP_HOST']);
                }
                define('WP_ENVIRONMENT_TYPE', 'local');
                define('DISABLE_WP_CRON', true);
                define('AUTOMATIC_UPDATER_DISABLED', true);
                define('WP_HTTP_BLOCK_EXTERNAL', true);
                if (!defined('ABSPATH')) {
                    define('ABSPATH', __DIR__ . '/');
                }
                require_once ABSPATH . 'wp-settings.php';
                """.formatted(DB_PASSWORD, socket());
        Files.writeString(site.resolve("wp-config.php"), config);
        Files.writeString(site.resolve("wp-config.php.bak"), config); // an editor's leftover, served as text
        Path content = site.resolve("wp-content");
        Files.createDirectories(content.resolve("mu-plugins"));
        try (InputStream plugin = LoopbackWordPress.class.getResourceAsStream("/wordpress/devskyy-test-shop.php")) {
            Files.copy(plugin, content.resolve("mu-plugins/devskyy-test-shop.php"));
        }
        Files.createDirectories(content.resolve("uploads/2026/11"));
        Files.writeString(content.resolve("uploads/2026/11/runway-look-01.jpg"), "not really a photo");
        Files.writeString(content.resolve("debug.log"), "[01-Dec-2026 10:00:00 UTC] " + DEBUG_LOG_LINE + "\n");
        run(List.of("chmod", "-R", "o+rX", site.toString()));
        return site;
    }

    /** Installs WordPress with PHP itself, as its installer does, and makes an application password. */
    private String install(Path site) throws Exception {
        Path script = dir.resolve("install.php");
        Files.writeString(script, """
                <?php
                define('WP_INSTALLING', true);
                $_SERVER['HTTP_HOST'] = '127.0.0.1:%d';
                $_SERVER['REQUEST_URI'] = '/';
                require '%s/wp-load.php';
                require_once ABSPATH . 'wp-admin/includes/upgrade.php';
                wp_install('DevSkyy Test Shop', '%s', 'admin@shop.test', true, '', 'admin-pw-Xy7!');
                update_option('permalink_structure', '/%%postname%%/');
                wp_insert_post(array('post_title' => 'Runway collection', 'post_content' => 'The new season.',
                    'post_status' => 'publish', 'post_author' => 1));
                $password = WP_Application_Passwords::create_new_application_password(1, array('name' => 'devskyy'));
                echo is_wp_error($password) ? 'ERROR ' . $password->get_error_message() : $password[0];
                """.formatted(weakPort, site, ADMIN));
        String out = run(List.of("php", script.toString())).strip();
        String password = out.lines().reduce((a, b) -> b).orElse("");
        if (password.startsWith("ERROR") || password.length() < 16) {
            throw new IllegalStateException("WordPress did not install: " + out);
        }
        return password;
    }

    private void startApache(String name, int port, Path site, boolean hardened) throws Exception {
        String modules = "/usr/lib/apache2/modules/";
        StringBuilder config = new StringBuilder();
        config.append("ServerRoot ")
                .append(dir)
                .append('\n')
                .append("Listen 127.0.0.1:")
                .append(port)
                .append('\n')
                .append("PidFile ")
                .append(dir.resolve(name + ".pid"))
                .append('\n');
        for (String module :
                List.of("mpm_prefork", "authz_core", "dir", "mime", "rewrite", "autoindex", "env", "headers")) {
            config.append("LoadModule ")
                    .append(module)
                    .append("_module ")
                    .append(modules)
                    .append("mod_")
                    .append(module)
                    .append(".so\n");
        }
        config.append("LoadModule php_module ").append(modules).append("libphp8.2.so\n");
        if ("root".equals(System.getProperty("user.name"))) {
            config.append("User www-data\nGroup www-data\n");
        }
        config.append("""
                ServerName 127.0.0.1
                ErrorLog %1$s/%2$s-error.log
                TypesConfig /etc/mime.types
                DocumentRoot %3$s
                DirectoryIndex index.php index.html
                StartServers 2
                MinSpareServers 1
                MaxSpareServers 4
                MaxRequestWorkers 8
                <FilesMatch "\\.php$">
                    SetHandler application/x-httpd-php
                </FilesMatch>
                <Directory />
                    Require all denied
                </Directory>
                <Directory %3$s>
                    Options FollowSymLinks %4$s
                    AllowOverride None
                    Require all granted
                    RewriteEngine On
                    RewriteBase /
                    RewriteRule ^index\\.php$ - [L]
                    RewriteCond %%{REQUEST_FILENAME} !-f
                    RewriteCond %%{REQUEST_FILENAME} !-d
                    RewriteRule . /index.php [L]
                </Directory>
                """.formatted(dir, name, site, hardened ? "" : "Indexes"));
        if (hardened) {
            config.append("""
                    SetEnv DEVSKYY_HARDENED 1
                    <FilesMatch "^(xmlrpc\\.php|readme\\.html|license\\.txt|debug\\.log|wp-config\\.php.+|.*\\.bak)$">
                        Require all denied
                    </FilesMatch>
                    Header always set Content-Security-Policy "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
                    Header always set X-Content-Type-Options nosniff
                    Header always set Referrer-Policy strict-origin-when-cross-origin
                    """);
        }
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, config.toString());
        // In a session of its own: Apache signals its whole process group when it stops, which would
        // otherwise be the test's JVM and Maven.
        processes.add(background(
                List.of("setsid", "/usr/sbin/apache2", "-f", file.toString(), "-DFOREGROUND"), "apache2 " + name));
        waitFor(() -> answers(port), "Apache on port " + port);
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(
                    command.get(0) + " failed (a fresh machine needs .ci/run's packages): " + out);
        }
        return out;
    }

    private Process background(List<String> command, String what) throws IOException {
        try {
            return new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(what.replace(' ', '-') + ".out").toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException(what + " is required by this test (.ci/run installs it)", e);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition, String what) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.holds()) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException(what + " did not come up within 60 s");
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws IOException {
        for (Process process : processes) {
            process.destroy(); // SIGTERM: apache2 stops its children, mariadbd shuts down cleanly
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
