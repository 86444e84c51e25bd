package dev.hourglass.domain.port.out;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Which of the writes handed to {@link JobStore#apply(List)} took effect, by the writes themselves. */
public final class Applied {

    private final List<JobWrite> applied;
    private final Set<JobWrite> lookup = Collections.newSetFromMap(new IdentityHashMap<>());

    private Applied(List<JobWrite> applied) {
        this.applied = List.copyOf(applied);
        lookup.addAll(applied);
    }

    public static Applied none() {
        return new Applied(List.of());
    }

    /** {@code applied} are the writes that took effect, in the order they were given. */
    public static Applied of(List<? extends JobWrite> applied) {
        return new Applied(List.copyOf(applied));
    }

    public boolean contains(JobWrite write) {
        return lookup.contains(write);
    }

    /** Those of {@code writes} that took effect, in their order. */
    public <W extends JobWrite> List<W> among(List<W> writes) {
        return writes.stream().filter(this::contains).toList();
    }

    public int count() {
        return applied.size();
    }

    public List<JobWrite> writes() {
        return applied;
    }

    @Override
    public String toString() {
        return "Applied[" + applied.size() + "]";
    }
}
