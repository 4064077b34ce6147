package dev.devskyy.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The distribution's nginx as the load balancer in front of {@code serve --http} instances, on
 * 127.0.0.1, with everything it writes in a private directory. A connection an instance refuses,
 * or a 502, sends the request to the next instance; a POST already sent to an instance that died
 * is not sent again (nginx's default for non-idempotent requests): the client retries it, with its
 * idempotency key.
 */
final class LoopbackNginx implements AutoCloseable {
    private final Process process;
    private final int port;

    private LoopbackNginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LoopbackNginx start(Path directory, List<Integer> upstreams) throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(nginx)) {
            throw new AssertionError("nginx is not installed (Debian: apt-get install nginx-light)");
        }
        Files.createDirectories(directory);
        int port = RemoteServer.freePort();
        String servers = upstreams.stream()
                .map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=1s;")
                .collect(Collectors.joining("\n"));
        String config = """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  upstream devskyy {
                %2$s
                    keepalive 32;
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://devskyy;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $http_host;
                      proxy_next_upstream error timeout http_502;
                      proxy_buffering off;
                      proxy_read_timeout 120s;
                    }
                  }
                }
                """.formatted(directory, servers, port);
        Path file = Files.writeString(directory.resolve("nginx.conf"), config);
        List<String> command =
                new java.util.ArrayList<>(List.of(nginx.toString(), "-p", directory.toString(), "-c", file.toString()));
        if (isRoot()) {
            command.addAll(List.of("-g", "user root;"));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile())
                .start();
        LoopbackNginx balancer = new LoopbackNginx(process, port);
        Instant until = Instant.now().plusSeconds(30);
        while (!RemoteServer.accepts(port)) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                throw new AssertionError("nginx did not start: " + Files.readString(directory.resolve("stdout.log"))
                        + (Files.exists(directory.resolve("error.log"))
                                ? Files.readString(directory.resolve("error.log"))
                                : ""));
            }
            Thread.sleep(50);
        }
        return balancer;
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    /** {@code http://127.0.0.1:PORT/mcp}: the service's one URL. */
    String endpoint() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
