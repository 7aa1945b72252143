package io.brickwork.coordinator.security;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.brickwork.common.security.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small protobuf state files: read whole, written whole, atomically and private (0600). */
final class ProtoFiles {
    private ProtoFiles() {}

    static <T extends Message> T read(Path file, Parser<T> parser, T empty) {
        if (!Files.exists(file)) {
            return empty;
        }
        try {
            return parser.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(file + " is corrupt: " + e.getMessage()
                    + " (restore it from a backup or remove it to start over)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void write(Path file, Message message) {
        SecureFiles.writePrivate(file, message.toByteArray());
    }
}
