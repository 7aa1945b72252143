package io.brickwork.agent.audit;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/** The audit log: only bindings; the file is opened by the first entry, not here. */
public final class AuditModule extends AbstractModule {
    private final AuditSettings settings;

    public AuditModule(AuditSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(AuditSettings.class).toInstance(settings);
        bind(AuditLog.class).to(JsonLinesAuditLog.class).in(Scopes.SINGLETON);
    }
}
