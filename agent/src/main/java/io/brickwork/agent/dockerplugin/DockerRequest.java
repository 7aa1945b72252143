package io.brickwork.agent.dockerplugin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The body of one plugin call: a strict JSON object (or nothing) with {@code Name}, {@code ID}
 * and {@code Opts}, each of the type Docker sends and nothing else; anything else is refused
 * before any field is used.
 */
final class DockerRequest {
    static final int MAX_OPTIONS = 16;
    private final JsonObject body;

    private DockerRequest(JsonObject body) {
        this.body = body;
    }

    static DockerRequest parse(String text) throws DockerVolumeRequestException {
        if (text.isBlank()) {
            return new DockerRequest(new JsonObject());
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new DockerVolumeRequestException("the request body has more than one JSON value");
            }
            if (!element.isJsonObject()) {
                throw new DockerVolumeRequestException("the request body is not a JSON object");
            }
            return new DockerRequest(element.getAsJsonObject());
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new DockerVolumeRequestException("the request body is not valid JSON");
        }
    }

    Optional<String> string(String key) throws DockerVolumeRequestException {
        JsonElement value = body.get(key);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new DockerVolumeRequestException("field " + key + " is not a string");
        }
        return Optional.of(value.getAsString());
    }

    String name() throws DockerVolumeRequestException {
        return DockerVolumeName.check(string("Name").orElse(null));
    }

    /** Docker's id of the container mount; it becomes part of a file name, so hex only. */
    String mountId() throws DockerVolumeRequestException {
        String id = string("ID").orElseThrow(() -> new DockerVolumeRequestException("the request has no mount ID"));
        if (!id.matches("[A-Za-z0-9]{1,128}")) {
            throw new DockerVolumeRequestException("mount ID '" + Printable.of(id) + "' is not 1 to 128 letters and digits");
        }
        return id;
    }

    Map<String, String> options() throws DockerVolumeRequestException {
        JsonElement value = body.get("Opts");
        Map<String, String> options = new TreeMap<>();
        if (value == null || value.isJsonNull()) {
            return options;
        }
        if (!value.isJsonObject()) {
            throw new DockerVolumeRequestException("field Opts is not an object");
        }
        if (value.getAsJsonObject().size() > MAX_OPTIONS) {
            throw new DockerVolumeRequestException("more than " + MAX_OPTIONS + " options");
        }
        for (Map.Entry<String, JsonElement> option : value.getAsJsonObject().entrySet()) {
            JsonElement text = option.getValue();
            if (!text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
                throw new DockerVolumeRequestException("option '" + Printable.of(option.getKey()) + "' is not a string");
            }
            options.put(option.getKey(), text.getAsString());
        }
        return options;
    }
}
