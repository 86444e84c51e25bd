package dev.hourglass.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CONTRACT §4 written out once more, independently of the domain's table, as the oracle that a
 * job's audit trail must satisfy: it starts with {@code create}, every entry starts where the one
 * before it ended, and every step is a transition the table allows.
 */
final class AuditTrail {

    private static final Set<String> ALLOWED = Set.of(
            "create:null>active",
            "pause:active>paused",
            "resume:paused>active",
            "force_resume:failed>active",
            "run:active>active",
            "fail:active>failed",
            "complete:active>completed",
            "delete:active>null", "delete:paused>null", "delete:failed>null", "delete:completed>null");

    private AuditTrail() {
    }

    /** What is wrong with the trail (entries newest first, as the API lists them); empty when it explains {@code finalStatus}. */
    static List<String> problems(JsonNode newestFirst, String finalStatus) {
        List<String> problems = new ArrayList<>();
        String status = "null";
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            JsonNode entry = newestFirst.get(i);
            String from = text(entry.get("previousStatus"));
            String to = text(entry.get("newStatus"));
            String step = entry.get("action").asText() + ":" + from + ">" + to;
            if (!from.equals(status)) {
                problems.add(step + " starts from " + from + " but the job was " + status);
            }
            if (!ALLOWED.contains(step)) {
                problems.add(step + " is no transition of CONTRACT §4");
            }
            status = to;
        }
        if (!status.equals(finalStatus)) {
            problems.add("the trail ends in " + status + " but the job is " + finalStatus);
        }
        return problems;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.asText();
    }
}
