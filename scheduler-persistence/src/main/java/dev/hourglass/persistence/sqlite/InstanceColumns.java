package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.SchemaTooNewException;
import dev.hourglass.persistence.StoreException;
import dev.hourglass.persistence.StoreInUseException;
import dev.hourglass.persistence.jdbc.*;

/**
 * The instances table. Ages are compared as text: every instant is ISO-8601 UTC with milliseconds,
 * so text order is time order.
 */
final class InstanceColumns {

    static final String REGISTER = "INSERT INTO instances (id, name, started_at, heartbeat_at) VALUES"
            + " (:id, :name, :now, :now) ON CONFLICT (id) DO UPDATE SET name = :name, heartbeat_at = :now,"
            + " stopped_at = NULL";
    /** Renews a heartbeat that is still current; changes nothing for one that lapsed or stopped. */
    static final String RENEW = "UPDATE instances SET heartbeat_at = :now WHERE id = :id AND stopped_at IS NULL"
            + " AND heartbeat_at >= :cutoff";
    static final String DEREGISTER = "UPDATE instances SET stopped_at = :now WHERE id = :id";
    /** Every instance registered before the file lock was taken is gone: it held the file. */
    static final String END_ALL = "UPDATE instances SET stopped_at = :now WHERE stopped_at IS NULL";
    static final String RECENT = "SELECT id, name, started_at, heartbeat_at, stopped_at FROM instances"
            + " WHERE heartbeat_at >= :since ORDER BY started_at";

    private InstanceColumns() {
    }
}
