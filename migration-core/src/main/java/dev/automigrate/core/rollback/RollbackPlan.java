package dev.automigrate.core.rollback;

import dev.automigrate.core.UsageException;
import java.util.List;

/** What a rollback would do, newest changeset first; nothing runs while any step is blocked. */
public record RollbackPlan(RollbackTarget target, List<RollbackStep> steps) {
    public RollbackPlan {
        steps = List.copyOf(steps);
    }

    public List<RollbackStep> blocked() {
        return steps.stream().filter(s -> s.blocker() != null).toList();
    }

    /** Throws when a changeset cannot be rolled back, naming each one, before anything has run. */
    public void requireRollbackable() {
        List<RollbackStep> blocked = blocked();
        if (!blocked.isEmpty()) {
            throw new UsageException("Rollback to " + target.describe() + " stopped before changing anything: "
                    + String.join("; ", blocked.stream().map(s -> s.changeSet().identity() + " " + s.blocker()).toList()));
        }
    }
}
