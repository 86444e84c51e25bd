package dev.hourglass.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an operator sees when starting the jar with help, a bad option, or an unsafe bind. */
class CommandLineIT {

    @Test
    void help_lists_every_option_and_exits_zero() throws Exception {
        ServiceProcess.Finished help = ServiceProcess.runToExit("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("--port", "--bind", "--db", "--token", "--runner", "--webhook-url",
                "--webhook-timeout", "--alert-webhook", "--workers", "--max-jobs", "--max-consecutive-errors",
                "--timezone", "--shutdown-grace", "--log-format", "SCHEDULER_PORT", "SCHEDULER_LOG_FORMAT");
    }

    @Test
    void a_bad_value_exits_two_with_a_short_reason_and_no_stack_trace() throws Exception {
        ServiceProcess.Finished bad = ServiceProcess.runToExit("--port", "seventy");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().lines().count()).isBetween(1L, 3L);
        assertThat(bad.stderr()).contains("--port").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void an_unknown_log_format_exits_two_with_one_line_naming_the_choices() throws Exception {
        ServiceProcess.Finished bad = ServiceProcess.runToExit("--log-format", "xml", "--port", "0");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().lines().findFirst()).hasValue("hourglass: --log-format must be text or json, got 'xml'");
        assertThat(bad.stderr()).doesNotContain("Exception");
    }

    @Test
    void an_unknown_option_exits_two() throws Exception {
        ServiceProcess.Finished unknown = ServiceProcess.runToExit("--colour", "blue");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("--colour");
    }

    @Test
    void listening_beyond_loopback_without_a_token_is_refused() throws Exception {
        ServiceProcess.Finished refused = ServiceProcess.runToExit("--bind", "0.0.0.0", "--port", "0");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("refusing to listen on 0.0.0.0 without --token");
    }

    @Test
    void the_webhook_runner_without_a_url_is_refused() throws Exception {
        ServiceProcess.Finished refused = ServiceProcess.runToExit("--runner", "webhook", "--port", "0");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("--webhook-url");
    }
}
