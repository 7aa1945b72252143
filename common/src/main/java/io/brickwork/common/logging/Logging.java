package io.brickwork.common.logging;

import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per record on stderr (journald adds its own timestamp, but the lab and CI logs
 * do not). grpc-java logs through java.util.logging too, so one handler covers everything.
 */
public final class Logging {
    private Logging() {}

    public static void configure() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                StringBuilder line = new StringBuilder()
                        .append(Instant.ofEpochMilli(record.getMillis()))
                        .append(' ').append(record.getLevel().getName())
                        .append(' ').append(shortName(record.getLoggerName()))
                        .append(": ").append(formatMessage(record)).append('\n');
                if (record.getThrown() != null) {
                    line.append(record.getThrown()).append('\n');
                    for (StackTraceElement element : record.getThrown().getStackTrace()) {
                        line.append("\tat ").append(element).append('\n');
                    }
                }
                return line.toString();
            }
        });
        root.addHandler(handler);
        root.setLevel(Level.INFO);
    }

    private static String shortName(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
