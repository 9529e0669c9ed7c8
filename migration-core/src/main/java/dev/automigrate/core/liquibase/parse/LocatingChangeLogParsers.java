package dev.automigrate.core.liquibase.parse;

import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.ChangeLogParseException;
import liquibase.logging.LogService;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.NoOpLogger;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.formattedsql.FormattedSqlChangeLogParser;
import liquibase.parser.core.json.JsonChangeLogParser;
import liquibase.parser.core.xml.XMLChangeLogSAXParser;
import liquibase.parser.core.yaml.YamlChangeLogParser;
import liquibase.resource.ResourceAccessor;

/**
 * Liquibase's changelog parsers, each of which names the file it was parsing and the line when it fails. Liquibase
 * parses an included file from inside the parse of the file that includes it, so without these a failure deep down
 * surfaces from the master's parse, worded as the innermost exception says (often neither file nor line). Found
 * by Liquibase in META-INF/services ahead of its own (higher priority); they parse exactly as Liquibase's own and
 * differ only in the exception they throw, a {@link LocatedParseException}.
 */
public final class LocatingChangeLogParsers {
    private LocatingChangeLogParsers() {
    }

    private interface Parse {
        DatabaseChangeLog run() throws ChangeLogParseException;
    }

    /** The parse, its failure named with the file and the line. */
    private static DatabaseChangeLog located(String file, ResourceAccessor accessor, Parse parse)
            throws ChangeLogParseException {
        try {
            return parse.run();
        } catch (ChangeLogParseException | RuntimeException e) {
            throw ParseFailureLocator.locate(file, e, accessor);
        }
    }

    /** YAML; not final, so a test parser can count parses on top of it. */
    public static class Yaml extends YamlChangeLogParser {
        @Override
        public int getPriority() {
            return super.getPriority() + 1;
        }

        @Override
        public DatabaseChangeLog parse(String file, ChangeLogParameters parameters, ResourceAccessor accessor)
                throws ChangeLogParseException {
            return located(file, accessor, () -> super.parse(file, parameters, accessor));
        }
    }

    /** JSON, which Liquibase reads with its YAML parser. */
    public static final class Json extends JsonChangeLogParser {
        @Override
        public int getPriority() {
            return super.getPriority() + 1;
        }

        @Override
        public DatabaseChangeLog parse(String file, ChangeLogParameters parameters, ResourceAccessor accessor)
                throws ChangeLogParseException {
            return located(file, accessor, () -> super.parse(file, parameters, accessor));
        }
    }

    public static final class Xml extends XMLChangeLogSAXParser {
        @Override
        public int getPriority() {
            return super.getPriority() + 1;
        }

        @Override
        public DatabaseChangeLog parse(String file, ChangeLogParameters parameters, ResourceAccessor accessor)
                throws ChangeLogParseException {
            return located(file, accessor, () -> super.parse(file, parameters, accessor));
        }

        /** Liquibase logs each XML error as SEVERE before it throws it: the user would read it twice. */
        @Override
        protected ParsedNode parseToNode(String file, ChangeLogParameters parameters, ResourceAccessor accessor)
                throws ChangeLogParseException {
            LogService log = Scope.getCurrentScope().get(Scope.Attr.logService, LogService.class);
            try {
                return Scope.child(Map.of(Scope.Attr.logService.name(), new WithoutXmlErrors(log)),
                        () -> super.parseToNode(file, parameters, accessor));
            } catch (ChangeLogParseException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ChangeLogParseException(e);
            }
        }
    }

    public static final class FormattedSql extends FormattedSqlChangeLogParser {
        @Override
        public int getPriority() {
            return super.getPriority() + 1;
        }

        @Override
        public DatabaseChangeLog parse(String file, ChangeLogParameters parameters, ResourceAccessor accessor)
                throws ChangeLogParseException {
            return located(file, accessor, () -> super.parse(file, parameters, accessor));
        }
    }

    /** Liquibase's log less what its XML parser's error handler (an inner class of the parser) logs. */
    private static final class WithoutXmlErrors extends AbstractLogService {
        private final LogService log;

        WithoutXmlErrors(LogService log) {
            this.log = log;
        }

        @Override
        public int getPriority() {
            return log.getPriority();
        }

        @Override
        public Logger getLog(Class clazz) {
            return clazz != null && clazz.getEnclosingClass() == XMLChangeLogSAXParser.class
                    ? new NoOpLogger() : log.getLog(clazz);
        }
    }
}
