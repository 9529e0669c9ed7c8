package dev.automigrate.core.rollback;

import dev.automigrate.core.UsageException;
import dev.automigrate.core.status.AppliedChangeSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** How far to roll back: the last N changesets, back to a tag, or back to a moment. */
public sealed interface RollbackTarget {

    /**
     * The target a user asked for: exactly one of a count, a tag or a date (ISO-8601, e.g.
     * {@code 2026-11-01T12:00:00Z}; without a zone it is UTC; a bare date means its start).
     *
     * @param names how the front end spells the three options, for the error message
     */
    static RollbackTarget of(String count, String tag, String date, String names) {
        int given = (blank(count) ? 0 : 1) + (blank(tag) ? 0 : 1) + (blank(date) ? 0 : 1);
        if (given != 1) {
            throw new UsageException("rollback needs exactly one of " + names + (given == 0 ? "" : ", not " + given));
        }
        if (!blank(count)) {
            try {
                return new Count(Integer.parseInt(count.strip()));
            } catch (NumberFormatException e) {
                throw new UsageException("rollback count '" + count + "' is not a whole number");
            }
        }
        if (!blank(tag)) {
            return new ToTag(tag.strip());
        }
        return new ToDate(parseDate(date.strip()));
    }

    private static Instant parseDate(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notALocalDateTime) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notADate) {
                    throw new UsageException("rollback date '" + text
                            + "' is not an ISO-8601 date such as 2026-11-01T12:00:00Z or 2026-11-01");
                }
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The applied changesets (newest first, as given) that this target undoes. */
    List<AppliedChangeSet> select(List<AppliedChangeSet> newestFirst);

    String describe();

    record Count(int count) implements RollbackTarget {
        public Count {
            if (count < 1) {
                throw new UsageException("rollback count must be at least 1, not " + count);
            }
        }

        @Override
        public List<AppliedChangeSet> select(List<AppliedChangeSet> newestFirst) {
            return newestFirst.subList(0, Math.min(count, newestFirst.size()));
        }

        @Override
        public String describe() {
            return "the last " + count + " changeset" + (count == 1 ? "" : "s");
        }
    }

    /** Undoes everything applied after the changeset that carries the tag; the tagged one stays. */
    record ToTag(String tag) implements RollbackTarget {
        @Override
        public List<AppliedChangeSet> select(List<AppliedChangeSet> newestFirst) {
            for (int i = 0; i < newestFirst.size(); i++) {
                if (tag.equals(newestFirst.get(i).tag())) {
                    return newestFirst.subList(0, i);
                }
            }
            throw new UsageException("no applied changeset carries the tag '" + tag + "'; see history for the tags");
        }

        @Override
        public String describe() {
            return "tag " + tag;
        }
    }

    /** Undoes everything applied after the moment. */
    record ToDate(Instant date) implements RollbackTarget {
        @Override
        public List<AppliedChangeSet> select(List<AppliedChangeSet> newestFirst) {
            return newestFirst.stream().filter(c -> c.executedAt() != null && c.executedAt().isAfter(date)).toList();
        }

        @Override
        public String describe() {
            return "the state at " + date;
        }
    }
}
