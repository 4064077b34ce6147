package dev.devskyy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of the distribution's package, private to one test: its own cluster in a
 * temporary directory, listening on 127.0.0.1 at a free port, with a database and a role whose
 * password is {@link #PASSWORD}. PostgreSQL refuses to run as root, so as root it runs as the
 * package's {@code postgres} user. A missing package fails the test: CI installs it.
 */
final class LoopbackPostgres implements AutoCloseable {
    static final String USER = "devskyy";
    static final String PASSWORD = "state-password-" + Long.toHexString(System.nanoTime());
    static final String DATABASE = "devskyy";

    private final Path data;
    private final Path bin;
    private final int port;

    private LoopbackPostgres(Path data, Path bin, int port) {
        this.data = data;
        this.bin = bin;
        this.port = port;
    }

    static LoopbackPostgres start() throws Exception {
        Path bin = binaries();
        Path cluster = Files.createTempDirectory(Path.of("/tmp"), "devskyy-pg-");
        Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", cluster.toString()));
        }
        Path data = cluster.resolve("data");
        Path passwordFile = cluster.resolve("superuser-password");
        writeAsOwner(passwordFile, PASSWORD + "\n");
        int port = RemoteServer.freePort();
        asPostgres(
                bin.resolve("initdb"),
                "-D",
                data.toString(),
                "-U",
                USER,
                "--auth=scram-sha-256",
                "--pwfile=" + passwordFile,
                "-E",
                "UTF8",
                "--no-instructions");
        LoopbackPostgres server = new LoopbackPostgres(data, bin, port);
        asPostgres(
                bin.resolve("pg_ctl"),
                "-D",
                data.toString(),
                "-w",
                "-t",
                "60",
                "-l",
                cluster.resolve("log").toString(),
                "-o",
                "-c listen_addresses=127.0.0.1 -p " + port + " -k " + cluster + " -c fsync=off",
                "start");
        server.psql("CREATE DATABASE " + DATABASE);
        return server;
    }

    /** {@code postgresql://127.0.0.1:PORT/devskyy?user=devskyy}: what {@code --state} takes. */
    String url() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER;
    }

    /** Runs {@code sql} in the test's database (or, before it exists, the default one) and returns psql's output. */
    String psql(String sql) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                bin.resolve("psql").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-U",
                USER,
                "-d",
                sql.startsWith("CREATE DATABASE") ? "postgres" : DATABASE,
                "-v",
                "ON_ERROR_STOP=1",
                "-tA",
                "-c",
                sql));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", PASSWORD);
        Process psql = builder.start();
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!psql.waitFor(60, TimeUnit.SECONDS) || psql.exitValue() != 0) {
            throw new AssertionError("psql failed: " + out);
        }
        return out.strip();
    }

    private static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            throw new AssertionError("PostgreSQL is not installed (Debian: apt-get install postgresql)");
        }
        try (Stream<Path> installed = Files.list(versions)) {
            return installed
                    .map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new AssertionError("no initdb under /usr/lib/postgresql"));
        }
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static void writeAsOwner(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", file.toString()));
        }
    }

    private static void asPostgres(Path program, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(program.toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            asPostgres(bin.resolve("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            run(List.of("rm", "-rf", data.getParent().toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
