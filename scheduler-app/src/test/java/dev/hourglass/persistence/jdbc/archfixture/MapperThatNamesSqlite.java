package dev.hourglass.persistence.jdbc.archfixture;

import org.sqlite.SQLiteErrorCode;

/** Breaks {@code the_jdbc_mapping_names_no_driver}: a shared mapper that knows SQLite's error codes. */
public final class MapperThatNamesSqlite {

    public boolean isBusy(int code) {
        return code == SQLiteErrorCode.SQLITE_BUSY.code;
    }
}
