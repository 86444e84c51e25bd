package dev.hourglass.persistence;

import java.nio.file.Path;

/** Another live process uses the SQLite file: SQLite is for one process; several instances need PostgreSQL. */
public final class StoreInUseException extends StoreException {

    public StoreInUseException(Path file, String holder) {
        super("database " + file + " is in use by another Hourglass process (" + holder + "); stop it first, or "
                + "share a PostgreSQL database to run several instances");
    }
}
