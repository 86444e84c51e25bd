package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies a careless or hostile client may send. None may produce a 5xx or leak an internal name;
 * broken JSON is {@code invalid_json}, a wrong type {@code invalid_request} naming the field.
 */
class MalformedBodyTest {

    private static final String EVERY = "\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000}";
    private static final String VALID_REST = EVERY + ",\"task\":\"t\"";

    private final ApiFixture api = ApiFixture.open();

    @AfterEach
    void stop() {
        api.close();
    }

    private static Arguments broken(String label, String body) {
        return Arguments.of(label, body.getBytes(StandardCharsets.UTF_8), "invalid_json", null);
    }

    private static Arguments brokenBytes(String label, byte[] body) {
        return Arguments.of(label, body, "invalid_json", null);
    }

    private static Arguments wrongType(String label, String body, String field) {
        return Arguments.of(label, body.getBytes(StandardCharsets.UTF_8), "invalid_request", field);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    static Stream<Arguments> createBodies() {
        return Stream.of(
                broken("a lone brace", "{"),
                broken("truncated after a key", "{\"name\":"),
                broken("truncated before the last brace", "{\"name\":\"x\"," + VALID_REST),
                broken("truncated inside a string", "{\"name\":\"unterminated"),
                broken("a trailing comma", "{\"name\":\"x\"," + VALID_REST + ",}"),
                broken("unquoted keys", "{name:\"x\"}"),
                broken("single quotes", "{'name':'x'}"),
                broken("a comment", "{/* hi */\"name\":\"x\"," + VALID_REST + "}"),
                broken("NaN", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":NaN},\"task\":\"t\"}"),
                broken("a hex number", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":0x10},\"task\":\"t\"}"),
                broken("leading zeros", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":0060000},\"task\":\"t\"}"),
                broken("a number of 200 digits", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":"
                        + "9".repeat(200) + "},\"task\":\"t\"}"),
                broken("garbage after the object", "{\"name\":\"x\"," + VALID_REST + "} trailing"),
                broken("two objects", "{} {}"),
                broken("a duplicate key", "{\"name\":\"a\",\"name\":\"b\"," + VALID_REST + "}"),
                broken("a raw control character in a string", "{\"name\":\"a\u0001b\"," + VALID_REST + "}"),
                broken("a raw newline in a string", "{\"name\":\"a\nb\"," + VALID_REST + "}"),
                broken("a bad escape", "{\"name\":\"a\\qb\"," + VALID_REST + "}"),
                broken("10000 nested arrays", "{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                broken("10000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
                broken("unclosed nesting", "[".repeat(5_000)),
                brokenBytes("invalid UTF-8 bytes", concat("{\"name\":\"", new byte[] {(byte) 0xff, (byte) 0xfe}, "\"}")),
                brokenBytes("an overlong UTF-8 encoding", concat("{\"name\":\"", new byte[] {(byte) 0xc0, (byte) 0xaf}, "\"}")),
                brokenBytes("a truncated UTF-8 sequence", concat("{\"name\":\"", new byte[] {(byte) 0xe2, (byte) 0x82}, "\"}")),
                brokenBytes("a NUL byte between tokens", concat("{", new byte[] {0}, "}")),
                wrongType("an empty body", "", "request body"),
                wrongType("an array", "[]", "request body"),
                wrongType("a string", "\"job\"", "request body"),
                wrongType("a number", "42", "request body"),
                wrongType("null", "null", "request body"),
                wrongType("a number for name", "{\"name\":42," + VALID_REST + "}", "name"),
                wrongType("an object for name", "{\"name\":{}," + VALID_REST + "}", "name"),
                wrongType("a string for intervalMs", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":\"60000\"},\"task\":\"t\"}",
                        "schedule.intervalMs"),
                wrongType("a fraction for intervalMs", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1500.5},\"task\":\"t\"}",
                        "schedule.intervalMs"),
                wrongType("an exponent for intervalMs", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":6e4},\"task\":\"t\"}",
                        "schedule.intervalMs"),
                wrongType("a huge exponent for intervalMs", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1e400},\"task\":\"t\"}",
                        "schedule.intervalMs"),
                wrongType("an integer beyond 64 bits", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":99999999999999999999999},\"task\":\"t\"}",
                        "schedule.intervalMs"),
                wrongType("a negative integer beyond 64 bits", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":-99999999999999999999999},\"task\":\"t\"}",
                        "schedule.intervalMs"),
                wrongType("a boolean for intervalMs", "{\"name\":\"x\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":true},\"task\":\"t\"}",
                        "schedule.intervalMs"),
                wrongType("a string for enabled", "{\"name\":\"x\",\"enabled\":\"true\"," + VALID_REST + "}", "enabled"),
                wrongType("null for enabled", "{\"name\":\"x\",\"enabled\":null," + VALID_REST + "}", "enabled"),
                wrongType("a number for deleteAfterRun", "{\"name\":\"x\",\"deleteAfterRun\":0," + VALID_REST + "}", "deleteAfterRun"),
                wrongType("a number for task", "{\"name\":\"x\"," + EVERY + ",\"task\":123}", "task"),
                wrongType("an array for description", "{\"name\":\"x\",\"description\":[]," + VALID_REST + "}", "description"),
                wrongType("a string for schedule", "{\"name\":\"x\",\"schedule\":\"every minute\",\"task\":\"t\"}", "schedule"),
                wrongType("an array for schedule", "{\"name\":\"x\",\"schedule\":[],\"task\":\"t\"}", "schedule"),
                wrongType("a number for at", "{\"name\":\"x\",\"schedule\":{\"kind\":\"at\",\"at\":1767225600000},\"task\":\"t\"}",
                        "schedule.at"),
                wrongType("a number for tz", "{\"name\":\"x\",\"schedule\":{\"kind\":\"cron\",\"expr\":\"0 9 * * *\",\"tz\":1},\"task\":\"t\"}",
                        "schedule.tz"),
                wrongType("a missing task", "{\"name\":\"x\"," + EVERY + "}", "task"),
                wrongType("a null name", "{\"name\":null," + VALID_REST + "}", "name"),
                wrongType("a blank name", "{\"name\":\"   \"," + VALID_REST + "}", "name"),
                wrongType("a name of 201 characters", "{\"name\":\"" + "n".repeat(201) + "\"," + VALID_REST + "}", "name"),
                wrongType("a lone surrogate escape in name", "{\"name\":\"\\ud800x\"," + VALID_REST + "}", "name"),
                wrongType("a reversed surrogate pair in task", "{\"name\":\"x\"," + EVERY + ",\"task\":\"\\udc00\\ud800\"}", "task"),
                wrongType("a missing kind", "{\"name\":\"x\",\"schedule\":{\"intervalMs\":1000},\"task\":\"t\"}", "schedule.kind"),
                wrongType("an unknown kind", "{\"name\":\"x\",\"schedule\":{\"kind\":\"often\"},\"task\":\"t\"}", "schedule.kind"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createBodies")
    void a_malformed_create_body_is_400_naming_what_is_wrong(String label, byte[] body, String code, String field) {
        Reply reply = api.postBytes(BASE, body);

        assertThat(reply.status()).as("%s: %s", label, reply).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(code);
        if (field != null) {
            assertThat(reply.error()).contains(field);
        }
        assertNothingInternalLeaks(reply);
        assertThat(api.get(BASE).json().get("jobs")).as("nothing was created").isEmpty();
    }

    static Stream<Arguments> operatorBodies() {
        return Stream.of(
                Arguments.of("/resume", "{\"force\":\"yes\"}"),
                Arguments.of("/resume", "[true]"),
                Arguments.of("/resume", "{\"force\":tru}"),
                Arguments.of("/resume", "{\"reason\":" + "[".repeat(10_000)),
                Arguments.of("/pause", "{\"reason\":{}}"),
                Arguments.of("/pause", "{\"reason\":\"x\"} {"),
                Arguments.of("/preview", "{\"schedule\":{\"kind\":\"every\",\"intervalMs\":1.5}}"),
                Arguments.of("/preview", "{\"schedule\":" + "{\"a\":".repeat(10_000)),
                Arguments.of("/preview", "not json at all"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operatorBodies")
    void a_malformed_operator_body_is_400(String route, String body) {
        String id = api.createEveryMinute("target");
        String path = route.equals("/preview") ? BASE + route : BASE + "/" + id + route;

        Reply reply = api.post(path, body);

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.code()).isIn("invalid_json", "invalid_request");
        assertNothingInternalLeaks(reply);
    }

    @Test
    void unusual_but_valid_text_is_never_a_server_error() {
        String[] names = {"\\u0000nul", "emoji \\ud83d\\ude00", "\\u202eright-to-left", "tab\\there"};
        for (String name : names) {
            Reply reply = api.post(BASE, "{\"name\":\"" + name + "\"," + VALID_REST + "}");
            assertThat(reply.status()).as("%s: %s", name, reply).isLessThan(500);
        }
        assertThat(api.get(BASE).status()).isEqualTo(200);
    }

    private static void assertNothingInternalLeaks(Reply reply) {
        assertThat(reply.body()).doesNotContain("com.fasterxml", "jackson", "Exception", "dev.hourglass", "\tat ");
    }
}
