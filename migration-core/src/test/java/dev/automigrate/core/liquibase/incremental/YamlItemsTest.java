package dev.automigrate.core.liquibase.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The line scan takes only the plain shape, and its items are a YAML parser's only when confirmed. */
class YamlItemsTest {
    private static final String TWO = """
            # a comment before the root
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: ana
                  changes:
                    - sql: |
                        select 1;
                        -- not an item
              # a comment, part of the first item
              - changeSet: {id: 2, author: ana, changes: [{sql: select 2}]}
            """;

    @Test
    void itemsOfThePlainShape() {
        YamlItems items = YamlItems.of(TWO).orElseThrow();
        assertEquals(List.of("changeSet", "changeSet"), items.items().stream().map(YamlItems.Item::kind).toList());
        assertTrue(items.items().get(0).text().endsWith("# a comment, part of the first item\n"));
        assertNull(items.reasonToParseWhole());
        assertTrue(ItemBoundaries.confirmed(items, 2));
        assertFalse(ItemBoundaries.confirmed(items, 1), "a parser that saw one item less");
        assertNotEquals(items.items().get(0).digest(), items.items().get(1).digest());
    }

    @Test
    void anythingElseIsParsedWhole() {
        for (String text : List.of(
                "databaseChangeLog: []\n",
                "databaseChangeLog:\n  - changeSet: {id: 1}\r  - changeSet: {id: 2}\n", // a lone CR breaks a line
                "databaseChangeLog:\n  - changeSet: {id: 1}\u2028  - changeSet: {id: 2}\n",
                "databaseChangeLog:\n\t- changeSet: {id: 1}\n",
                "databaseChangeLog:\n  - changeSet: {id: 1}\n - changeSet: {id: 2}\n",
                "databaseChangeLog:\n  - changeSet: {id: 1}\n  foo: bar\n",
                "---\ndatabaseChangeLog:\n  - changeSet: {id: 1}\n")) {
            assertTrue(YamlItems.of(text).isEmpty(), text);
        }
        assertTrue(YamlItems.of(new byte[] {'a', (byte) 0xC3}).isEmpty(), "not UTF-8");
    }

    @Test
    void itemsThatActOnOthersOrTieThemTogetherMakeTheFileParsedWhole() {
        assertEquals("it has an item 'include'", YamlItems.of("databaseChangeLog:\n  - include: {file: a.yaml}\n")
                .orElseThrow().reasonToParseWhole());
        assertEquals("it has an item 'property'", YamlItems.of("databaseChangeLog:\n  - property: {name: a}\n")
                .orElseThrow().reasonToParseWhole());
        assertEquals("it has an item '(a map of several keys)'", YamlItems.of(
                "databaseChangeLog:\n  - changeSet:\n      id: 1\n    property: {name: a}\n").orElseThrow()
                .reasonToParseWhole());
        assertEquals("it uses YAML anchors or aliases", YamlItems.of(
                "databaseChangeLog:\n  - changeSet: &base {id: 1}\n  - changeSet: *base\n").orElseThrow()
                .reasonToParseWhole());
        YamlItems header = YamlItems.of("databaseChangeLog:\n  - logicalFilePath: x.yaml\n  - changeSet: {id: 1}\n")
                .orElseThrow();
        assertNull(header.reasonToParseWhole());
        assertTrue(ItemBoundaries.confirmed(header, 1));
    }

    @Test
    void aQuoteLeftOpenAcrossAnItemIsSeenByTheParser() {
        String text = "databaseChangeLog:\n  - logicalFilePath: \"x.yaml\n  - changeSet: {id: 1}\"\n"
                + "  - changeSet: {id: 2}\n";
        YamlItems items = YamlItems.of(text).orElseThrow();
        assertEquals(3, items.items().size());
        assertFalse(ItemBoundaries.confirmed(items, 1), "YAML sees two items, the first swallowing the second");
    }

    @Test
    void theScanNotesWhichItemsMayUseParametersOrAnchors() {
        YamlItems items = YamlItems.of("""
                databaseChangeLog:
                  - changeSet:
                      id: 1
                  - changeSet:
                      id: 2
                      changes: [{sql: "select '${x}'"}]
                  - changeSet:
                      id: 3
                """).orElseThrow();
        assertEquals(List.of(false, true, false),
                items.items().stream().map(YamlItems.Item::mayReferToParameters).toList());
        assertEquals("it uses YAML anchors or aliases", YamlItems.of(
                "databaseChangeLog:\n  - changeSet:\n      id: 1\n  - changeSet:\n      id: 2\n      x: *a\n")
                .orElseThrow().reasonToParseWhole());
    }

    @Test
    void parameterReferences() {
        assertEquals(Set.of("a", " b "), ParameterReferences.in("x ${a} y ${ b } ${a}"));
        assertEquals(Set.of(), ParameterReferences.in("no parameters, $ and { alone"));
        for (String hidden : List.of("${a${b}}", "${a", "\"\\x24{a}\"", "${:a}", "${LIQUIBASE_EXECUTION_CHANGESET_ID}",
                "${a'b}")) {
            assertNull(ParameterReferences.in(hidden), hidden);
        }
    }

    @Test
    void digestsTellContentApart() {
        assertNotEquals(Digests.ofContent("a"), Digests.ofContent("b"));
        assertEquals(Digests.ofContent("select 1".getBytes(StandardCharsets.UTF_8)), Digests.ofContent("select 1"));
        assertEquals(64, Digests.ofValue("secret").length());
    }
}
