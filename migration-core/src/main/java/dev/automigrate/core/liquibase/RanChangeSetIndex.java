package dev.automigrate.core.liquibase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

/**
 * Finds a changeset's row in Liquibase's history as Liquibase's own lookup does (the first row, in the history's
 * order, that {@link RanChangeSet#isSameAs} the changeset: id and author equal ignoring case, same path), but by id
 * instead of by comparing every row. Liquibase scans the whole history for each changeset an update visits, so a
 * first migrate of 3,000 changesets compares ids about 4.5 million times. The index follows the rows as they are at
 * each lookup (update appends the row of each changeset it runs); an id that is not plain ASCII, among the rows or
 * asked for, leaves the lookup to Liquibase's scan, whose case rules for it are Unicode's.
 */
final class RanChangeSetIndex {
    private final List<RanChangeSet> indexed = new ArrayList<>();
    private final Map<String, List<RanChangeSet>> byId = new HashMap<>();
    private boolean onlyAsciiIds = true;

    /** Whether {@link #find} answers for this changeset among these rows, the history's current ones. */
    boolean answers(List<RanChangeSet> rows, ChangeSet changeSet) {
        follow(rows);
        return onlyAsciiIds && changeSet.getId() != null && isAscii(changeSet.getId());
    }

    /** The first row that is this changeset's, or null; only after {@link #answers} said yes. */
    RanChangeSet find(ChangeSet changeSet) {
        for (RanChangeSet row : byId.getOrDefault(key(changeSet.getId()), List.of())) {
            if (row.isSameAs(changeSet)) {
                return row;
            }
        }
        return null;
    }

    /** Indexes the rows appended since the last lookup; anything else that changed them indexes them again. */
    private void follow(List<RanChangeSet> rows) {
        int same = 0;
        int common = Math.min(rows.size(), indexed.size());
        while (same < common && rows.get(same) == indexed.get(same)) {
            same++;
        }
        if (same < indexed.size()) {
            indexed.clear();
            byId.clear();
            onlyAsciiIds = true;
            same = 0;
        }
        for (int i = same; i < rows.size(); i++) {
            RanChangeSet row = rows.get(i);
            indexed.add(row);
            if (row.getId() == null || !isAscii(row.getId())) {
                onlyAsciiIds = false;
            } else {
                byId.computeIfAbsent(key(row.getId()), id -> new ArrayList<>()).add(row);
            }
        }
    }

    /** For ASCII text, equal keys are exactly what {@code equalsIgnoreCase} calls equal. */
    private static String key(String asciiId) {
        return asciiId.toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
