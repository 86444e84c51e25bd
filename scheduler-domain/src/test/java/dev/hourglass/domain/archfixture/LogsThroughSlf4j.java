package dev.hourglass.domain.archfixture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Breaks {@code domain_depends_only_on_the_jdk_and_cron_utils}: a logging framework in the domain
 * (it logs through {@code System.Logger}). SLF4J reaches the test class path with ArchUnit.
 */
public final class LogsThroughSlf4j {

    private static final Logger LOG = LoggerFactory.getLogger(LogsThroughSlf4j.class);

    public void fired() {
        LOG.info("fired");
    }
}
