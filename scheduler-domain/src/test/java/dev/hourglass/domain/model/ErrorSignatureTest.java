package dev.hourglass.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The error signature of CONTRACT §11.3: what two failures of one cause have in common. */
class ErrorSignatureTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            HTTP 500: upstream timed out                      | HTTP <n>: upstream timed out
            order 48213 failed after 3042 ms                  | order <n> failed after <n> ms
            lookup 5f0c2a9e-3b1d-4c7e-9f10-2a3b4c5d6e7f: gone | lookup <uuid>: gone
            LOOKUP 5F0C2A9E-3B1D-4C7E-9F10-2A3B4C5D6E7F: gone | LOOKUP <uuid>: gone
            object 3e4f1a2c9d not in bucket                   | object <hex> not in bucket
            segfault at 0x7ffe3a2b                            | segfault at <hex>
            customer "ACME GmbH" is locked                    | customer <str> is locked
            customer 'acme-17' is locked                      | customer <str> is locked
            "say \\"hi\\" 2" was refused                      | <str> was refused
            can't reach db-3, don't retry                     | can't reach db-<n>, don't retry
            cafe and decade stay words                        | cafe and decade stay words
            shard12 of cluster-7 down                         | shard<n> of cluster-<n> down
            `  spaced    out	text  `                           | spaced out text
            ``                                                | (no error text)
            `   `                                             | (no error text)
            """)
    void replaces_what_differs_between_failures_of_one_cause(String error, String signature) {
        assertThat(ErrorSignature.of(error)).isEqualTo(signature);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP 503: order 1 for 'a' took 12 ms     | HTTP 503: order 99812 for 'zz top' took 7 ms
            job 5f0c2a9e-3b1d-4c7e-9f10-2a3b4c5d6e7f | job 00000000-0000-4000-8000-000000000000
            commit 3e4f1a2 is bad                    | commit 9a9b8c7d6e5f is bad
            """)
    void two_failures_of_one_cause_share_a_signature(String one, String other) {
        assertThat(ErrorSignature.of(one)).isEqualTo(ErrorSignature.of(other));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP 500: database locked | HTTP 500: disk full
            connection refused        | connection reset
            """)
    void different_causes_keep_different_signatures(String one, String other) {
        assertThat(ErrorSignature.of(one)).isNotEqualTo(ErrorSignature.of(other));
    }

    @org.junit.jupiter.api.Test
    void a_long_error_is_cut_to_200_characters_without_splitting_a_character() {
        String longText = "x".repeat(199) + "😀 and more";

        String signature = ErrorSignature.of(longText);

        assertThat(signature).hasSize(199).isEqualTo("x".repeat(199));
        assertThat(ErrorSignature.of("y".repeat(500))).hasSize(ErrorSignature.MAX_LENGTH);
    }

    @org.junit.jupiter.api.Test
    void a_cut_never_leaves_a_trailing_space() {
        assertThat(ErrorSignature.of("a".repeat(199) + " b")).isEqualTo("a".repeat(199));
    }

    // ---- properties

    @Property(tries = 500)
    void a_signature_is_a_fixed_point(@ForAll("errors") String error) {
        String signature = ErrorSignature.of(error);

        assertThat(ErrorSignature.of(signature)).isEqualTo(signature);
    }

    @Property(tries = 500)
    void a_signature_has_no_digit_and_at_most_200_characters(@ForAll("errors") String error) {
        String signature = ErrorSignature.of(error);

        assertThat(signature).hasSizeLessThanOrEqualTo(ErrorSignature.MAX_LENGTH).isNotBlank();
        assertThat(signature.chars().noneMatch(c -> c >= '0' && c <= '9')).as(signature).isTrue();
        assertThat(Character.isHighSurrogate(signature.charAt(signature.length() - 1))).isFalse();
    }

    @Property(tries = 300)
    void errors_that_differ_only_in_numbers_ids_and_quoted_values_share_a_signature(
            @ForAll("templates") List<String> words, @ForAll("kinds") List<Variable> kinds, @ForAll long seed) {
        Random one = new Random(seed);
        Random other = new Random(~seed);

        assertThat(ErrorSignature.of(fill(words, kinds, one))).isEqualTo(ErrorSignature.of(fill(words, kinds, other)));
    }

    /** What varies from one failure of a cause to the next. */
    enum Variable {
        NUMBER {
            @Override
            String value(Random random) {
                return String.valueOf(random.nextLong() & Long.MAX_VALUE);
            }
        },
        UUID {
            @Override
            String value(Random random) {
                return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            }
        },
        HEX {
            @Override
            String value(Random random) {
                return "a" + random.nextInt(10) + Long.toHexString(random.nextLong() | (1L << 60));
            }
        },
        QUOTED {
            @Override
            String value(Random random) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) {
                    text.append((char) (' ' + random.nextInt(95)));
                }
                return "\"" + text.toString().replace("\"", "").replace("\\", "") + "\"";
            }
        };

        abstract String value(Random random);
    }

    /** The words of a template, each followed by a variable part of the kind given for its place. */
    private static String fill(List<String> words, List<Variable> kinds, Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            text.append(words.get(i)).append(' ').append(kinds.get(i % kinds.size()).value(random)).append(' ');
        }
        return text.toString();
    }

    @Provide
    Arbitrary<String> errors() {
        return Arbitraries.oneOf(
                // Any text without lone surrogates (which no runner reports: they are not valid UTF-8).
                Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff')
                        .ofMaxLength(400),
                Arbitraries.strings().withChars("ab1 9'\"x-_:0fF\t\\").ofMaxLength(300),
                // Long texts of characters outside the BMP, so that cuts fall on surrogate pairs.
                Arbitraries.of("😀", " ", "é", "1", "x").list().ofMinSize(150).ofMaxSize(260)
                        .map(parts -> String.join("", parts)));
    }

    @Provide
    Arbitrary<List<String>> templates() {
        return Arbitraries.strings().withCharRange('g', 'z').ofMinLength(1).ofMaxLength(8).list().ofMinSize(1)
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Variable>> kinds() {
        return Arbitraries.of(Variable.class).list().ofMinSize(1).ofMaxSize(6);
    }
}
