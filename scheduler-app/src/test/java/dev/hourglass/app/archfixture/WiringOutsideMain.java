package dev.hourglass.app.archfixture;

import dev.hourglass.persistence.archfixture.StoreThatSpeaksJson;

/** Breaks {@code only_main_names_the_concrete_adapters}: an app class other than Main building an adapter. */
public final class WiringOutsideMain {

    public StoreThatSpeaksJson store() {
        return new StoreThatSpeaksJson();
    }
}
