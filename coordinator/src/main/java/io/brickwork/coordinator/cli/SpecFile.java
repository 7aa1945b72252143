package io.brickwork.coordinator.cli;

import io.brickwork.coordinator.spec.SpecException;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.spec.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and validates a spec file locally, so bad input fails fast and nothing is sent. */
final class SpecFile {
    private SpecFile() {}

    static String read(Path file, PrintWriter err) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read spec " + file + ": " + e.getMessage());
        }
        try {
            SpecParser.parse(text, file.toString());
        } catch (SpecException e) {
            StringBuilder message = new StringBuilder("invalid spec " + file + ":");
            for (Violation violation : e.violations()) {
                message.append("\n  - ").append(violation);
            }
            throw new BadInputException(message.toString());
        }
        return text;
    }
}
