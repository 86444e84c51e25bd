package dev.hourglass.readme;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.JobOptions;
import dev.hourglass.domain.Jobs;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.schedule.Schedules;
import dev.hourglass.persistence.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;

public class Billing {

    public static void main(String[] args) throws InterruptedException {
        Path file = Path.of(args.length > 0 ? args[0] : "billing-jobs.db");
        CountDownLatch firstCharge = new CountDownLatch(1);
        try (SqliteStore store = SqliteStore.open(file);
             Hourglass hourglass = Hourglass.builder(store)
                     .runner(request -> {
                         chargeCustomers(request.task());          // your code
                         firstCharge.countDown();
                         return RunOutcome.ok("charged");
                     })
                     .alerts(alert -> System.err.println(alert.kind().wireName() + ": " + alert.subjectName()))
                     .build()) {
            hourglass.start();
            Jobs jobs = hourglass.jobs().as("billing");
            // Safe on every start: an existing job of that name is kept as it is.
            jobs.createIfAbsent("nightly-charge",
                    Schedules.cron("0 2 * * *", ZoneId.of("Europe/Berlin")), "{\"batch\":500}");
            jobs.createIfAbsent("catch-up-charge", Schedules.at(Instant.now().plus(Duration.ofMillis(200))),
                    "{\"batch\":50}", JobOptions.defaults().description("once, after a deploy").deleteAfterRun(true));
            firstCharge.await();  // ... your application runs; close() lets running tasks finish first
        }
    }

    static void chargeCustomers(String task) {
    }
}
