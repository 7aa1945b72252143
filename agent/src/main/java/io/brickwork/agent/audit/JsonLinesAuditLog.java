package io.brickwork.agent.audit;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.audit.JsonLinesFile;
import io.brickwork.proto.agent.v1.ActionRequest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit log as JSON lines in a file readable by root only, rotated by size (FILE.1 is the
 * newest rotated file), and each line also at INFO on logger {@code brickwork.audit}. Lines are
 * written whole with one write on an O_APPEND file, not fsynced: losing the last lines to a
 * power cut is acceptable, a torn or interleaved line is not. One agent process per file.
 */
public final class JsonLinesAuditLog implements AuditLog {
    static final String LOGGER_NAME = "brickwork.audit";
    private static final Logger AUDIT = Logger.getLogger(LOGGER_NAME);
    private static final Logger LOG = Logger.getLogger(JsonLinesAuditLog.class.getName());

    private final JsonLinesFile file;

    @Inject
    public JsonLinesAuditLog(AuditSettings settings) {
        requireNonNull(settings, "settings is null");
        this.file = new JsonLinesFile(settings.file(), settings.maxBytes(), settings.keep());
    }

    @Override
    public boolean started(Instant time, String requester, ActionRequest request) {
        String line;
        try {
            line = AuditLine.started(time, requester, request);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot format the start of request " + request.getId(), e);
            return false;
        }
        AUDIT.info(line);
        return file.append(line);
    }

    @Override
    public void record(AuditEntry entry) {
        String line;
        try {
            line = AuditLine.format(entry);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot format an audit entry for request " + entry.request().getId(), e);
            return;
        }
        AUDIT.info(line);
        file.append(line);
    }
}
