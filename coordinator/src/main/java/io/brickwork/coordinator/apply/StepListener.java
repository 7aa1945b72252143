package io.brickwork.coordinator.apply;

import io.brickwork.proto.coordinator.v1.StepReport;

/** Live progress of a run. Called from several threads at once: implementations synchronize. */
public interface StepListener {
    void started(StepReport step);

    void finished(StepReport step);

    StepListener NONE = new StepListener() {
        @Override
        public void started(StepReport step) {}

        @Override
        public void finished(StepReport step) {}
    };
}
