package dev.automigrate.core.database;

import java.time.Instant;

/** The session that holds the migration lock, as {@code pg_locks} and {@code pg_stat_activity} show it. */
public record LockHolder(int pid, String applicationName, String clientAddress, Instant since, String state) {
    public String describe() {
        return "pid " + pid + " (" + (applicationName == null || applicationName.isEmpty() ? "unnamed" : applicationName)
                + (clientAddress == null ? ", local" : ", " + clientAddress) + ", since " + since + ")";
    }
}
