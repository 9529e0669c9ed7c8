package dev.automigrate.core.status;

import dev.automigrate.core.changelog.ChangeLogFileRecord;
import dev.automigrate.core.changelog.ChangeSetRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text a file's {@link ChangeSetRecord}s are stored as: one line per changeset, fields apart by unit separators,
 * list entries by record separators, map keys from values by group separators. Every separator, backslash and line
 * break inside a value is escaped, so any value (a comment, a description) comes back as it went in.
 */
final class RecordText {
    /**
     * Changes whenever the fields or their meaning change: records of another format are not read at all. 2: a
     * master's record lists its includes (an earlier version would take it for a file without changesets).
     */
    static final int FORMAT = 2;
    private static final char FIELD = '\u001f';
    private static final char ENTRY = '\u001e';
    private static final char KEY = '\u001d';
    private static final String NULL = "\\0";

    private RecordText() {
    }

    static String encode(List<ChangeSetRecord> changeSets) {
        StringBuilder text = new StringBuilder();
        for (ChangeSetRecord c : changeSets) {
            Object[] fields = {c.itemDigest(), c.id(), c.author(), c.logicalFilePath(), c.contextFilter(), c.labels(),
                    c.dbms(), c.runAlways(), c.runOnChange(), c.runInTransaction(), c.ignore(), c.failOnError(),
                    c.onValidationFail(), c.comments(), c.objectQuoting(), c.created(), list(c.validCheckSums()),
                    c.runWith(), c.runWithSpoolFile(), c.description(), c.checksum(), c.identity(),
                    map(c.parameters()), map(c.resources()), list(c.sqlFiles())};
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    text.append(FIELD);
                }
                Object field = fields[i];
                if (field == null) {
                    text.append(NULL);
                } else if (field instanceof Boolean flag) {
                    text.append(flag ? 't' : 'f');
                } else if (field instanceof Composite composite) {
                    text.append(composite.text);
                } else {
                    text.append(escape(field.toString()));
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** @throws IllegalArgumentException when the text is not in this format */
    static List<ChangeSetRecord> decode(String text) {
        List<ChangeSetRecord> changeSets = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(String.valueOf(FIELD), -1);
            if (f.length != 25) {
                throw new IllegalArgumentException("a record with " + f.length + " fields");
            }
            changeSets.add(new ChangeSetRecord(text(f[0]), text(f[1]), text(f[2]), text(f[3]), text(f[4]), text(f[5]),
                    text(f[6]), flag(f[7]), flag(f[8]), flag(f[9]), flag(f[10]),
                    NULL.equals(f[11]) ? null : flag(f[11]), text(f[12]), text(f[13]), text(f[14]), text(f[15]),
                    unlist(f[16]), text(f[17]), text(f[18]), text(f[19]), text(f[20]), text(f[21]), unmap(f[22]),
                    unmap(f[23]), unlist(f[24])));
        }
        return changeSets;
    }

    /** A master's includes as one text: each item's digest and path. */
    static String encodeIncludes(List<ChangeLogFileRecord.Include> includes) {
        return pairs(includes.stream().map(include -> Map.entry(include.itemDigest(), include.path())).toList()).text;
    }

    /** @throws IllegalArgumentException when the text is not in this format */
    static List<ChangeLogFileRecord.Include> decodeIncludes(String text) {
        return unpairs(text).stream().map(pair -> new ChangeLogFileRecord.Include(pair.getKey(), pair.getValue()))
                .toList();
    }

    /** Already escaped text that must not be escaped again. */
    private record Composite(String text) {
    }

    private static Composite list(List<String> values) {
        StringBuilder text = new StringBuilder();
        for (String value : values) {
            text.append(text.isEmpty() ? "" : String.valueOf(ENTRY)).append(escape(value));
        }
        return new Composite(text.toString());
    }

    private static Composite map(Map<String, String> values) {
        return pairs(values.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList());
    }

    private static Composite pairs(List<Map.Entry<String, String>> pairs) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            text.append(text.isEmpty() ? "" : String.valueOf(ENTRY)).append(escape(pair.getKey())).append(KEY)
                    .append(escape(pair.getValue()));
        }
        return new Composite(text.toString());
    }

    private static List<String> unlist(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(String.valueOf(ENTRY), -1))
                .map(RecordText::unescape).toList();
    }

    private static Map<String, String> unmap(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        unpairs(text).forEach(pair -> values.put(pair.getKey(), pair.getValue()));
        return values;
    }

    private static List<Map.Entry<String, String>> unpairs(String text) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (text.isEmpty()) {
            return pairs;
        }
        for (String entry : text.split(String.valueOf(ENTRY), -1)) {
            int key = entry.indexOf(KEY);
            if (key < 0) {
                throw new IllegalArgumentException("an entry without a key");
            }
            pairs.add(Map.entry(unescape(entry.substring(0, key)), unescape(entry.substring(key + 1))));
        }
        return pairs;
    }

    private static String text(String field) {
        return NULL.equals(field) ? null : unescape(field);
    }

    private static boolean flag(String field) {
        return switch (field) {
            case "t" -> true;
            case "f" -> false;
            default -> throw new IllegalArgumentException("not a flag: " + field);
        };
    }

    private static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\n') < 0 && value.indexOf(FIELD) < 0
                && value.indexOf(ENTRY) < 0 && value.indexOf(KEY) < 0) {
            return value; // ids, paths, digests: nearly every value
        }
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case FIELD -> text.append("\\f");
                case ENTRY -> text.append("\\e");
                case KEY -> text.append("\\k");
                default -> text.append(c);
            }
        }
        return text.toString();
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder value = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                value.append(c);
                continue;
            }
            char next = text.charAt(++i);
            value.append(switch (next) {
                case 'n' -> '\n';
                case 'f' -> FIELD;
                case 'e' -> ENTRY;
                case 'k' -> KEY;
                default -> next;
            });
        }
        return value.toString();
    }
}
