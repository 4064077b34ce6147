package dev.devskyy.cli;

import dev.devskyy.runtime.WebClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The network a check on this command line may reach: the hosts of the URLs it names, and each
 * {@code --allow-host} besides (where a redirect, or a key set, lives). Nothing else.
 */
final class NetworkOptions {
    @Option(
            names = "--allow-host",
            paramLabel = "HOST",
            description = "Another host the check may reach, such as where a redirect or a key set lives "
                    + "(repeatable; *.example.com for subdomains).")
    List<String> allowHosts = new ArrayList<>();

    /** network:outbound to the hosts of {@code urls} (nulls skipped) and each --allow-host; nothing without a URL. */
    CommandAccess access(String... urls) {
        List<String> hosts = new ArrayList<>(allowHosts);
        boolean named = false;
        for (String url : urls) {
            if (url != null) {
                hosts.add(WebClient.address(url).host());
                named = true;
            }
        }
        return named ? CommandAccess.network(hosts) : CommandAccess.NONE;
    }
}
