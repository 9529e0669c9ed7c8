package dev.automigrate.core;

import java.time.Instant;
import java.util.List;

/** How far to roll back: the last N changesets, back to a tag, or back to a moment. */
public sealed interface RollbackTarget {

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
