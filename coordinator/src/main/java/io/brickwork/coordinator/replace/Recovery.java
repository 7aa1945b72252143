package io.brickwork.coordinator.replace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an apply brings back before the rest of the spec: nodes rebuilt under their own name,
 * then bricks given to new nodes or taken back empty (resets), one brick of a set at a time.
 */
public record Recovery(List<RebuiltNode> rebuilt, List<Replacement> replacements) {
    public static final Recovery NONE = new Recovery(List.of(), List.of());

    public Recovery {
        rebuilt = List.copyOf(rebuilt);
        replacements = List.copyOf(replacements);
    }

    public boolean isEmpty() {
        return rebuilt.isEmpty() && replacements.isEmpty();
    }

    /** The nodes whose bricks all move to other nodes: they leave the pool once their bricks are replaced. */
    public List<String> departing() {
        Set<String> hosts = new LinkedHashSet<>();
        replacements.stream().filter(replacement -> !replacement.isReset())
                .forEach(replacement -> hosts.add(replacement.oldHost()));
        return List.copyOf(hosts);
    }

    /** How an operation is listed: "apply", "replace node3 with node7", "rebuild node2", "reset node2:/b". */
    public String kind() {
        if (isEmpty()) {
            return "apply";
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        Set<String> resets = new LinkedHashSet<>();
        Set<String> rebuiltNames = new LinkedHashSet<>();
        rebuilt.forEach(node -> rebuiltNames.add(node.node()));
        for (Replacement replacement : replacements) {
            if (!replacement.isReset()) {
                pairs.put(replacement.oldHost(), replacement.newHost());
            } else if (!rebuiltNames.contains(replacement.oldHost())) {
                resets.add(replacement.oldBrick());
            }
        }
        List<String> parts = new ArrayList<>();
        if (!rebuiltNames.isEmpty()) {
            parts.add("rebuild " + String.join(", ", rebuiltNames));
        }
        if (!pairs.isEmpty()) {
            parts.add("replace " + String.join(", ", pairs.entrySet().stream()
                    .map(pair -> pair.getKey() + " with " + pair.getValue()).toList()));
        }
        if (!resets.isEmpty()) {
            parts.add("reset " + String.join(", ", resets));
        }
        return String.join("; ", parts);
    }
}
