package io.brickwork.coordinator.operation;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.coordinator.api.ApiSettings;
import io.brickwork.coordinator.apply.StepThreads;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * Operations and their journal, in the API's state directory. An operation runs on the step
 * threads, which the coordinator's lifecycle shuts down. Only binds; the journal is read when
 * the API starts.
 */
public final class OperationsModule extends AbstractModule {
    @Provides
    @Singleton
    OperationJournal journal(ApiSettings api) {
        return new OperationJournal(api.stateDir());
    }

    @Provides
    @Singleton
    Operations operations(OperationJournal journal, @StepThreads ExecutorService steps, Clock clock) {
        return new Operations(journal, steps, clock);
    }
}
