package dev.hourglass.app.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4 (the Prometheus client for Java
 * 1.x ships writers only): every line is a {@code # HELP}, a {@code # TYPE} or a sample; a sample
 * belongs to a family whose TYPE came first; names, labels, escapes and values follow the format;
 * no series appears twice; a histogram's buckets grow with {@code le} and end in {@code +Inf},
 * which equals its {@code _count}. Anything else throws, naming the line.
 */
final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Set<String> SUFFIXES = Set.of("_bucket", "_sum", "_count", "_created", "_total");

    /** One series: its name and labels, and its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        Set<String> seen = new java.util.HashSet<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher matcher;
            if ((matcher = TYPE.matcher(line)).matches()) {
                if (parsed.types.put(matcher.group(1), matcher.group(2)) != null) {
                    throw bad(number, line, "a second TYPE for the family");
                }
            } else if (HELP.matcher(line).matches()) {
                continue;
            } else if (line.startsWith("#")) {
                throw bad(number, line, "a comment that is neither HELP nor TYPE");
            } else if ((matcher = SAMPLE.matcher(line)).matches()) {
                String name = matcher.group(1);
                if (parsed.familyOf(name) == null) {
                    throw bad(number, line, "a sample whose family has no TYPE before it");
                }
                Map<String, String> labels = labels(matcher.group(3), number, line);
                if (!seen.add(name + new TreeMap<>(labels))) {
                    throw bad(number, line, "a series given twice");
                }
                parsed.samples.add(new Sample(name, labels, value(matcher.group(4), number, line)));
            } else {
                throw bad(number, line, "not a sample line");
            }
        }
        parsed.checkHistograms();
        return parsed;
    }

    /** The value of the one series {@code name} with exactly {@code labels}; throws when there is none. */
    double value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).findFirst()
                .map(Sample::value)
                .orElseThrow(() -> new AssertionError("no series " + name + wanted + " in the scrape"));
    }

    String type(String family) {
        return types.get(family);
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The family a sample name belongs to: itself, or itself less a histogram, summary or counter suffix. */
    private String familyOf(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                String family = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(family)) {
                    return family;
                }
                if (suffix.equals("_total") && types.containsKey(name)) {
                    return name;
                }
            }
        }
        return null;
    }

    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> buckets = new HashMap<>();
            for (Sample sample : samples) {
                if (sample.name().equals(family + "_bucket")) {
                    Map<String, String> rest = new TreeMap<>(sample.labels());
                    if (rest.remove("le") == null) {
                        throw new IllegalArgumentException("a bucket of " + family + " without le");
                    }
                    buckets.computeIfAbsent(rest, k -> new ArrayList<>()).add(sample);
                }
            }
            buckets.forEach((labels, series) -> {
                double previousLe = Double.NEGATIVE_INFINITY;
                double previousCount = 0;
                for (Sample bucket : series) {
                    double le = value(bucket.labels().get("le"), 0, bucket.toString());
                    if (le <= previousLe || bucket.value() < previousCount) {
                        throw new IllegalArgumentException("buckets of " + family + labels + " do not grow: " + series);
                    }
                    previousLe = le;
                    previousCount = bucket.value();
                }
                if (previousLe != Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("the buckets of " + family + labels + " do not end in +Inf");
                }
                String[] flat = labels.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                        .toArray(String[]::new);
                if (value(family + "_count", flat) != previousCount) {
                    throw new IllegalArgumentException("the +Inf bucket of " + family + labels + " is not its count");
                }
            });
        });
    }

    private static Map<String, String> labels(String text, int number, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher matcher = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw bad(number, line, "labels that do not parse");
            }
            String value = matcher.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            if (labels.put(matcher.group(1), value) != null) {
                throw bad(number, line, "a label given twice");
            }
            at = matcher.end();
        }
        return labels;
    }

    private static double value(String text, int number, String line) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                if (!text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    throw bad(number, line, "a value that is not a number: " + text);
                }
                return Double.parseDouble(text);
        }
    }

    private static IllegalArgumentException bad(int number, String line, String what) {
        return new IllegalArgumentException("line " + number + " is " + what + ": " + line);
    }
}
