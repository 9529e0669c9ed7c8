package dev.automigrate.core.liquibase.parse;

import dev.automigrate.core.changelog.ChangeSetPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.changelog.ChangeSet;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import org.xml.sax.SAXParseException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns whatever Liquibase threw while parsing one changelog file into one line naming that file, the line and
 * column where it can be found, and the cause in plain words. Liquibase gives a position for syntax errors only
 * (SnakeYAML's marks, SAX's locator, formatted SQL's "at line N"); the rest is found in the file's text.
 */
public final class ParseFailureLocator {
    private static final Pattern MISSING_FILE = Pattern.compile(
            "The file (\\S+) was not found in the configured search path|ERROR: The file '([^']+)' was not found");
    private static final Pattern MISSING_FOLDER = Pattern.compile(
            "for includeAll '([^']*)'|Could not find/read changelogs from (.+) directory");
    private static final Pattern UNEXPECTED_KEY = Pattern.compile(
            "^Unexpected node(?: found under databaseChangeLog)?: (.+)$"
                    + "|^Unknown (?:change type|precondition) '([^']+)'");
    private static final Pattern SQL_AT_LINE = Pattern.compile("\\bat line (\\d+)\\b");
    private static final Pattern SQL_SUCH_AS = Pattern.compile("such as '([^']+)' and others");
    private static final Pattern SQL_NO_STATEMENT = Pattern.compile("^No SQL for changeset \\S*::(.*)::(.*)$");
    private static final Pattern LIQUIBASE_PREFIX = Pattern.compile(
            "^(?:Error parsing \\S+ ?: ?|Syntax error in file \\S+: |(?:[a-z]+\\.)+[A-Za-z]*Exception: )");
    private static final Pattern XML_CODE = Pattern.compile("^cvc-[\\w.-]+: ");
    private static final Pattern XML_NAMESPACE = Pattern.compile("\\{?\"[^\"]*\":([\\w-]+)}?");
    private static final Pattern XML_EXPECTED = Pattern.compile(" One of '.*' is expected\\.$");

    /** Where in the file (1-based, 0 when unknown) and why. */
    record Found(int line, int column, String cause) {
    }

    private ParseFailureLocator() {
    }

    /**
     * The failure of parsing {@code file}, located; a failure already located in a file it includes is returned
     * as it is, so the innermost file is the one named.
     */
    public static LocatedParseException locate(String file, Throwable failure, ResourceAccessor accessor) {
        LocatedParseException located = find(failure, LocatedParseException.class);
        if (located != null) {
            return located;
        }
        Found found;
        try {
            found = describe(file, failure, read(accessor, file));
        } catch (RuntimeException e) {
            found = new Found(0, 0, message(failure));
        }
        return new LocatedParseException(ChangeSetPaths.normalise(file), found.line(), found.column(), found.cause(),
                failure);
    }

    /**
     * A changeset that Liquibase parsed but would refuse to run (its validation: "ChangeSet Id is empty"),
     * located in its own file.
     */
    public static LocatedParseException withoutId(ChangeSet changeSet, ResourceAccessor accessor) {
        String file = changeSet.getChangeLog().getPhysicalFilePath();
        String cause = "a changeset has no id" + (changeSet.getAuthor() == null ? "" : " (author " + changeSet.getAuthor()
                + ")") + ": give it an id, unique with its author in this file";
        Found found = YamlPositions.of(isXml(file) ? null : read(accessor, file))
                .flatMap(yaml -> yaml.changeSetWithoutId(cause))
                .orElse(new Found(0, 0, cause));
        return new LocatedParseException(ChangeSetPaths.normalise(file), found.line(), found.column(), found.cause(),
                null);
    }

    private static Found describe(String file, Throwable failure, String text) {
        MarkedYAMLException yaml = find(failure, MarkedYAMLException.class);
        if (yaml != null) {
            return YamlPositions.syntaxError(yaml);
        }
        SAXParseException xml = find(failure, SAXParseException.class);
        if (xml != null) {
            return new Found(Math.max(xml.getLineNumber(), 0), Math.max(xml.getColumnNumber(), 0), xmlCause(xml));
        }
        String message = message(failure);
        Matcher missing = MISSING_FILE.matcher(message);
        if (missing.find()) {
            String path = missing.group(1) != null ? missing.group(1) : missing.group(2);
            return at(text, suffixIn(text, path), "the included file " + ChangeSetPaths.normalise(path)
                    + " does not exist");
        }
        Matcher folder = MISSING_FOLDER.matcher(message);
        if (folder.find()) {
            String path = folder.group(1) != null ? folder.group(1) : folder.group(2);
            return at(text, path, "includeAll of " + path + ": no such folder, or it holds no changelog");
        }
        Matcher sqlLine = SQL_AT_LINE.matcher(message);
        if (file.toLowerCase().endsWith(".sql") && sqlLine.find()) {
            return new Found(Integer.parseInt(sqlLine.group(1)), 0, formattedSqlCause(message));
        }
        Matcher noStatement = SQL_NO_STATEMENT.matcher(message);
        if (noStatement.find()) {
            return at(text, Pattern.compile("changeset\\s+" + Pattern.quote(noStatement.group(2) + ":"
                    + noStatement.group(1)) + "(\\s|$)", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE),
                    "changeset " + noStatement.group(1) + " (" + noStatement.group(2) + ") has no SQL");
        }
        Matcher unexpected = UNEXPECTED_KEY.matcher(message);
        if (unexpected.find()) {
            String key = unexpected.group(1) != null ? unexpected.group(1).strip() : unexpected.group(2);
            String cause = message.startsWith("Unexpected node:") ? "unexpected attribute '" + key + "'" : message;
            if (isXml(file)) {
                return at(text, "<" + key, cause);
            }
            return YamlPositions.of(text).flatMap(positions -> positions.unexpectedKey(key, cause))
                    .orElse(new Found(0, 0, cause));
        }
        if (message.startsWith("Empty file") || message.startsWith("Unable to parse empty file")) {
            return new Found(0, 0, "the file is empty");
        }
        if (message.startsWith("Could not find databaseChangeLog node")) {
            return new Found(0, 0, "no databaseChangeLog at the top of the file");
        }
        return new Found(0, 0, message);
    }

    private static String xmlCause(SAXParseException e) {
        String message = XML_CODE.matcher(String.valueOf(e.getMessage()).strip()).replaceFirst("");
        message = XML_NAMESPACE.matcher(message).replaceAll("$1");
        return XML_EXPECTED.matcher(message).replaceFirst(message.length() > 200 ? "" : "$0");
    }

    private static String formattedSqlCause(String message) {
        if (message.contains("change set ID cannot be empty")) {
            return "the changeset has no id: write --changeset <author>:<id>";
        }
        Matcher suchAs = SQL_SUCH_AS.matcher(message);
        if (suchAs.find()) {
            return "not a line formatted SQL understands: write it as " + suchAs.group(1);
        }
        String first = message.replaceFirst("(?s)\\s*Learn all the options at .*$", "");
        Matcher line = SQL_AT_LINE.matcher(first);
        return line.find() ? first.substring(line.end()).replaceFirst("^\\.\\s*", "").strip() : first;
    }

    /** The most specific message in the chain, without the file names Liquibase prefixes as it rethrows. */
    private static String message(Throwable failure) {
        String message = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        message = message.strip();
        for (Matcher prefix = LIQUIBASE_PREFIX.matcher(message); prefix.find(); prefix = LIQUIBASE_PREFIX.matcher(message)) {
            message = message.substring(prefix.end()).strip();
        }
        return message;
    }

    /** The path as the including file may spell it: whole, or relative to a folder above it. */
    private static String suffixIn(String text, String path) {
        if (text == null) {
            return path;
        }
        String suffix = ChangeSetPaths.normalise(path);
        while (!text.contains(suffix) && suffix.indexOf('/') >= 0) {
            suffix = suffix.substring(suffix.indexOf('/') + 1);
        }
        return suffix;
    }

    private static Found at(String text, String needle, String cause) {
        return at(text, Pattern.compile(Pattern.quote(needle)), cause);
    }

    private static Found at(String text, Pattern needle, String cause) {
        Matcher matcher = text == null ? null : needle.matcher(text);
        if (matcher == null || !matcher.find()) {
            return new Found(0, 0, cause);
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < matcher.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Found(line, matcher.start() - lineStart + 1, cause);
    }

    private static boolean isXml(String file) {
        return file.toLowerCase().endsWith(".xml");
    }

    /** The file's text, or null when it cannot be read (then the failure is reported without a line). */
    private static String read(ResourceAccessor accessor, String file) {
        try {
            Resource resource = accessor.get(file);
            if (resource == null || !resource.exists()) {
                return null;
            }
            try (InputStream in = resource.openInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
