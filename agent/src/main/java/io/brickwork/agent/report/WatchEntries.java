package io.brickwork.agent.report;

import io.brickwork.common.validation.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What of a watch list the agent acts on: it does not trust the coordinator with its argv or its stats. */
final class WatchEntries {
    private WatchEntries() {}

    /** Valid volume names only, as for paths: they become gluster's argv. */
    static List<String> volumeNames(List<String> texts) {
        return texts.stream().filter(text -> Validation.nameProblem(text).isEmpty()).distinct()
                .limit(NodeReportAssembler.MAX_ENTRIES).toList();
    }

    /** Absolute, normalized paths only: anything else in a watch list is a coordinator bug, not a path to stat. */
    static List<Path> paths(List<String> texts) {
        List<Path> paths = new ArrayList<>();
        for (String text : texts) {
            if (paths.size() == NodeReportAssembler.MAX_ENTRIES) {
                break;
            }
            if (text.indexOf('\0') >= 0) {
                continue;
            }
            Path path = Path.of(text);
            if (path.isAbsolute() && path.normalize().equals(path) && !paths.contains(path)) {
                paths.add(path);
            }
        }
        return paths;
    }
}
