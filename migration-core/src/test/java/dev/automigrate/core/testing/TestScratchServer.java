package dev.automigrate.core.testing;

import dev.automigrate.core.generate.ScratchServer;
import dev.automigrate.core.settings.DatabaseUrl;

/** The tests' shared PostgreSQL as the scratch server of a schema diff; closing it leaves it running. */
public final class TestScratchServer implements ScratchServer {
    @Override
    public DatabaseUrl database(String name) {
        return DatabaseUrl.parse("postgresql://" + PostgresFixture.USER + ":" + PostgresFixture.PASSWORD
                + "@localhost:" + PostgresFixture.port() + "/" + name);
    }

    @Override
    public String describe() {
        return "the test PostgreSQL on port " + PostgresFixture.port();
    }

    @Override
    public void close() {
        // shared by every test of the JVM
    }
}
