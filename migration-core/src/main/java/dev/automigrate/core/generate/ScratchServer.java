package dev.automigrate.core.generate;

import dev.automigrate.core.settings.DatabaseUrl;
import java.nio.file.Path;

/**
 * A throwaway PostgreSQL server on which a schema diff may create and drop databases: it applies the changelog to
 * one, loads the schema file into another and compares them. The core starts no server itself; the service and the
 * Maven plugin hand it an embedded one (module {@code migration-embedded-postgres}), tests a database server of
 * their own.
 */
public interface ScratchServer extends AutoCloseable {
    /** Every database a schema diff creates starts with this; a server it left them on may drop them. */
    String DATABASE_PREFIX = "automigrate_";

    /**
     * The address of database {@code name} on this server, as a user who may create and drop databases; databases
     * are created from its maintenance database {@code postgres}.
     */
    DatabaseUrl database(String name);

    /** One line for the user: which server, where its data lives, how long it took to start. */
    String describe();

    /** Stops the server if this object started it. */
    @Override
    void close();

    /**
     * Starts a server. Found with {@link java.util.ServiceLoader} where the implementation is loaded only when it
     * is needed (the Maven plugin resolves it, and PostgreSQL's binaries, at that moment).
     */
    interface Launcher {
        /** @param dataFolder where the server may keep its data between runs, to start quickly the next time */
        ScratchServer start(Path dataFolder);
    }
}
