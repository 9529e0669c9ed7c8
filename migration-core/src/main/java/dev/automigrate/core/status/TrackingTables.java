package dev.automigrate.core.status;

import java.util.List;
import java.util.stream.Collectors;

/** The tables that Liquibase and automigrate keep beside a schema: never part of the schema itself. */
public final class TrackingTables {
    /** Liquibase's changelog and lock tables, the fingerprint and the changelog records. */
    public static final List<String> NAMES = List.of(TrackingTable.TABLE, "databasechangeloglock", Fingerprint.TABLE,
            ChangeLogRecords.TABLE);

    private TrackingTables() {
    }

    /** The names as an SQL list, {@code ('databasechangelog', …)}. */
    public static String sqlList() {
        return NAMES.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
