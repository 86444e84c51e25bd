package dev.hourglass.domain.archfixture;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Breaks {@code domain_uses_only_the_jdk_and_cron_utils}: a framework annotation on a domain type. */
public record JobWithAJacksonAnnotation(@JsonProperty("job_name") String name) {
}
