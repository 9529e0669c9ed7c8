package dev.automigrate.core.testing;

import dev.automigrate.core.liquibase.parse.LocatingChangeLogParsers;
import java.util.concurrent.atomic.AtomicInteger;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.ChangeLogParseException;
import liquibase.resource.ResourceAccessor;

/**
 * The YAML parser for files named {@code *.counted.yaml}, counting how often such a file is parsed and how many
 * changesets it loaded (registered in META-INF/services, as Liquibase finds its parsers; above the core's own YAML
 * parser, below its incremental one, which hands it the parses it makes). Other files are left to the parsers the
 * core registers.
 */
public final class CountingChangeLogParser extends LocatingChangeLogParsers.Yaml {
    public static final String SUFFIX = ".counted.yaml";
    private static final AtomicInteger PARSES = new AtomicInteger();
    private static final AtomicInteger CHANGE_SETS = new AtomicInteger();

    /** How many times a counted file was parsed since the last call; resets the count. */
    public static int takeCount() {
        return PARSES.getAndSet(0);
    }

    /** How many changesets the parses of counted files loaded (each file's own) since the last call; resets it. */
    public static int takeChangeSetCount() {
        return CHANGE_SETS.getAndSet(0);
    }

    @Override
    public boolean supports(String changeLogFile, ResourceAccessor resourceAccessor) {
        return changeLogFile.endsWith(SUFFIX);
    }

    @Override
    public int getPriority() {
        return super.getPriority() + 1;
    }

    @Override
    public DatabaseChangeLog parse(String physicalChangeLogLocation, ChangeLogParameters changeLogParameters,
                                   ResourceAccessor resourceAccessor) throws ChangeLogParseException {
        PARSES.incrementAndGet();
        DatabaseChangeLog changeLog = super.parse(physicalChangeLogLocation, changeLogParameters, resourceAccessor);
        CHANGE_SETS.addAndGet((int) changeLog.getChangeSets().stream().filter(c -> c.getChangeLog() == changeLog)
                .count());
        return changeLog;
    }
}
