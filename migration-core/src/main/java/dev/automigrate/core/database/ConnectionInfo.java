package dev.automigrate.core.database;

/** A successful connection test: the masked address, the server's product and version, the round trip. */
public record ConnectionInfo(String maskedUrl, String product, long latencyMs) {
}
