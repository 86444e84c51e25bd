package dev.hourglass.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.app.ApiClient;
import dev.hourglass.app.Main;
import dev.hourglass.app.RunningService;
import dev.hourglass.app.ServiceConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated garbage against the real service over a raw socket: bodies of wrong types, deep
 * nesting, huge strings, invalid UTF-8 and SQL-looking names; paths with {@code ../}, {@code %00}
 * and worse; header values with line breaks. Never a 5xx, never a connection dropped without an
 * answer, never a stored job that is not whole, and the service healthy after every request.
 */
class HostileInputIT {

    private static final String TOKEN = "hostile-it-token";
    private static final String BASE = "/ui/api/scheduler";
    private static final List<String> FIELDS =
            List.of("name", "description", "enabled", "schedule", "task", "deleteAfterRun", "kind", "force", "reason");

    private static Path db;
    private static RunningService service;
    private static RawHttp http;
    private static String victim;
    private static final AtomicInteger created = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("hourglass-hostile");
        db = dir.resolve("hostile.db");
        service = Main.start(ServiceConfig.defaults(db).withToken(TOKEN), Clock.systemUTC());
        http = new RawHttp(service.port());
        victim = new ApiClient(service.url() + BASE, TOKEN).create(
                "{\"name\":\"victim\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":3600000},\"task\":\"t\"}");
        created.incrementAndGet();
    }

    @AfterContainer
    static void stop() {
        System.out.println("HostileInputIT: " + created.get() + " jobs created by generated requests, all whole");
        service.close();
    }

    @Property(tries = 1500)
    void creating_from_any_body_never_fails_the_server(@ForAll("createBodies") byte[] body) throws Exception {
        RawHttp.Answer answer = http.send("POST " + BASE + " HTTP/1.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json", body);

        if (answer.status() == 201) {
            created.incrementAndGet();
        }
        assertAnswered(answer, body);
        assertStoreWholeAndHealthy();
    }

    @Property(tries = 600)
    void any_body_on_any_body_route_never_fails_the_server(@ForAll("anyBodies") byte[] body,
            @ForAll("bodyRoutes") String route) throws Exception {
        String path = route.replace("{id}", victim);
        RawHttp.Answer answer = http.send("POST " + path + " HTTP/1.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json", body);

        assertAnswered(answer, body);
        assertStoreWholeAndHealthy();
    }

    @Property(tries = 800)
    void hostile_paths_never_fail_the_server(@ForAll("methods") String method, @ForAll("paths") String path)
            throws Exception {
        RawHttp.Answer answer = http.send(method + " " + path + " HTTP/1.1\r\nAuthorization: Bearer " + TOKEN,
                "{}".getBytes(StandardCharsets.UTF_8));

        assertAnswered(answer, path.getBytes(StandardCharsets.ISO_8859_1));
        assertStoreWholeAndHealthy();
    }

    @Property(tries = 300)
    void header_injection_never_fails_the_server_nor_lets_a_request_in(@ForAll("injections") String injected,
            @ForAll("injectedHeaders") String header) throws Exception {
        String authorization = header.equals("Authorization") ? "Bearer " + injected : "Bearer " + TOKEN;
        String head = "POST " + BASE + " HTTP/1.1\r\nAuthorization: " + authorization
                + (header.equals("Authorization") ? "" : "\r\n" + header + ": " + injected);
        byte[] body = ("{\"name\":\"inj-" + created.get() + "-" + Math.abs(injected.hashCode())
                + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},\"task\":\"t\"}").getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = http.send(head, body);

        if (answer.status() == 201) {
            created.incrementAndGet();
        }
        assertAnswered(answer, injected.getBytes(StandardCharsets.ISO_8859_1));
        // A line break ends the header: what follows is another header, and the token before it is whole.
        if (header.equals("Authorization") && injected.indexOf('\r') < 0 && injected.indexOf('\n') < 0) {
            assertThat(answer.status()).as("the token with something around it").isIn(400, 401);
        }
        assertStoreWholeAndHealthy();
    }

    private static void assertAnswered(RawHttp.Answer answer, byte[] sent) {
        String what = new String(sent, 0, Math.min(sent.length, 300), StandardCharsets.ISO_8859_1);
        assertThat(answer.status()).as("an answer to %s", what).isBetween(200, 499);
        if (answer.status() >= 400 && !answer.body().isEmpty()) {
            assertThat(answer.body()).as("the error body for %s", what).contains("\"code\":");
        }
    }

    /** Every stored job is one the API created whole; the service still answers its health check. */
    private static void assertStoreWholeAndHealthy() throws Exception {
        assertThat(Db.count(db, "SELECT count(*) FROM jobs")).as("jobs stored").isEqualTo(created.get());
        assertThat(Db.count(db, "SELECT count(*) FROM jobs WHERE name = '' OR length(name) > 200 OR task = ''"
                + " OR length(CAST(task AS BLOB)) > 32768 OR schedule_kind NOT IN ('at', 'every', 'cron')"
                + " OR (SELECT count(*) FROM audit_entries a WHERE a.job_id = jobs.id AND a.action = 'create') <> 1"))
                .as("stored jobs that are not whole").isZero();
        assertThat(http.send("GET /health HTTP/1.1", new byte[0]).status()).as("health").isEqualTo(200);
    }

    // ---- generators

    @Provide
    Arbitrary<byte[]> createBodies() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20).map(s -> quoted("n-" + s)),
                sqlNames().map(HostileInputIT::quoted), json(2), hugeStrings().map(HostileInputIT::quoted));
        Arbitrary<String> text = Arbitraries.oneOf(anyText().map(HostileInputIT::quoted), json(2),
                hugeStrings().map(HostileInputIT::quoted));
        Arbitrary<String> bool = Arbitraries.oneOf(Arbitraries.of("true", "false"), json(1));
        Arbitrary<String> fields = Combinators.combine(
                name.injectNull(0.1), text.injectNull(0.3), bool.injectNull(0.5), schedules().injectNull(0.1),
                text.injectNull(0.1), bool.injectNull(0.5), json(2).injectNull(0.7))
                .as((n, d, e, s, t, del, extra) -> object(List.of("name", "description", "enabled", "schedule", "task",
                        "deleteAfterRun", "extra"), java.util.Arrays.asList(n, d, e, s, t, del, extra)));
        return Arbitraries.frequencyOf(
                Tuple.of(8, fields.map(HostileInputIT::utf8)),
                Tuple.of(3, anyBodies()));
    }

    @Provide
    Arbitrary<byte[]> anyBodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, json(3).map(HostileInputIT::utf8)),
                Tuple.of(1, Arbitraries.of("", " ", "{", "{\"force\":", "[]", "null", "\"x\"", "{\"force\":\"true\"}",
                        "{\"schedule\":{\"kind\":\"every\",\"intervalMs\":1e3}}").map(HostileInputIT::utf8)),
                Tuple.of(2, invalidUtf8()),
                Tuple.of(1, deepNesting()),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                Tuple.of(1, Arbitraries.integers().between(60_000, 70_000).map(n -> utf8(
                        "{\"name\":\"big\",\"task\":\"" + "x".repeat(n) + "\"}"))));
    }

    @Provide
    Arbitrary<String> bodyRoutes() {
        return Arbitraries.of(BASE + "/{id}/pause", BASE + "/{id}/resume", BASE + "/preview", BASE + "/{id}/run");
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> id = Arbitraries.oneOf(
                Arbitraries.of("..", "../", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f", "%00", "a%00b", "%2500", "%ZZ", "%",
                        "%C0%AF", "%ff%fe", "' OR '1'='1", "1;DROP%20TABLE%20jobs", "%27%20OR%201=1--", "preview",
                        "%0d%0aX-Injected:%201", "~", "%20", "+", ";", "a;b=c", "\u00e9", "00000000-0000-0000-0000-000000000000"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40)
                        .filter(s -> !s.contains("?") && !s.contains("#") && !s.contains(" ")),
                Arbitraries.integers().between(1_000, 9_000).map("a"::repeat));
        Arbitrary<String> suffix = Arbitraries.of("", "/", "/pause", "/resume", "/run", "/audit", "/runs", "/audit?limit=",
                "/runs?limit=", "/../..", "/x/y/z");
        Arbitrary<String> query = Arbitraries.of("", "?limit=-1", "?limit=0", "?limit=99999999999999999999", "?limit=%00",
                "?limit=1&limit=2", "?status=ACTIVE", "?status=%27", "?status=", "?%%%", "?limit=1e3");
        return Combinators.combine(id, suffix, query).as((i, s, q) -> BASE + "/" + i + s + q);
    }

    @Provide
    Arbitrary<String> injections() {
        return Arbitraries.oneOf(
                Arbitraries.of("\r\nX-Injected: 1", "x\r\n\r\nGET /health HTTP/1.1", "\n", "\r", "\u0000", "x\u0000y",
                        "\r\nContent-Length: 0", "\r\nTransfer-Encoding: chunked", "\u00ff\u00fe", TOKEN + "\r\nX: y",
                        TOKEN + "\u0000", " " + TOKEN + " x"),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> injectedHeaders() {
        return Arbitraries.of("Authorization", "Content-Type", "X-Hourglass-Job-Id", "Idempotency-Key", "Host");
    }

    private static Arbitrary<String> schedules() {
        Arbitrary<String> kind = Arbitraries.oneOf(Arbitraries.of("at", "every", "cron", "AT", "", "nope")
                .map(HostileInputIT::quoted), json(1));
        Arbitrary<String> at = Arbitraries.oneOf(Arbitraries.of(Instant.now().plusSeconds(86_400 * 365).toString(),
                "2020-01-01T00:00:00Z", "2999-12-31T23:59:59+01:00", "not a date", "2026-13-45T99:99:99Z")
                .map(HostileInputIT::quoted), json(1));
        Arbitrary<String> interval = Arbitraries.oneOf(Arbitraries.of("60000", "0", "-1", "1500.5", "\"60000\"",
                "9223372036854775807", "1e30", "315569520000000"), json(1));
        Arbitrary<String> expr = Arbitraries.oneOf(Arbitraries.of("0 9 * * 1-5", "* * * * * *", "@daily", "61 * * * *",
                "0 0 30 2 *", "'; DROP TABLE jobs; --").map(HostileInputIT::quoted), json(1));
        Arbitrary<String> tz = Arbitraries.oneOf(Arbitraries.of("Europe/Berlin", "Mars/Base", "../../etc/localtime", "UTC")
                .map(HostileInputIT::quoted), json(1));
        return Combinators.combine(kind.injectNull(0.1), at.injectNull(0.5), interval.injectNull(0.5),
                expr.injectNull(0.5), tz.injectNull(0.6))
                .as((k, a, i, e, t) -> object(List.of("kind", "at", "intervalMs", "expr", "tz"),
                        java.util.Arrays.asList(k, a, i, e, t)));
    }

    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-0", "-1", "1500.5", "1e400", "-1e400",
                        "123456789012345678901234567890", "\"60000\"", "\"true\"", "\"\""),
                anyText().map(HostileInputIT::quoted), sqlNames().map(HostileInputIT::quoted));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = json(depth - 1).list().ofMaxSize(4)
                .map(items -> items.stream().collect(Collectors.joining(",", "[", "]")));
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(FIELDS), anyText());
        Arbitrary<String> object = Combinators.combine(key.list().ofMaxSize(4), json(depth - 1).list().ofSize(4))
                .as((keys, values) -> object(keys, values.subList(0, keys.size())));
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, array), Tuple.of(1, object));
    }

    private static Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(30);
    }

    private static Arbitrary<String> sqlNames() {
        return Arbitraries.of("'; DROP TABLE jobs; --", "Robert'); DROP TABLE jobs;--", "\" OR 1=1 --", "x' OR '1'='1",
                "%", "_", "\\", "NULL", "name_key", "1; DELETE FROM audit_entries");
    }

    private static Arbitrary<String> hugeStrings() {
        return Arbitraries.of(200, 201, 1_000, 32_768, 32_769, 65_536, 200_000).map("\u00e9"::repeat);
    }

    private static Arbitrary<byte[]> invalidUtf8() {
        Arbitrary<byte[]> bad = Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {0});
        Arbitrary<String> field = Arbitraries.of("name", "task", "description", "reason", "kind", "expr");
        return Combinators.combine(field, bad).as((f, b) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(utf8("{\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},\"" + f + "\":\"a"));
            out.writeBytes(b);
            out.writeBytes(utf8("b\"}"));
            return out.toByteArray();
        });
    }

    private static Arbitrary<byte[]> deepNesting() {
        return Combinators.combine(Arbitraries.of(50, 999, 1_001, 5_000, 30_000), Arbitraries.of("[", "{\"a\":"))
                .as((depth, open) -> utf8(open.repeat(depth)));
    }

    private static String object(List<String> keys, List<String> values) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(i) != null) {
                members.add(quoted(keys.get(i)) + ":" + values.get(i));
            }
        }
        return members.stream().collect(Collectors.joining(",", "{", "}"));
    }

    /** A JSON string literal; every character outside printable ASCII escaped, lone surrogates included. */
    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
