package dev.automigrate.core.liquibase.parse;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import liquibase.parser.core.yaml.YamlParser;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Where things are in a YAML or JSON changelog. Liquibase loads these files into plain maps, so a complaint about
 * their content ("Unexpected node: 2)") has no position; composing the same text with SnakeYAML (the library
 * Liquibase reads them with) gives nodes that carry their line and column.
 */
final class YamlPositions {
    /** The longest piece of the file quoted back in a hint. */
    private static final int MAX_QUOTED = 60;

    private final String text;
    private final Node root;

    private YamlPositions(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Empty when the text does not compose (a syntax error, reported from its own marks) or is empty. */
    static Optional<YamlPositions> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            Node root = new Yaml(new SafeConstructor(YamlParser.createLoaderOptions())).compose(new StringReader(text));
            return Optional.ofNullable(root).map(node -> new YamlPositions(text, node));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A syntax error where SnakeYAML found it, in plainer words where the cause is a classic one. */
    static ParseFailureLocator.Found syntaxError(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem().strip();
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String cause;
        if (problem.contains("\\t(TAB)")) {
            cause = "a tab character: indent YAML with spaces";
        } else if (problem.startsWith("mapping values are not allowed here")) {
            cause = "a ': ' inside a value, or a wrong indentation: quote a value that contains ': '";
        } else if (problem.startsWith("expected <block end>")) {
            cause = "this line is not indented as the lines above it (" + problem + ")";
        } else if (problem.contains("end of stream") || problem.contains("<stream end>")) {
            if (e.getContextMark() != null && e.getProblemMark() != null
                    && e.getContextMark().getIndex() != e.getProblemMark().getIndex()) {
                mark = e.getContextMark();
                cause = (String.valueOf(e.getContext()).contains("quoted scalar") ? "a quoted value"
                        : "what starts here (" + e.getContext() + ")") + " is never closed";
            } else {
                cause = "the file ends too early (" + (e.getContext() == null ? "" : e.getContext().strip() + ": ")
                        + problem + ")";
            }
        } else if (problem.startsWith("expected ','")) {
            cause = "a comma is missing before this (" + problem + ")";
        } else {
            cause = (e.getContext() == null ? "" : e.getContext().strip() + ": ") + problem;
        }
        return mark == null ? new ParseFailureLocator.Found(0, 0, cause)
                : new ParseFailureLocator.Found(mark.getLine() + 1, mark.getColumn() + 1, cause);
    }

    /**
     * The key Liquibase did not expect, with a hint when it is the tail of a value cut at a comma: in a flow
     * mapping {@code {name: amount, type: numeric(12,2)}} an unquoted comma ends the value, so Liquibase reads
     * {@code type: numeric(12} and a key {@code 2)}.
     */
    Optional<ParseFailureLocator.Found> unexpectedKey(String key, String cause) {
        List<NodeTuple> candidates = new ArrayList<>();
        List<MappingNode> mappings = new ArrayList<>();
        collectKeys(root, key, candidates, mappings);
        for (int i = 0; i < candidates.size(); i++) {
            Optional<ParseFailureLocator.Found> cut = cutAtComma(mappings.get(i), candidates.get(i));
            if (cut.isPresent()) {
                return cut;
            }
        }
        return candidates.stream().findFirst().map(tuple -> at(tuple.getKeyNode().getStartMark(), cause));
    }

    /** The first changeSet whose id is missing or blank. */
    Optional<ParseFailureLocator.Found> changeSetWithoutId(String cause) {
        List<NodeTuple> changeSets = new ArrayList<>();
        collectKeys(root, "changeSet", changeSets, new ArrayList<>());
        for (NodeTuple changeSet : changeSets) {
            if (changeSet.getValueNode() instanceof MappingNode attributes && !hasValue(attributes, "id")) {
                return Optional.of(at(changeSet.getKeyNode().getStartMark(), cause));
            }
        }
        return Optional.empty();
    }

    private Optional<ParseFailureLocator.Found> cutAtComma(MappingNode mapping, NodeTuple tail) {
        if (mapping.getFlowStyle() != DumperOptions.FlowStyle.FLOW || !isEmpty(tail.getValueNode())
                || !(tail.getKeyNode() instanceof ScalarNode key) || key.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return Optional.empty();
        }
        int index = mapping.getValue().indexOf(tail);
        if (index < 1 || !(mapping.getValue().get(index - 1).getValueNode() instanceof ScalarNode head)
                || head.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN || !(mapping.getValue().get(index - 1)
                .getKeyNode() instanceof ScalarNode headKey)) {
            return Optional.empty();
        }
        if (!text.substring(head.getEndMark().getIndex(), key.getStartMark().getIndex()).strip().equals(",")) {
            return Optional.empty();
        }
        String value = text.substring(head.getStartMark().getIndex(), key.getEndMark().getIndex());
        if (value.length() > MAX_QUOTED) {
            value = value.substring(0, MAX_QUOTED) + "...";
        }
        return Optional.of(at(head.getStartMark(), "the unquoted value " + value + " is cut at its comma (in a"
                + " {...} mapping a comma ends a value, so Liquibase read an unexpected '" + key.getValue()
                + "'): quote it: " + headKey.getValue() + ": \"" + value.replace("\"", "\\\"") + "\""));
    }

    private static void collectKeys(Node node, String key, List<NodeTuple> found, List<MappingNode> foundIn) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && key.equals(scalar.getValue())) {
                    found.add(tuple);
                    foundIn.add(mapping);
                }
                collectKeys(tuple.getValueNode(), key, found, foundIn);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                collectKeys(item, key, found, foundIn);
            }
        }
    }

    private static boolean hasValue(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && key.equals(scalar.getValue())) {
                return !isEmpty(tuple.getValueNode());
            }
        }
        return false;
    }

    private static boolean isEmpty(Node node) {
        return node instanceof ScalarNode scalar
                && (Tag.NULL.equals(scalar.getTag()) || scalar.getValue().isBlank());
    }

    private static ParseFailureLocator.Found at(Mark mark, String cause) {
        return new ParseFailureLocator.Found(mark.getLine() + 1, mark.getColumn() + 1, cause);
    }
}
