package dev.hourglass.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cron expressions in the English a person would write (CONTRACT §12.5). */
class CronDescriptionTest {

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            # the contract's examples
            0 9 * * 1-5                   | At 09:00 on Monday through Friday
            */15 * * * *                  | Every 15 minutes
            0 0 13 * 5                    | At 00:00 on day 13 of the month and on Friday
            # every so often
            * * * * *                     | Every minute
            */1 * * * *                   | Every minute
            */30 * * * *                  | Every 30 minutes
            */7 * * * *                   | Every 7th minute
            0 * * * *                     | Every hour, at minute 0
            0,15,30,45 * * * *            | Every hour, at minutes 0, 15, 30 and 45
            5 */2 * * *                   | Every 2 hours, at minute 5
            0 */6 * * *                   | Every 6 hours, at minute 0
            0 */5 * * *                   | Every 5th hour, at minute 0
            0-10 * * * *                  | Every minute from minute 0 through 10 of every hour
            10-50/10 * * * *              | Every 10 minutes from minute 10 through 50 of every hour
            */15 */2 * * *                | Every 15 minutes during every 2nd hour
            # windows of the day
            */5 9-17 * * 1-5              | Every 5 minutes from 09:00 through 17:55 on Monday through Friday
            * 9 * * *                     | Every minute from 09:00 through 09:59
            0-10 3 * * *                  | Every minute from 03:00 through 03:10
            */10 9,17 * * *               | Every 10 minutes from 09:00 through 09:50 and from 17:00 through 17:50
            */20 9-12,14-17 * * *         | Every 20 minutes from 09:00 through 12:40 and from 14:00 through 17:40
            0 9-17 * * *                  | Every hour from 09:00 through 17:00
            0 0-23 * * *                  | Every hour from 00:00 through 23:00
            # exact times
            30 2 * * *                    | At 02:30 every day
            0 9,17 * * 1-5                | At 09:00 and 17:00 on Monday through Friday
            1,2 3,4 * * *                 | At 03:01, 03:02, 04:01 and 04:02 every day
            # too many to list, parts as written
            0,30 9-17 * * *               | At minutes 0 and 30 past hours 9 through 17
            0 0,2,4,6,8,10,12,14,16 * * * | At minute 0 past hours 0, 2, 4, 6, 8, 10, 12, 14 and 16
            23 0-20/2 * * *               | At minute 23 past every 2nd hour from 0 through 20
            # days of the month and of the week
            0 0 1 * *                     | At 00:00 on day 1 of the month
            15 14 1 * *                   | At 14:15 on day 1 of the month
            0 0 1,15 * *                  | At 00:00 on days 1 and 15 of the month
            0 4 8-14 * *                  | At 04:00 on days 8 through 14 of the month
            0 0 1-10/3 * *                | At 00:00 on every 3rd day from 1 through 10 of the month
            5 4 * * sun                   | At 04:05 on Sunday
            0 9 * * MON-FRI               | At 09:00 on Monday through Friday
            0 0 * * 6,0                   | At 00:00 on Saturday and Sunday
            0 0 * * 5-7                   | At 00:00 on Friday through Sunday
            0 0 * * */2                   | At 00:00 on Sunday, Tuesday, Thursday and Saturday
            # Vixie's rule: either restricted field, or both when one starts with '*'
            0 0 13 * 0-6                  | At 00:00 every day
            0 0 */2 * 1                   | At 00:00 on every 2nd day of the month, if it falls on Monday
            0 0 13 * */2                  | At 00:00 on day 13 of the month, if it falls on Sunday, Tuesday, Thursday or Saturday
            # months and dates
            0 12 * 1,7 *                  | At 12:00 every day in January and July
            0 0 * jan-mar *               | At 00:00 every day in January through March
            0 0,12 1 */3 *                | At 00:00 and 12:00 on day 1 of the month in January, April, July and October
            0 0 1 1 *                     | At 00:00 on January 1
            0 0 29 2 *                    | At 00:00 on February 29
            0 0 24,31 DEC *               | At 00:00 on December 24 and 31
            0 8 * 12 1-5                  | At 08:00 on Monday through Friday in December
            """)
    void describes(String expression, String words) {
        assertThat(CronDescription.of(CronFields.parse(expression))).isEqualTo(words);
    }

    @Test
    void a_cron_schedule_adds_its_zone_in_parentheses() {
        assertThat(Cron.of("0 9 * * 1-5", java.time.ZoneId.of("Europe/Berlin")).describe())
                .isEqualTo("At 09:00 on Monday through Friday (Europe/Berlin)");
    }

    @Test
    void a_fixed_offset_zone_reads_as_utc_with_its_offset_not_as_z() {
        assertThat(Cron.of("* * * * *", java.time.ZoneOffset.UTC).describe()).isEqualTo("Every minute (UTC)");
        assertThat(Cron.of("* * * * *", java.time.ZoneOffset.ofHoursMinutes(5, 30)).describe())
                .isEqualTo("Every minute (UTC+05:30)");
        assertThat(Cron.of("* * * * *", java.time.ZoneId.of("Etc/UTC")).describe()).isEqualTo("Every minute (Etc/UTC)");
    }

    @Test
    void ordinals_read_as_spoken() {
        assertThat(new String[] {CronDescription.ordinal(1), CronDescription.ordinal(2), CronDescription.ordinal(3),
                CronDescription.ordinal(4), CronDescription.ordinal(11), CronDescription.ordinal(12),
                CronDescription.ordinal(13), CronDescription.ordinal(21), CronDescription.ordinal(22),
                CronDescription.ordinal(23)})
                .containsExactly("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd");
    }
}
