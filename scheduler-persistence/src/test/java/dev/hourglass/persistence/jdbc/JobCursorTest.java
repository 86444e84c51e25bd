package dev.hourglass.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobCursorTest {

    @Test
    void an_instant_cursor_comes_back_as_it_went_out_and_binds_in_each_stores_spelling() {
        JobCursor cursor = JobCursor.decode(JobCursor.at(Instant.parse("2026-03-01T10:00:00.123Z"), 7).encode());

        assertThat(cursor).isEqualTo(JobCursor.at(Instant.parse("2026-03-01T10:00:00.123Z"), 7));
        assertThat(cursor.boundCreatedAt(SqlValues.SQLITE)).isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(cursor.boundCreatedAt(SqlValues.POSTGRES)).isNotNull();
    }

    @Test
    void a_cursor_after_a_hand_edited_text_binds_that_text_on_sqlite_only() {
        JobCursor cursor = JobCursor.decode(JobCursor.atStored("yesterday: noon", 3).encode());

        assertThat(cursor.boundCreatedAt(SqlValues.SQLITE)).isEqualTo("yesterday: noon");
        assertThat(cursor.seq()).isEqualTo(3);
        assertThatThrownBy(() -> cursor.boundCreatedAt(SqlValues.POSTGRES)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_cursor_after_a_hand_edited_blob_binds_the_same_bytes() {
        JobCursor cursor = JobCursor.decode(JobCursor.atStored(new byte[] {0, (byte) 0xff}, 4).encode());

        assertThat((byte[]) cursor.boundCreatedAt(SqlValues.SQLITE)).containsExactly(0, 0xff);
    }

    @Test
    void a_stored_value_sqlite_sorts_after_every_text_gives_no_cursor() {
        assertThat(JobCursor.atStored(null, 1)).isNull();
        assertThat(JobCursor.atStored(42L, 1)).isNull();
    }
}
