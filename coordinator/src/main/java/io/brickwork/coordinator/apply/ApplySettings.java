package io.brickwork.coordinator.apply;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import io.brickwork.coordinator.plan.StepTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long an agent may take per kind of step ({@code step-timeouts}), and how long a file
 * written on one node may take to appear on the others ({@code verify-timeout}).
 */
public record ApplySettings(StepTimeouts stepTimeouts, Duration verifyTimeout) {
    private static final List<String> STEP_KINDS = List.of("standard", "packages", "peers", "volume", "mount");

    public ApplySettings {
        requireNonNull(stepTimeouts, "stepTimeouts is null");
        requireNonNull(verifyTimeout, "verifyTimeout is null");
    }

    /** @param coordinator the {@code brickwork.coordinator} section */
    public static ApplySettings from(Config coordinator) {
        List<String> problems = new ArrayList<>();
        Config steps = coordinator.getConfig("step-timeouts");
        for (String kind : STEP_KINDS) {
            if (steps.getDuration(kind).toMillis() < 1000) {
                problems.add("brickwork.coordinator.step-timeouts." + kind + " = " + steps.getDuration(kind)
                        + ": must be at least 1s");
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new ApplySettings(new StepTimeouts(steps.getDuration("standard"), steps.getDuration("packages"),
                steps.getDuration("peers"), steps.getDuration("volume"), steps.getDuration("mount")),
                coordinator.getDuration("verify-timeout"));
    }
}
