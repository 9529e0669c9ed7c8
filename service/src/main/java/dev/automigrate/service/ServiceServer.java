package dev.automigrate.service;

import dev.automigrate.helidon.MigrationFeature;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/** The service's web server: health, {@code /db-status}, TCP_NODELAY. Shared by {@link Main} and the tests. */
public final class ServiceServer {
    private ServiceServer() {
    }

    public static WebServer create(ApplicationYaml yaml, int port, MigrationFeature migration) {
        WebServerConfig.Builder server = yaml.configuresServerBeyondHostAndPort()
                ? WebServer.builder().config(yaml.helidonConfig().get("server"))
                : WebServer.builder().host(yaml.serverHost());
        setup(server, migration);
        return server.port(port).build();
    }

    /** The same setup for {@code main} and for {@code @ServerTest}. */
    public static void setup(WebServerConfig.Builder server, MigrationFeature migration) {
        server.featuresDiscoverServices(false)
                // small JSON answers on keep-alive connections would otherwise wait for delayed ACKs
                .connectionOptions(options -> options.tcpNoDelay(true))
                .routing(migration::register);
    }
}
