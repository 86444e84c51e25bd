package dev.hourglass.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONTRACT §10.3: instances that start together on an empty database make one schema between them. */
class StartTogetherIT {

    @TempDir
    Path dir;

    @Test
    void three_instances_started_at_once_on_an_empty_database_make_one_schema_and_all_become_ready() throws Exception {
        try (Cluster cluster = Cluster.of(dir, StartTogetherIT.class, 3).startAll()) {

            JsonNode instances = cluster.cluster(0).get("instances");
            assertThat(instances).hasSize(3).allSatisfy(instance -> assertThat(instance.get("alive").asBoolean()).isTrue());
            for (int slot = 0; slot < 3; slot++) {
                assertThat(cluster.api(slot).get("").status()).isEqualTo(200);
            }
            try (Connection connection = cluster.database.connect(); Statement statement = connection.createStatement();
                 ResultSet migrations = statement.executeQuery(
                         "SELECT version, count(*) FROM hourglass_schema_history WHERE success GROUP BY version")) {
                int versions = 0;
                while (migrations.next()) {
                    versions++;
                    assertThat(migrations.getInt(2)).as("applications of version %s", migrations.getString(1))
                            .isEqualTo(1);
                }
                assertThat(versions).isPositive();
            }
            assertThat(cluster.logs()).doesNotContain("ERROR", "SEVERE", "Exception");
        }
    }
}
