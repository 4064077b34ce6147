import dev.devskyy.net.HttpFetch;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.net.Proxies;
import dev.devskyy.net.WebAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * One fresh JVM, one GET of URL with one client, and how long it took from the first line of main
 * (class loading and first use included): what a command pays for reaching the network at all.
 * Usage: java -cp target/devskyy.jar bench/network/ClientStartup.java jdk|devskyy URL
 */
public class ClientStartup {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        int status;
        if (args[0].equals("jdk")) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            status = client.send(HttpRequest.newBuilder(URI.create(args[1])).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()).statusCode();
        } else {
            HttpFetch.Gate gate = new HttpFetch.Gate() {
                @Override
                public void checkUrl(WebAddress address) {}

                @Override
                public void checkResolved(WebAddress address, List<InetAddress> resolved) {}
            };
            HttpFetch fetch = new HttpFetch(gate, Proxies.fromEnvironment(Map.of()),
                    () -> (SSLSocketFactory) SSLSocketFactory.getDefault(),
                    new HttpFetch.Limits(1 << 21, Duration.ofSeconds(10), Duration.ofSeconds(10)),
                    Instant.now().plusSeconds(30), "devskyy-bench");
            HttpResponse response = fetch.send("GET", WebAddress.parse(args[1]), List.of());
            status = response.status();
        }
        System.out.println((System.nanoTime() - start) / 1_000_000 + " " + status);
    }
}
