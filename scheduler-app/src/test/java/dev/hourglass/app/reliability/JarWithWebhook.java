package dev.hourglass.app.reliability;

import dev.hourglass.app.ServiceProcess;
import dev.hourglass.app.StubWebhook;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The fixture of the suites that attack the packaged jar: a temporary folder, a stub webhook, the service process. */
abstract class JarWithWebhook {

    @TempDir
    Path dir;

    final StubWebhook webhook;
    ServiceProcess service;

    JarWithWebhook() throws Exception {
        webhook = new StubWebhook();
    }

    @AfterEach
    void stopServiceAndWebhook() throws Exception {
        if (service != null) {
            service.close();
        }
        webhook.close();
    }
}
