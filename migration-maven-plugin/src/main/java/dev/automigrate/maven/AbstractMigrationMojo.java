package dev.automigrate.maven;

import dev.automigrate.core.DriftException;
import dev.automigrate.core.ExitCode;
import dev.automigrate.core.MigrationException;
import dev.automigrate.core.Migrations;
import dev.automigrate.core.UsageException;
import dev.automigrate.core.settings.SecretMasker;
import dev.automigrate.core.settings.Setting;
import dev.automigrate.core.settings.Settings;
import dev.automigrate.core.settings.SettingsException;
import dev.automigrate.core.settings.SettingsLayer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every {@code migration:} goal shares: the settings parameters, skipping, resolving the settings
 * once, and turning the core's outcomes into Maven's.
 *
 * <p>Settings follow one rule: an explicit {@code -Dmigration.…} user property wins over the
 * {@code <configuration>} element, which wins over the environment variable, which wins over the
 * default. The settings parameters therefore have no Maven {@code property}: the goal reads the user
 * properties itself (Maven's injection would let {@code <configuration>} win).
 *
 * <p>Failures: a rejection by policy or by a guard (pending changesets, drift, an unconfirmed reset)
 * is a {@link MojoFailureException}; a fault (bad settings, an unreachable database, a failed
 * changeset) is a {@link MojoExecutionException}. Both start with the exit code of the command line.
 */
public abstract class AbstractMigrationMojo extends AbstractMojo {

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /**
     * Skips the goal; an explicit {@code -Dmigration.skip} wins over this element.
     */
    @Parameter(property = "migration.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The database: {@code postgresql://user:password@host:port/db?…}, {@code postgres://…} or
     * {@code jdbc:postgresql://…}. Required. {@code -Dmigration.url} wins over this element; the
     * environment variable {@code DATABASE_URL} is used when neither is set. Keep passwords out of the
     * POM: prefer {@code DATABASE_URL} or {@code DATABASE_PASSWORD} in the environment.
     */
    @Parameter
    private String url;

    /**
     * The database user, overriding the one in the URL. {@code -Dmigration.user} wins over this
     * element; environment variable {@code DATABASE_USER}.
     */
    @Parameter
    private String user;

    /**
     * The database password, overriding the one in the URL. Never printed. {@code -Dmigration.password}
     * wins over this element; environment variable {@code DATABASE_PASSWORD} (preferred: keeps it out of
     * the POM).
     */
    @Parameter
    private String password;

    /**
     * The master changelog, a path relative to the search path. It is also part of each changeset's
     * identity, so use the same path as the service. {@code -Dmigration.changeLog} wins over this
     * element; environment variable {@code MIGRATION_CHANGELOG}. Default
     * {@code db/changelog/db.changelog-master.yaml}.
     */
    @Parameter
    private String changeLog;

    /**
     * Comma-separated folders where the changelog is looked up, relative to the project's folder.
     * {@code -Dmigration.searchPath} wins over this element; environment variable
     * {@code MIGRATION_SEARCH_PATH}. Default {@code src/main/resources}.
     */
    @Parameter
    private String searchPath;

    /**
     * How long to keep retrying an unreachable database before failing with exit code 3: {@code 30s},
     * {@code 2m} or seconds. {@code -Dmigration.connectTimeout} wins over this element; environment
     * variable {@code DATABASE_CONNECT_TIMEOUT}. Default {@code 30s}.
     */
    @Parameter
    private String connectTimeout;

    /**
     * How long to wait for another instance's migration lock. {@code -Dmigration.lockTimeout} wins over
     * this element; environment variable {@code MIGRATION_LOCK_TIMEOUT}. Default {@code 5m}.
     */
    @Parameter
    private String lockTimeout;

    /**
     * PostgreSQL's {@code lock_timeout} for the migration session, per attempt: a changeset that waits
     * longer for a table lock gives up (nothing of it stays) instead of queueing live traffic behind it, and
     * is tried again while {@code lockRetryBudget} lasts. {@code -Dmigration.statementLockTimeout} wins over
     * this element; environment variable {@code MIGRATION_STATEMENT_LOCK_TIMEOUT}. Default {@code 1s}.
     */
    @Parameter
    private String statementLockTimeout;

    /**
     * Liquibase's context expression ({@code prod}, {@code dev and !slow}): changesets whose contexts do not match
     * are neither applied nor pending. {@code -Dmigration.contexts} wins over this element; environment variable
     * {@code MIGRATION_CONTEXTS}. Default: none (every changeset, as Liquibase without {@code --contexts}).
     */
    @Parameter
    private String contexts;

    /**
     * Liquibase's label filter ({@code !billing}). {@code -Dmigration.labels} wins over this element; environment
     * variable {@code MIGRATION_LABELS}. Default: none.
     */
    @Parameter
    private String labels;

    /**
     * Changelog parameters substituted for {@code ${name}}, e.g. {@code <parameters><deploy_note>v1.4</deploy_note>
     * </parameters>}; they win over a {@code property} of the same name in the changelog, as Liquibase's
     * command-line parameters do. {@code -Dmigration.parameters=name=value,name2=value2} replaces this whole map;
     * environment variable {@code MIGRATION_PARAMETERS}. Values of names containing password, secret or token are
     * never printed.
     */
    @Parameter
    private Map<String, String> parameters;

    /**
     * How long a changeset that gave up waiting for a table lock is tried again, after growing pauses;
     * {@code 0}: never. {@code -Dmigration.lockRetryBudget} wins over this element; environment variable
     * {@code MIGRATION_LOCK_RETRY_BUDGET}. Default {@code 3m}.
     */
    @Parameter
    private String lockRetryBudget;

    /**
     * How long {@code migration:check -Dmigration.rehearse=true} may hold its transaction, and with it the locks
     * of the pending changesets, before it is stopped and rolled back. {@code -Dmigration.rehearsalTimeout} wins
     * over this element; environment variable {@code MIGRATION_REHEARSAL_TIMEOUT}. Default {@code 5m}.
     */
    @Parameter
    private String rehearsalTimeout;

    private SecretMasker parameterSecrets = SecretMasker.of();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (flag("migration.skip", skip)) {
            getLog().info("Skipping (migration.skip=true).");
            return;
        }
        List<SettingsLayer> layers = PluginSettings.layers(session.getUserProperties(), configuration(),
                System.getenv());
        try {
            Settings settings = PluginSettings.resolve(layers, projectDirectory());
            parameterSecrets = settings.parameterSecrets();
            getLog().debug("Settings (highest precedence first: -D, <configuration>, environment, default):");
            settings.describe(Setting::property).forEach(line -> getLog().debug("  " + line));
            run(settings);
        } catch (SettingsException e) {
            throw new MojoExecutionException(message(e.exitCode(),
                    e.messageNaming(PluginSettings.name(e.setting(), layers))
                            + (e.maskedValue() == null && e.setting() == Setting.DATABASE_URL
                            ? " (set the environment variable, the user property or the <configuration> element)"
                            : "")));
        } catch (DriftException | UsageException e) {
            throw new MojoFailureException(message(e.exitCode(), masked(e.getMessage())));
        } catch (MigrationException e) {
            throw new MojoExecutionException(message(e.exitCode(), masked(e.getMessage())));
        }
    }

    /** Maven's log, with the values of secret-looking changelog parameters masked once the settings are known. */
    @Override
    public Log getLog() {
        Log log = super.getLog();
        return parameterSecrets.isEmpty() ? log : new MaskingLog(log, parameterSecrets);
    }

    /** The text with the values of secret-looking changelog parameters masked, e.g. a report before it is written. */
    protected final String masked(String text) {
        return parameterSecrets.mask(text);
    }

    /** The goal itself, with the resolved settings; a {@link MigrationException} is translated by the caller. */
    protected abstract void run(Settings settings) throws MojoFailureException, MojoExecutionException;

    /** The commands on the configured database; a missing URL fails here, naming every way to set it. */
    protected final Migrations migrations(Settings settings) {
        Migrations migrations = new Migrations(settings, null);
        getLog().info("Using " + settings.database().map(Object::toString).orElse("(no database)") + " (url from "
                + settings.value(Setting.DATABASE_URL).source().label() + ")");
        getLog().info("Changelog: " + settings.changeLog() + " in " + migrations.location().describe());
        return migrations;
    }

    /** A policy rejection, with the exit code first so scripts and people see it at once. */
    protected static MojoFailureException rejected(ExitCode exitCode, String message) {
        return new MojoFailureException(message(exitCode, message));
    }

    /** A boolean goal parameter: an explicit {@code -D} wins over {@code <configuration>}, as for the settings. */
    protected final boolean flag(String property, boolean configured) throws MojoExecutionException {
        String explicit = session.getUserProperties().getProperty(property);
        if (explicit == null) {
            return configured;
        }
        return switch (explicit.strip().toLowerCase(Locale.ROOT)) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw new MojoExecutionException(message(ExitCode.BAD_SETTINGS,
                    "-D" + property + "='" + explicit + "': must be true or false"));
        };
    }

    /** A text goal parameter: an explicit {@code -D} wins over {@code <configuration>}. */
    protected final String text(String property, String configured) {
        return session.getUserProperties().getProperty(property, configured);
    }

    protected final MavenProject project() {
        return project;
    }

    protected final MavenSession session() {
        return session;
    }

    /** The project's folder, or where Maven was started when there is no POM. */
    protected final Path projectDirectory() {
        return project.getBasedir() != null ? project.getBasedir().toPath()
                : Paths.get(session.getExecutionRootDirectory());
    }

    private Map<Setting, String> configuration() {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        putIfSet(values, Setting.DATABASE_URL, url);
        putIfSet(values, Setting.DATABASE_USER, user);
        putIfSet(values, Setting.DATABASE_PASSWORD, password);
        putIfSet(values, Setting.MIGRATION_CHANGELOG, changeLog);
        putIfSet(values, Setting.MIGRATION_SEARCH_PATH, searchPath);
        putIfSet(values, Setting.DATABASE_CONNECT_TIMEOUT, connectTimeout);
        putIfSet(values, Setting.MIGRATION_LOCK_TIMEOUT, lockTimeout);
        putIfSet(values, Setting.MIGRATION_STATEMENT_LOCK_TIMEOUT, statementLockTimeout);
        putIfSet(values, Setting.MIGRATION_CONTEXTS, contexts);
        putIfSet(values, Setting.MIGRATION_LABELS, labels);
        putIfSet(values, Setting.MIGRATION_PARAMETERS, parameters == null ? null : PluginSettings.parameterList(parameters));
        putIfSet(values, Setting.MIGRATION_LOCK_RETRY_BUDGET, lockRetryBudget);
        putIfSet(values, Setting.MIGRATION_REHEARSAL_TIMEOUT, rehearsalTimeout);
        return values;
    }

    private static void putIfSet(Map<Setting, String> values, Setting setting, String value) {
        if (value != null) {
            values.put(setting, value);
        }
    }

    private static String message(ExitCode exitCode, String message) {
        return "Exit code " + exitCode.code() + " (" + exitCode.name() + "): " + message;
    }
}
