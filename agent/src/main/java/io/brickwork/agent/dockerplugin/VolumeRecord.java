package io.brickwork.agent.dockerplugin;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code docker volume create} asked for, kept on the Brickwork volume itself
 * ({@code .brickwork/docker-volumes/NAME.json}) so every node reads the same record and no node
 * keeps state that could go stale.
 */
record VolumeRecord(String name, String volume, int uid, int gid, int mode, OptionalLong quotaBytes,
        boolean deleteOnRemove, Instant created) {
    VolumeRecord {
        requireNonNull(name, "name is null");
        requireNonNull(volume, "volume is null");
        requireNonNull(quotaBytes, "quotaBytes is null");
        requireNonNull(created, "created is null");
    }

    byte[] json() {
        JsonObject object = new JsonObject();
        object.addProperty("name", name);
        object.addProperty("volume", volume);
        object.addProperty("uid", uid);
        object.addProperty("gid", gid);
        object.addProperty("mode", String.format("%04o", mode));
        quotaBytes.ifPresent(bytes -> object.addProperty("quotaBytes", bytes));
        if (deleteOnRemove) {
            object.addProperty("onRemove", CreateOptions.ON_REMOVE_DELETE);
        }
        object.addProperty("created", created.toString());
        return (object + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The record read back. Anyone who can write to the volume's root can write here too, so it
     * is checked like a request: a record that does not parse, or names another volume, is not used.
     */
    static VolumeRecord parse(byte[] json, String expectedName) throws DockerVolumeRequestException {
        try {
            JsonObject object = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
            String name = object.get("name").getAsString();
            if (!name.equals(expectedName)) {
                throw new DockerVolumeRequestException("the record of '" + expectedName + "' names '"
                        + Printable.of(name) + "'");
            }
            CreateOptions checked = new CreateOptions(Optional.of(object.get("volume").getAsString()),
                    object.get("uid").getAsInt(), object.get("gid").getAsInt(),
                    Integer.parseInt(object.get("mode").getAsString(), 8),
                    object.has("quotaBytes") ? OptionalLong.of(object.get("quotaBytes").getAsLong()) : OptionalLong.empty(),
                    object.has("onRemove") && object.get("onRemove").getAsString().equals(CreateOptions.ON_REMOVE_DELETE));
            if (checked.uid() < 0 || checked.gid() < 0 || checked.mode() < 0 || checked.mode() > 03777) {
                throw new DockerVolumeRequestException("the record of '" + expectedName + "' has ids or a mode out of range");
            }
            return new VolumeRecord(name, checked.volume().orElseThrow(), checked.uid(), checked.gid(), checked.mode(),
                    checked.quotaBytes(), checked.deleteOnRemove(), Instant.parse(object.get("created").getAsString()));
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException
                | UnsupportedOperationException | DateTimeParseException e) {
            throw new DockerVolumeRequestException("the record of '" + expectedName + "' on the volume is damaged: " + e);
        }
    }
}
