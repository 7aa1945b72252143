package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.audit.Json;
import io.brickwork.common.audit.JsonLinesFile;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The coordinator's audit log: one JSON object per line, also sent to the service log. Shared
 * by the per-call API audit and the services that audit what a call line cannot show (a join's
 * token id and remote address, the serial it was given).
 */
public final class AuditTrail {
    private static final Logger log = Logger.getLogger("brickwork.audit");

    private final JsonLinesFile file;

    public AuditTrail(JsonLinesFile file) {
        this.file = requireNonNull(file, "file is null");
    }

    /** @param entry field name to String, Number, Boolean or {@link Json.Raw}, in order */
    public void record(Map<String, ?> entry) {
        String line = Json.object(entry);
        log.info(line);
        try {
            file.append(line);
        } catch (RuntimeException e) {
            log.log(Level.SEVERE, "cannot write the audit log; the entry is only in the service log", e);
        }
    }
}
