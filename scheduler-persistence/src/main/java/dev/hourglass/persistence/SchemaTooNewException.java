package dev.hourglass.persistence;

import java.nio.file.Path;

/** The database was written by a newer Hourglass whose schema this version does not know: it refuses to start. */
public final class SchemaTooNewException extends StoreException {

    private final int fileVersion;
    private final int knownVersion;

    public SchemaTooNewException(Path file, int fileVersion, int knownVersion) {
        this(file.toString(), fileVersion, knownVersion);
    }

    /** {@code database} names the store without credentials: a file, or a PostgreSQL URL without its password. */
    public SchemaTooNewException(String database, int fileVersion, int knownVersion) {
        super("database " + database + " has schema version " + fileVersion + ", but this Hourglass knows versions up to "
                + knownVersion + "; it was written by a newer Hourglass. Run that version, or use another --db file.");
        this.fileVersion = fileVersion;
        this.knownVersion = knownVersion;
    }

    public int fileVersion() {
        return fileVersion;
    }

    public int knownVersion() {
        return knownVersion;
    }
}
