package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {

    @Test
    void aStepWithSeveralChangesPrintsEachChangeOnceUnderACount() {
        StepReport step = step(StepState.STEP_STATE_WILL_CHANGE, "would add node1 -> 10.0.0.1; add node2 -> 10.0.0.2",
                List.of("add node1 -> 10.0.0.1", "add node2 -> 10.0.0.2"));

        List<String> lines = render(step);

        assertEquals(3, lines.size(), String.join("\n", lines));
        assertEquals("node1      hosts                            will change  would make 2 changes:", lines.get(0));
        assertEquals(1, lines.stream().filter(line -> line.contains("add node1 -> 10.0.0.1")).count());
        assertEquals(1, lines.stream().filter(line -> line.contains("add node2 -> 10.0.0.2")).count());
    }

    @Test
    void anAppliedStepCountsWhatItMade() {
        StepReport step = step(StepState.STEP_STATE_CHANGED, "add a; add b", List.of("add a", "add b"));

        assertEquals("made 2 changes:", Output.headline(step));
    }

    @Test
    void aSingleChangeIsTheSummaryAlone() {
        StepReport step = step(StepState.STEP_STATE_WILL_CHANGE, "would probe node2", List.of("probe node2"));

        assertEquals(List.of("node1      hosts                            will change  would probe node2"), render(step));
    }

    @Test
    void aSummaryThatSaysMoreThanItsChangesIsKept() {
        StepReport step = step(StepState.STEP_STATE_REFUSED, "refused: the volume has a different layout",
                List.of("add brick a", "add brick b"));

        assertEquals("refused: the volume has a different layout", Output.headline(step));
        assertEquals(3, render(step).size());
    }

    private static StepReport step(StepState state, String summary, List<String> changes) {
        return StepReport.newBuilder().setNode("node1").setStep("hosts").setState(state).setSummary(summary)
                .addAllChanges(changes).build();
    }

    private static List<String> render(StepReport step) {
        StringWriter text = new StringWriter();
        Output.step(new PrintWriter(text, true), step);
        return text.toString().lines().toList();
    }
}
