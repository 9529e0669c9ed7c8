package dev.automigrate.core.testing;

import dev.automigrate.core.liquibase.parse.LocatingChangeLogParsers;
import java.util.concurrent.atomic.AtomicInteger;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.ChangeLogParseException;
import liquibase.resource.ResourceAccessor;

/**
 * The YAML parser for files named {@code *.counted.yaml}, counting how often such a file is parsed (registered in
 * META-INF/services, as Liquibase finds its parsers; above the core's own YAML parser). Other files are left to
 * the parsers the core registers.
 */
public final class CountingChangeLogParser extends LocatingChangeLogParsers.Yaml {
    public static final String SUFFIX = ".counted.yaml";
    private static final AtomicInteger PARSES = new AtomicInteger();

    /** How many times a counted file was parsed since the last call; resets the count. */
    public static int takeCount() {
        return PARSES.getAndSet(0);
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
        return super.parse(physicalChangeLogLocation, changeLogParameters, resourceAccessor);
    }
}
