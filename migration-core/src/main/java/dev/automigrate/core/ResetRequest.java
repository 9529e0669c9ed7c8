package dev.automigrate.core;

import dev.automigrate.core.settings.DatabaseUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request to drop everything and migrate again: development only. It must be confirmed, and the
 * database host must be loopback or explicitly allowed.
 */
public record ResetRequest(boolean confirmed, Set<String> allowedHosts) {
    public ResetRequest {
        allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Throws a {@link UsageException} naming the condition that failed. */
    public void verify(DatabaseUrl url) {
        if (!confirmed) {
            throw new UsageException("reset drops every object of the schema on " + url.masked()
                    + "; it refuses without confirmation (-Dmigration.reset.confirm=true, or --confirm)");
        }
        List<String> refused = url.hosts().stream().map(DatabaseUrl.HostAndPort::host)
                .filter(host -> !isLoopback(host) && !allowedHosts.contains(host.toLowerCase(Locale.ROOT)))
                .toList();
        if (!refused.isEmpty()) {
            throw new UsageException("reset refuses host " + String.join(", ", refused)
                    + ": it is not loopback and not listed in migration.reset.allowedHosts (CLI: --allow-host)");
        }
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
