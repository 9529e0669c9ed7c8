package dev.automigrate.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.automigrate.core.changelog.ChangeLogFileRecord;
import dev.automigrate.core.changelog.ChangeSetRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordTextTest {

    @Test
    void everyValueComesBackAsItWentIn() {
        String awkward = "a\\b\nc\u001fd\u001ee\u001df\\0\\n";
        ChangeSetRecord full = new ChangeSetRecord("1a-00ff", "id " + awkward, "ana", "legacy/x.yaml", "prod and !slow",
                "billing,core", "postgresql,!h2", true, false, true, false, Boolean.FALSE, "MARK_RAN", awkward, "LEGACY",
                "2026-12-01", List.of("9:abc", "1:ANY", awkward), "psql", "spool.out", awkward, "9:0123", "x.yaml::id::ana",
                Map.of("release_note", "digest", awkward, awkward), Map.of("db/v.sql", "d1"), List.of("db/a.sql", awkward));
        ChangeSetRecord sparse = new ChangeSetRecord("d", "2", "bo", null, null, null, null, false, true, false, true,
                null, "HALT", null, "QUOTE_ALL_OBJECTS", null, List.of(), null, null, "empty", "9:ff", "y::2::bo",
                Map.of(), Map.of(), List.of());
        assertEquals(List.of(full, sparse), RecordText.decode(RecordText.encode(List.of(full, sparse))));
        assertEquals(List.of(), RecordText.decode(RecordText.encode(List.of())));
    }

    @Test
    void aMastersIncludesComeBackAsTheyWentIn() {
        String awkward = "db/a\\b\nc\u001fd\u001ee\u001df.yaml";
        List<ChangeLogFileRecord.Include> includes = List.of(new ChangeLogFileRecord.Include("9f", "db/one.yaml"),
                new ChangeLogFileRecord.Include("9f", awkward), new ChangeLogFileRecord.Include("0a", ""));
        assertEquals(includes, RecordText.decodeIncludes(RecordText.encodeIncludes(includes)));
    }
}
