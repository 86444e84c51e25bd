package dev.hourglass.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.persistence.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding example is {@link Billing}, word for word: it compiles with the build, and
 * here it runs on a temporary SQLite file until its one-shot job has fired.
 */
class EmbeddingExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "dev", "hourglass", "readme", "Billing.java");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)  // only so a broken build cannot hang; the run awaits the fire
    void the_example_runs_and_leaves_its_jobs_in_the_store() throws Exception {
        Path db = dir.resolve("billing-jobs.db");

        Billing.main(new String[] {db.toString()});

        try (SqliteStore store = SqliteStore.open(db)) {
            List<Job> jobs = store.list(Optional.empty());
            assertThat(jobs).extracting(Job::name).containsExactly("nightly-charge");
            assertThat(jobs.get(0).status()).isEqualTo(JobStatus.ACTIVE);
            AuditEntry created = store.entriesFor(jobs.get(0).id(), 10).get(0);
            assertThat(created.actor()).isEqualTo("billing");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_second_start_keeps_the_jobs_it_made_the_first_time() throws Exception {
        Path db = dir.resolve("billing-jobs.db");
        Billing.main(new String[] {db.toString()});
        Job first;
        try (SqliteStore store = SqliteStore.open(db)) {
            first = store.list(Optional.empty()).get(0);
        }

        Billing.main(new String[] {db.toString()});

        try (SqliteStore store = SqliteStore.open(db)) {
            List<Job> jobs = store.list(Optional.empty());
            assertThat(jobs).extracting(Job::id).containsExactly(first.id());
            assertThat(store.entriesFor(first.id(), 10)).extracting(AuditEntry::action).containsOnly(AuditAction.CREATE);
        }
    }

    @Test
    void the_readme_shows_the_example_as_it_is() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("## Embedding\\n.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("a java block in the README's Embedding section").isTrue();
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        String body = source.substring(source.indexOf("import "));

        assertThat(block.group(1)).isEqualTo(body);
    }
}
