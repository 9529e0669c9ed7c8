package dev.automigrate.core.liquibase.incremental;

import java.io.StringReader;
import java.util.List;
import liquibase.parser.core.yaml.YamlParser;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Whether a YAML parser sees exactly the items a {@link YamlItems} line scan found, so that each item means alone
 * what it means in its file. A parser can only see fewer (an item swallowed by a quoted scalar or flow collection
 * left open in the one before), never more or others.
 */
final class ItemBoundaries {
    private ItemBoundaries() {
    }

    /**
     * @param changeSets how many changesets Liquibase loaded from the text, having skipped none: when every item
     *                   is a changeset, each item the parser sees yields exactly one, so equal counts prove equal
     *                   items without composing the text again
     */
    static boolean confirmed(YamlItems items, int changeSets) {
        if (items.onlyChangeSets()) {
            return changeSets == items.items().size();
        }
        return composedAlike(items);
    }

    /** SnakeYAML, as Liquibase configures it, composes the text into the same items, each where the scan found it. */
    private static boolean composedAlike(YamlItems items) {
        try {
            Node root = new Yaml(YamlParser.createLoaderOptions()).compose(new StringReader(items.text()));
            if (!(root instanceof MappingNode map) || map.getValue().size() != 1) {
                return false;
            }
            Node list = map.getValue().get(0).getValueNode();
            List<YamlItems.Item> scanned = items.items();
            if (!(list instanceof SequenceNode sequence)) {
                return scanned.isEmpty();
            }
            if (sequence.getValue().size() != scanned.size()) {
                return false;
            }
            byte[] content = items.content();
            int line = 0;
            int counted = 0;
            for (int i = 0; i < scanned.size(); i++) {
                YamlItems.Item item = scanned.get(i);
                for (; counted < item.start(); counted++) {
                    if (content[counted] == '\n') {
                        line++;
                    }
                }
                Mark mark = sequence.getValue().get(i).getStartMark();
                if (mark.getLine() != line || mark.getColumn() != keyColumn(content, item.start())) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Where the item's key starts on its first line: after its indentation, "- " and any spaces (all ASCII). */
    private static int keyColumn(byte[] content, int start) {
        int at = start;
        while (content[at] == ' ') {
            at++;
        }
        at += 2;
        while (at < content.length && content[at] == ' ') {
            at++;
        }
        return at - start;
    }
}
