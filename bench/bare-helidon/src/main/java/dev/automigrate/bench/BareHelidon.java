package dev.automigrate.bench;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;

/** The baseline: a Helidon SE 4 server answering one constant JSON, configured as the service's (TCP_NODELAY on). */
public final class BareHelidon {
    private static final byte[] BODY = "{\"status\":\"UP\",\"checks\":[]}".getBytes(StandardCharsets.UTF_8);

    private BareHelidon() {
    }

    /** Arguments: port [nodelay=true|false]. */
    public static void main(String[] args) {
        boolean noDelay = args.length < 2 || Boolean.parseBoolean(args[1]);
        WebServer.builder()
                .port(Integer.parseInt(args[0]))
                .host("127.0.0.1")
                .featuresDiscoverServices(false)
                .connectionOptions(options -> options.tcpNoDelay(noDelay))
                .routing(routing -> routing.get("/", (request, response) -> {
                    response.header(HeaderValues.CONTENT_TYPE_JSON);
                    response.send(BODY);
                }))
                .build()
                .start();
    }
}
