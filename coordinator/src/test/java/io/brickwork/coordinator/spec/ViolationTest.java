package io.brickwork.coordinator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationTest {
    @Test
    void printsKeyValueAndProblem() {
        assertEquals("volumes[0].replica = 4: larger than the number of nodes (3)",
                new Violation("volumes[0].replica", "4", "larger than the number of nodes (3)").toString());
    }

    @Test
    void printsAMissingValueAsTheKeyAlone() {
        assertEquals("cluster.name: is required", new Violation("cluster.name", null, "is required").toString());
    }

    @Test
    void quotesAValueWhoseSpacesWouldOtherwiseHide() {
        assertEquals("volumes[0].mount.options = \"a b\\t\": bad",
                new Violation("volumes[0].mount.options", "a b\t", "bad").toString());
    }

    @Test
    void printsADocumentProblemAsTheProblemAlone() {
        assertEquals("staging.conf: 3: syntax", new Violation("", null, "staging.conf: 3: syntax").toString());
    }

    @Test
    void exceptionNumbersItsViolations() {
        SpecException exception = new SpecException("staging.conf", List.of(
                new Violation("cluster.name", null, "is required"),
                new Violation("volumes", "[]", "must not be empty")));

        assertEquals("1) cluster.name: is required\n2) volumes = []: must not be empty\n", exception.numbered());
    }
}
