package dev.automigrate.bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;

/** Flyway with its defaults: {@code migrate} (on an up-to-date schema: the startup check) or {@code info}. */
public final class FlywayDriver {
    private FlywayDriver() {
    }

    /** Arguments: migrate|info jdbc-url user migrations-folder. */
    public static void main(String[] args) {
        Flyway flyway = Flyway.configure()
                .dataSource(args[1], args[2], "")
                .locations("filesystem:" + args[3])
                .load();
        switch (args[0]) {
            case "migrate" -> System.out.println(flyway.migrate().migrationsExecuted + " applied");
            case "info" -> {
                MigrationInfoService info = flyway.info();
                System.out.println(info.applied().length + " applied, " + info.pending().length + " pending");
            }
            default -> throw new IllegalArgumentException("migrate or info, not " + args[0]);
        }
    }
}
