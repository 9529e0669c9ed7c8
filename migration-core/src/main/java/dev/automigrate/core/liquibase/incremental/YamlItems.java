package dev.automigrate.core.liquibase.incremental;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YAML changelog cut into its top-level list items by a scan of its lines, about twenty times cheaper than a YAML
 * parse. It works on the file's bytes: every character the scan looks at is ASCII, which UTF-8 never uses inside a
 * multi-byte character, and an item is an exact byte range of the file (a file that is not UTF-8 fails Liquibase's
 * own parse of it). Only the plain shape is accepted: the first significant line is {@code databaseChangeLog:} at
 * column 0; every other significant line at or left of the items' column starts an item with {@code "- "} at that
 * column; each item is a map with one key (no line of it at or left of its key's column). Blank and comment lines
 * belong to the item they follow. Anything else, and every character a YAML parser would take as a line break
 * besides LF and CR LF, answers empty: the file is then parsed whole.
 *
 * <p>A YAML parser's top-level items can only be fewer than the scan's (a quoted scalar or a flow collection that
 * runs over an item's first line swallows it), never more or elsewhere; {@link ItemBoundaries} rules that out
 * before any item is used on its own.
 */
final class YamlItems {
    static final String CHANGE_SET = "changeSet";
    /** Items that apply to the whole file wherever they stand: every parse of the file includes them. */
    private static final Set<String> HEADER_KINDS = Set.of("logicalFilePath", "objectQuotingStrategy", "context",
            "contextFilter");
    private static final byte[] ROOT = "databaseChangeLog:".getBytes(StandardCharsets.US_ASCII);
    /** An anchor ({@code &a}) or alias ({@code *a}) token; also matches some SQL, which only costs a parse. */
    private static final Pattern ANCHOR_OR_ALIAS = Pattern.compile("(^|[\\s\\[{,:-])[&*][^\\s,\\]}]");
    private static final String SEVERAL_KEYS = "(a map of several keys)";
    /** What the scan notes of an item's bytes on its way, so that no item is read twice. */
    private static final int DOLLAR = 1;
    private static final int BACKSLASH = 2;
    private static final int ANCHOR_CHARACTER = 4;

    /** One top-level item: the bytes from its line's start to the next item's. */
    final class Item {
        private final int start;
        private final int end;
        private final String kind;
        private final String digest;
        private final int marks;

        private Item(int start, int end, String kind, int marks) {
            this.start = start;
            this.end = end;
            this.kind = kind;
            this.marks = marks;
            this.digest = Digests.ofContent(content, start, end - start);
        }

        String kind() {
            return kind;
        }

        String digest() {
            return digest;
        }

        boolean isChangeSet() {
            return CHANGE_SET.equals(kind);
        }

        int start() {
            return start;
        }

        /** Its bytes, ending with a line break. */
        void appendTo(ByteArrayOutputStream out) {
            out.write(content, start, end - start);
            if (end == start || content[end - 1] != '\n') {
                out.write('\n');
            }
        }

        /** Whether it may refer to a parameter: a "$", or a backslash that may escape one. */
        boolean mayReferToParameters() {
            return (marks & (DOLLAR | BACKSLASH)) != 0;
        }

        String text() {
            return new String(content, start, end - start, StandardCharsets.UTF_8);
        }
    }

    private final byte[] content;
    private final List<Item> items = new ArrayList<>();
    private boolean anchors;

    private YamlItems(byte[] content) {
        this.content = content;
    }

    static Optional<YamlItems> of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The items of a file's content, or empty when it is not in the plain shape. */
    static Optional<YamlItems> of(byte[] bytes) {
        YamlItems items = new YamlItems(bytes);
        return items.scan() ? Optional.of(items) : Optional.empty();
    }

    private boolean scan() {
        int pos = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        List<int[]> starts = new ArrayList<>(); // {line start, key column, several keys (0/1), marks}
        boolean root = false;
        int itemColumn = -1;
        while (pos < content.length) {
            int lineEnd = pos;
            int marks = 0;
            for (byte b; lineEnd < content.length && (b = content[lineEnd]) != '\n'; lineEnd++) {
                if (b == '$') {
                    marks |= DOLLAR;
                } else if (b == '\\') {
                    marks |= BACKSLASH;
                } else if (b == '&' || b == '*') {
                    marks |= ANCHOR_CHARACTER;
                } else if ((b == '\r' || b < 0) && otherLineBreak(lineEnd)) {
                    return false;
                }
            }
            int indent = 0;
            while (pos + indent < lineEnd && content[pos + indent] == ' ') {
                indent++;
            }
            int first = pos + indent;
            byte c = first < lineEnd ? content[first] : (byte) '\n';
            if (c == '\t') {
                return false;
            }
            boolean blank = c == '\n' || c == '#' || c == '\r' && first + 1 == lineEnd;
            if (!blank && !root) {
                if (indent != 0 || !isRoot(pos, lineEnd)) {
                    return false;
                }
                root = true;
            } else if (!blank && (itemColumn < 0 || indent <= itemColumn)) {
                if (itemColumn >= 0 && indent < itemColumn || first + 1 >= lineEnd || content[first] != '-'
                        || content[first + 1] != ' ') {
                    return false;
                }
                itemColumn = indent;
                int key = first + 2;
                while (key < lineEnd && content[key] == ' ') {
                    key++;
                }
                starts.add(new int[] {pos, key - pos, 0, marks});
            } else if (!starts.isEmpty()) {
                int[] item = starts.get(starts.size() - 1);
                item[3] |= marks;
                if (!blank && indent <= item[1]) {
                    item[2] = 1;
                }
            }
            pos = lineEnd + 1;
        }
        if (!root) {
            return false;
        }
        for (int i = 0; i < starts.size(); i++) {
            int[] start = starts.get(i);
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : content.length;
            Item item = new Item(start[0], end, start[2] == 1 ? SEVERAL_KEYS : kind(start[0], start[1], end), start[3]);
            if ((start[3] & ANCHOR_CHARACTER) != 0 && ANCHOR_OR_ALIAS.matcher(item.text()).find()) {
                anchors = true;
            }
            items.add(item);
        }
        return true;
    }

    /** YAML also breaks lines at a lone CR, NEL, LS and PS; a scan by LF would not see those lines. */
    private boolean otherLineBreak(int i) {
        int b = content[i] & 0xFF;
        if (b == '\r') {
            return i + 1 == content.length || content[i + 1] != '\n';
        }
        if (b == 0xC2) {
            return i + 1 < content.length && (content[i + 1] & 0xFF) == 0x85; // NEL
        }
        return b == 0xE2 && i + 2 < content.length && (content[i + 1] & 0xFF) == 0x80
                && ((content[i + 2] & 0xFF) == 0xA8 || (content[i + 2] & 0xFF) == 0xA9); // LS, PS
    }

    private boolean isRoot(int from, int lineEnd) {
        int end = lineEnd;
        while (end > from && (content[end - 1] == ' ' || content[end - 1] == '\r')) {
            end--;
        }
        if (end - from != ROOT.length) {
            return false;
        }
        for (int i = 0; i < ROOT.length; i++) {
            if (content[from + i] != ROOT[i]) {
                return false;
            }
        }
        return true;
    }

    /** The item's key: the text from its key column to the first ": " (or ":" ending the line). */
    private String kind(int start, int keyColumn, int end) {
        int lineEnd = start;
        while (lineEnd < end && content[lineEnd] != '\n') {
            lineEnd++;
        }
        String line = new String(content, start, lineEnd - start, StandardCharsets.UTF_8).stripTrailing();
        for (int colon = line.indexOf(':', keyColumn); colon >= 0; colon = line.indexOf(':', colon + 1)) {
            if (colon + 1 == line.length() || line.charAt(colon + 1) == ' ') {
                return line.substring(keyColumn, colon).stripTrailing();
            }
        }
        return "(no key)";
    }

    /**
     * Why the file's changeset items cannot be taken one by one, or null when they can: an anchor or alias (it
     * may tie items together), or an item other than a changeset or a header item (an include, a property, a
     * precondition: they act on other files or on parameters).
     */
    String reasonToParseWhole() {
        if (anchors) {
            return "it uses YAML anchors or aliases";
        }
        for (Item item : items) {
            if (!item.isChangeSet() && !HEADER_KINDS.contains(item.kind())) {
                return "it has an item '" + item.kind() + "'";
            }
        }
        return null;
    }

    List<Item> items() {
        return items;
    }

    boolean usesAnchors() {
        return anchors;
    }

    /** The whole content as text, for a YAML parser. */
    String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    byte[] content() {
        return content;
    }

    boolean onlyChangeSets() {
        return items.stream().allMatch(Item::isChangeSet);
    }

    /** Digest of the items other than changesets, in order: a changeset's record holds only with the same. */
    String headerDigest() {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        items.stream().filter(item -> !item.isChangeSet()).forEach(item -> item.appendTo(header));
        return Digests.ofContent(header.toByteArray());
    }
}
