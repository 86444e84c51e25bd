package dev.hourglass.http.archfixture;

import dev.hourglass.persistence.archfixture.StoreThatSpeaksJson;

/** Breaks {@code http_and_persistence_never_depend_on_each_other}: the http adapter names a persistence class. */
public final class RouteThatNamesTheStore {

    private final StoreThatSpeaksJson store = new StoreThatSpeaksJson();

    public StoreThatSpeaksJson store() {
        return store;
    }
}
