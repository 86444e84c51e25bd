package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed story of the product, end to end over HTTP: a job trips its circuit breaker after ten
 * failing runs, nothing but a deliberate force resume revives it, and the audit shows what the
 * operator overrode.
 */
class ForceResumeStoryTest {

    private final ApiFixture api = ApiFixture.open();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_job_failed_by_ten_errors_comes_back_only_with_force_and_the_audit_tells_the_story() {
        String job = BASE + "/" + api.createEveryMinute("nightly-export");
        api.runner.failWith("HTTP 500: database locked");

        Reply lastRun = null;
        for (int run = 1; run <= 10; run++) {
            api.clock.advance(Duration.ofSeconds(1));
            lastRun = api.postEmpty(job + "/run");
            assertThat(lastRun.status()).as("run %d: %s", run, lastRun).isEqualTo(200);
        }
        JsonNode failed = lastRun.job();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("consecutiveErrors").asInt()).isEqualTo(10);
        assertThat(failed.get("nextRunAt").isNull()).isTrue();
        assertThat(api.get(BASE).json().get("summary").get("failed").asInt()).isEqualTo(1);

        Reply plainResume = api.postEmpty(job + "/resume");
        plainResume.assertRefused(409, "force_required");
        assertThat(plainResume.error()).contains("force");
        assertThat(api.post(job + "/resume", "{\"force\":false}").code()).isEqualTo("force_required");

        Reply pause = api.postEmpty(job + "/pause");
        pause.assertRefused(409, "not_active");
        assertThat(api.postEmpty(job + "/run").code()).isEqualTo("not_active");
        assertThat(api.get(job).job().get("status").asText()).isEqualTo("failed");

        api.clock.advance(Duration.ofHours(1));
        Reply forced = api.post(job + "/resume", "{\"force\":true,\"reason\":\"database fixed by ops\"}");

        assertThat(forced.status()).isEqualTo(200);
        JsonNode revived = forced.job();
        assertThat(revived.get("status").asText()).isEqualTo("active");
        assertThat(revived.get("consecutiveErrors").asInt()).isZero();
        assertThat(Instant.parse(revived.get("nextRunAt").asText())).isAfter(api.clock.instant());

        JsonNode entries = api.get(job + "/audit").json().get("entries");
        JsonNode forceResume = entries.get(0);
        assertThat(forceResume.get("action").asText()).isEqualTo("force_resume");
        assertThat(forceResume.get("previousStatus").asText()).isEqualTo("failed");
        assertThat(forceResume.get("newStatus").asText()).isEqualTo("active");
        assertThat(forceResume.get("actor").asText()).isEqualTo("user");
        assertThat(forceResume.get("detail").asText())
                .contains("database fixed by ops")
                .contains("10")
                .contains("database locked");
        JsonNode trip = entries.get(1);
        assertThat(trip.get("action").asText()).isEqualTo("fail");
        assertThat(trip.get("actor").asText()).isEqualTo("scheduler");
        assertThat(trip.get("detail").asText()).contains("database locked");
    }
}
