package dev.hourglass.domain.model;

import java.util.regex.Pattern;

/**
 * The error signature of CONTRACT §11.3: an error text with what differs from one failure of the
 * same cause to the next taken out, so that jobs failing for one reason share it. Quoted strings,
 * UUIDs, hex ids and digits are replaced by placeholders, whitespace runs become one space, and the
 * result is cut to {@value #MAX_LENGTH} characters. A pure function; applying it twice changes
 * nothing more.
 *
 * <pre>
 * HTTP 503: order 48213 for "ACME GmbH" timed out after 3042 ms
 *   → HTTP &lt;n&gt;: order &lt;n&gt; for &lt;str&gt; timed out after &lt;n&gt; ms
 * </pre>
 */
public final class ErrorSignature {

    /** The longest a signature gets, in characters (a character outside the BMP counts as two, never split). */
    public static final int MAX_LENGTH = 200;
    /** The signature of a failure that gave no text. */
    public static final String NO_TEXT = "(no error text)";

    static final String STRING = "<str>";
    static final String UUID = "<uuid>";
    static final String HEX = "<hex>";
    static final String NUMBER = "<n>";

    /**
     * "..." with backslash escapes, or '...' that does not start inside a word (so "can't" is no
     * quote) nor right after a placeholder (which stood for a word: the signature stays a fixed point).
     */
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|(?<![\\p{L}\\p{N}>])'[^'\\n]*'");
    private static final Pattern UUIDS = Pattern.compile(
            "(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    /** 0x1F3A, or a word of at least 6 hex digits with a digit and a letter in it (a sha, an object id). */
    private static final Pattern HEX_IDS = Pattern.compile(
            "(?i)\\b0x[0-9a-f]+\\b|\\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{6,}\\b");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ErrorSignature() {
    }

    /** The signature of {@code error}; {@link #NO_TEXT} for null or blank text. */
    public static String of(String error) {
        if (error == null || error.isBlank()) {
            return NO_TEXT;
        }
        String text = QUOTED.matcher(error).replaceAll(STRING);
        text = UUIDS.matcher(text).replaceAll(UUID);
        text = HEX_IDS.matcher(text).replaceAll(HEX);
        text = DIGITS.matcher(text).replaceAll(NUMBER);
        text = WHITESPACE.matcher(text).replaceAll(" ").strip();
        // Cut last, and strip once more: a cut may end on a space.
        String signature = cut(text).strip();
        return signature.isEmpty() ? NO_TEXT : signature;
    }

    private static String cut(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = MAX_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
