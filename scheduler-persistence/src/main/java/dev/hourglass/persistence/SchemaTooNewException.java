package dev.hourglass.persistence;

import java.nio.file.Path;

/** The database file was written by a newer Hourglass whose schema this version does not know. */
public final class SchemaTooNewException extends StoreException {

    private final int fileVersion;
    private final int knownVersion;

    SchemaTooNewException(Path file, int fileVersion, int knownVersion) {
        super("database " + file + " has schema version " + fileVersion + ", but this Hourglass knows versions up to "
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
