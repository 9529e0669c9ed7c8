package dev.automigrate.core.liquibase.incremental;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YAML changelog cut into its top-level list items by a line scan, about twenty times cheaper than a YAML parse.
 * Only the plain shape is accepted: the first significant line is {@code databaseChangeLog:} at column 0; every
 * other significant line at or left of the items' column starts an item with {@code "- "} at that column; each
 * item is a map with one key (no line of it at or left of its key's column). Blank and comment lines belong to the
 * item they follow. Anything else, and every character a YAML parser would take as a line break besides LF and
 * CR LF, answers empty: the file is then parsed whole.
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
    private static final String ROOT = "databaseChangeLog:";
    /** An anchor ({@code &a}) or alias ({@code *a}) token; also matches some SQL, which only costs a parse. */
    private static final Pattern ANCHOR_OR_ALIAS = Pattern.compile("(^|[\\s\\[{,:-])[&*][^\\s,\\]}]");
    private static final String SEVERAL_KEYS = "(a map of several keys)";

    /** One top-level item: its text runs from its line's start to the next item's. */
    record Item(int start, String kind, String text, String digest) {
        boolean isChangeSet() {
            return CHANGE_SET.equals(kind);
        }
    }

    private final String text;
    private final List<Item> items;
    private final boolean anchors;

    private YamlItems(String text, List<Item> items, boolean anchors) {
        this.text = text;
        this.items = List.copyOf(items);
        this.anchors = anchors;
    }

    /** The items of a file's content, or empty when it is not in the plain shape. */
    static Optional<YamlItems> of(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        return of(text);
    }

    static Optional<YamlItems> of(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        if (hasOtherLineBreaks(text)) {
            return Optional.empty();
        }
        List<int[]> starts = new ArrayList<>(); // {line start, key column}
        List<Boolean> severalKeys = new ArrayList<>();
        boolean root = false;
        int itemColumn = -1;
        int pos = 0;
        while (pos < text.length()) {
            int lineEnd = text.indexOf('\n', pos);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            int indent = 0;
            while (pos + indent < lineEnd && text.charAt(pos + indent) == ' ') {
                indent++;
            }
            int first = pos + indent;
            char c = first < lineEnd ? text.charAt(first) : '\n';
            if (c == '\t') {
                return Optional.empty();
            }
            boolean blank = c == '\n' || c == '#' || c == '\r' && first + 1 == lineEnd;
            if (!blank) {
                if (!root) {
                    if (indent != 0 || !text.substring(pos, lineEnd).stripTrailing().equals(ROOT)) {
                        return Optional.empty();
                    }
                    root = true;
                } else if (itemColumn < 0 || indent <= itemColumn) {
                    if (itemColumn >= 0 && indent < itemColumn || !text.startsWith("- ", first)) {
                        return Optional.empty();
                    }
                    itemColumn = indent;
                    int key = first + 2;
                    while (key < lineEnd && text.charAt(key) == ' ') {
                        key++;
                    }
                    starts.add(new int[] {pos, key - pos});
                    severalKeys.add(false);
                } else if (indent <= starts.get(starts.size() - 1)[1]) {
                    severalKeys.set(severalKeys.size() - 1, true);
                }
            }
            pos = lineEnd + 1;
        }
        if (!root) {
            return Optional.empty();
        }
        List<Item> items = new ArrayList<>(starts.size());
        boolean anchors = false;
        for (int i = 0; i < starts.size(); i++) {
            int start = starts.get(i)[0];
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            String item = text.substring(start, end);
            String kind = severalKeys.get(i) ? SEVERAL_KEYS : kind(item, starts.get(i)[1]);
            if ((item.indexOf('&') >= 0 || item.indexOf('*') >= 0) && ANCHOR_OR_ALIAS.matcher(item).find()) {
                anchors = true;
            }
            items.add(new Item(start, kind, item, Digests.ofContent(item)));
        }
        return Optional.of(new YamlItems(text, items, anchors));
    }

    /** YAML also breaks lines at a lone CR, NEL, LS and PS; a line scan by LF would not see those lines. */
    private static boolean hasOtherLineBreaks(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')
                    || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** The item's key: the text from its key column to the first ": " (or ":" ending the line). */
    private static String kind(String item, int keyColumn) {
        int lineEnd = item.indexOf('\n');
        String line = (lineEnd < 0 ? item : item.substring(0, lineEnd)).stripTrailing();
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

    String text() {
        return text;
    }

    boolean onlyChangeSets() {
        return items.stream().allMatch(Item::isChangeSet);
    }

    /** Digest of the items other than changesets, in order: a changeset's record holds only with the same. */
    String headerDigest() {
        StringBuilder header = new StringBuilder();
        items.stream().filter(item -> !item.isChangeSet()).forEach(item -> header.append(item.text()));
        return Digests.ofContent(header.toString());
    }
}
