package io.brickwork.coordinator.health.rules;

import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.proto.agent.v1.NodeReport;
import java.util.List;

/** What an agent says went wrong reading its node is a problem as it says it. */
public final class AgentErrorRule {
    private AgentErrorRule() {}

    public static List<Problem> problems(String node, NodeReport report) {
        return report.getErrorsList().stream().map(error -> Problem.agentError(node, error)).toList();
    }
}
