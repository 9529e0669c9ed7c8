package dev.automigrate.core.liquibase.incremental;

import java.io.InputStream;
import java.util.Locale;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.ChangeLogParseException;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.parser.core.yaml.YamlChangeLogParser;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * The parser Liquibase finds first for a YAML file during an {@link IncrementalParse} (registered in
 * META-INF/services above every other), and for no file otherwise. It sits above the parser Liquibase would use
 * instead (ours that names the file and line of an error, or whatever ranks next) and hands it every parse: the
 * whole file, or, where records stand in for the unchanged applied changesets, only the file's other items, or
 * nothing at all for a file unchanged since it was recorded ({@link ItemwiseParse}); a master of plain includes it
 * reads against its record ({@link IncludeList}). Any doubt about a file parses it
 * whole; a failure surfaces from that whole parse, exactly as without this parser.
 */
public final class IncrementalYamlParser implements ChangeLogParser {

    @Override
    public int getPriority() {
        return PRIORITY_DEFAULT + 10;
    }

    @Override
    public boolean supports(String changeLogFile, ResourceAccessor resourceAccessor) {
        String file = changeLogFile.toLowerCase(Locale.ROOT);
        return (file.endsWith(".yaml") || file.endsWith(".yml")) && IncrementalParse.current() != null;
    }

    @Override
    public DatabaseChangeLog parse(String path, ChangeLogParameters parameters, ResourceAccessor accessor)
            throws ChangeLogParseException {
        ChangeLogParser next = next(path, accessor);
        IncrementalParse parse = IncrementalParse.current();
        if (parse == null) {
            return next.parse(path, parameters, accessor);
        }
        boolean master = parse.enter(path); // for every YAML file, so that the master's includes are counted right
        try {
            return next instanceof YamlChangeLogParser ? parse(parse, master, next, path, parameters, accessor)
                    : next.parse(path, parameters, accessor);
        } finally {
            parse.leave();
        }
    }

    private static DatabaseChangeLog parse(IncrementalParse parse, boolean master, ChangeLogParser next, String path,
                                           ChangeLogParameters parameters, ResourceAccessor accessor)
            throws ChangeLogParseException {
        byte[] content = read(path, accessor);
        if (master) {
            DatabaseChangeLog fromRecord = IncludeList.fromRecord(parse, next, path, content, parameters, accessor);
            if (fromRecord != null) {
                return fromRecord;
            }
        }
        ItemwiseParse file = new ItemwiseParse(parse, next, path, content, parameters, accessor);
        try {
            DatabaseChangeLog changeLog = file.unchanged();
            if (changeLog == null) {
                changeLog = file.itemwise();
            }
            if (changeLog != null) {
                return changeLog;
            }
        } catch (Exception e) {
            // parsed whole below: what failed here fails there too, reported as Liquibase reports it
        }
        DatabaseChangeLog changeLog = next.parse(path, parameters, accessor);
        if (!master || !IncludeList.note(parse, content, changeLog, parse.rootIncludes())) {
            file.noteWhole(changeLog);
        }
        return changeLog;
    }

    /** The parser Liquibase would choose without this one. */
    private ChangeLogParser next(String path, ResourceAccessor accessor) throws ChangeLogParseException {
        for (ChangeLogParser parser : ChangeLogParserFactory.getInstance().getParsers()) {
            if (!(parser instanceof IncrementalYamlParser) && parser.supports(path, accessor)) {
                return parser;
            }
        }
        throw new ChangeLogParseException("Cannot find parser that supports " + path);
    }

    /** The file's content, or null when it cannot be read here (the whole parse then reports why). */
    static byte[] read(String path, ResourceAccessor accessor) {
        try {
            Resource resource = accessor.get(path);
            if (resource == null || !resource.exists()) {
                return null;
            }
            try (InputStream in = resource.openInputStream()) {
                return in.readAllBytes();
            }
        } catch (Exception e) {
            return null;
        }
    }
}
