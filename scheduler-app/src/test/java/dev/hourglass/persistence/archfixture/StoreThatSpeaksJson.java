package dev.hourglass.persistence.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks {@code persistence_uses_only_the_domain_jdbi_and_sqlite}: Jackson is not a persistence dependency. */
public final class StoreThatSpeaksJson {

    private final ObjectMapper json = new ObjectMapper();

    public String write(Object row) throws Exception {
        return json.writeValueAsString(row);
    }
}
