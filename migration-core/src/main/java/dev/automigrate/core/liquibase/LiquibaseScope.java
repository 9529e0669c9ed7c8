package dev.automigrate.core.liquibase;

import dev.automigrate.core.changelog.ChangeLogLocation;
import dev.automigrate.core.settings.Setting;
import dev.automigrate.core.settings.SettingsException;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.ThreadLocalScopeManager;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Runs Liquibase work in a scope that finds changelogs through the search path, sends no analytics,
 * and prints nothing to the console: progress reaches the user through this project's events.
 */
public final class LiquibaseScope {
    private static final Logger LIQUIBASE_LOGGER = Logger.getLogger("liquibase");
    private static final Logger CHANGELOG_LOGGER = Logger.getLogger("liquibase.changelog");

    static {
        // Liquibase's INFO lines duplicate our events; its warnings still get through
        LIQUIBASE_LOGGER.setLevel(Level.WARNING);
        // A failed changeset reaches the user as one line (its id, file and the database error); Liquibase's
        // own SEVERE record of it repeats that with a stack trace. Kept when liquibase.changelog logs at FINE.
        CHANGELOG_LOGGER.setFilter(record -> record.getThrown() == null
                || !String.valueOf(record.getMessage()).endsWith("encountered an exception.")
                || CHANGELOG_LOGGER.isLoggable(Level.FINE));
        // Liquibase's default keeps one current scope for the whole JVM; a service migrates and answers
        // status on several threads at once
        Scope.setScopeManager(new ThreadLocalScopeManager());
    }

    public interface Work<T> {
        T run() throws Exception;
    }

    private LiquibaseScope() {
    }

    static <T> T run(ChangeLogLocation location, Work<T> work) throws Exception {
        return run(location, Map.of(), work);
    }

    /** Work that reads no changelog: comparing schemas, writing a changeset. */
    public static <T> T run(Work<T> work) throws Exception {
        return run(new ChangeLogLocation("", List.of(), null), Map.of(), work);
    }

    static <T> T run(ChangeLogLocation location, Map<String, Object> settings, Work<T> work) throws Exception {
        Map<String, Object> values = new HashMap<>(settings);
        values.put(Scope.Attr.resourceAccessor.name(), accessor(location));
        values.put(Scope.Attr.ui.name(), new LoggerUIService());
        // services (our advisory lock service among them) are found through this loader, also in a plugin realm
        values.put(Scope.Attr.classLoader.name(), LiquibaseScope.class.getClassLoader());
        values.put(AnalyticsArgs.ENABLED.getKey(), false);
        return Scope.child(values, work::run);
    }

    private static ResourceAccessor accessor(ChangeLogLocation location) throws FileNotFoundException {
        List<ResourceAccessor> accessors = new ArrayList<>();
        for (Path folder : location.searchPath()) {
            if (Files.isDirectory(folder)) {
                accessors.add(new DirectoryResourceAccessor(folder));
            } else if (Files.exists(folder)) {
                throw new SettingsException(Setting.MIGRATION_SEARCH_PATH, folder.toString(), "is not a folder");
            }
        }
        if (location.classpath() != null) {
            accessors.add(new ClassLoaderResourceAccessor(location.classpath()));
        }
        return new CompositeResourceAccessor(accessors.toArray(ResourceAccessor[]::new));
    }
}
