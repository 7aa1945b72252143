package io.brickwork.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionRequest.ActionCase;
import io.brickwork.proto.agent.v1.EnsureVolumeOption;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ActionArguments} against protobuf's own JsonFormat, for every action type: once with
 * every field set (through the descriptors, so a field added to the proto is set here too) and
 * once with every field at its default.
 */
class ActionArgumentsTest {
    private static final JsonFormat.Printer JSON_FORMAT = JsonFormat.printer().preservingProtoFieldNames();

    @ParameterizedTest
    @EnumSource(value = ActionCase.class, names = "ACTION_NOT_SET", mode = EnumSource.Mode.EXCLUDE)
    void everyFieldOfEveryActionIsWrittenAsJsonFormatWritesIt(ActionCase action) throws Exception {
        ActionRequest request = request(action, true);

        assertEquals(JsonParser.parseString(jsonFormat(request)), JsonParser.parseString(ActionArguments.json(request)),
                ActionArguments.json(request));
    }

    @ParameterizedTest
    @EnumSource(value = ActionCase.class, names = "ACTION_NOT_SET", mode = EnumSource.Mode.EXCLUDE)
    void defaultsAreLeftOutAsJsonFormatLeavesThemOut(ActionCase action) throws Exception {
        ActionRequest request = request(action, false);

        assertEquals(JsonParser.parseString(jsonFormat(request)), JsonParser.parseString(ActionArguments.json(request)));
    }

    @ParameterizedTest
    @EnumSource(value = ActionCase.class, names = "ACTION_NOT_SET", mode = EnumSource.Mode.EXCLUDE)
    void theNameIsTheProtoFieldName(ActionCase action) {
        ActionRequest request = request(action, false);

        assertEquals(ActionRequest.getDescriptor().findFieldByNumber(action.getNumber()).getName(),
                ActionArguments.name(request));
    }

    @Test
    void aRequestWithoutAnActionHasNoNameAndNullArguments() {
        assertNull(ActionArguments.name(ActionRequest.getDefaultInstance()));
        assertEquals("null", ActionArguments.json(ActionRequest.getDefaultInstance()));
    }

    @Test
    void stringsAreEscaped() {
        ActionRequest request = ActionRequest.newBuilder().setVolumeOption(EnsureVolumeOption.newBuilder()
                .setVolume("gfs").setKey("auth.allow").setValue("a\"b\\c\n<d>\u00e9")).build();

        // The audit log's own escaper: control and non-ASCII characters as \\u escapes.
        assertEquals("{\"volume\":\"gfs\",\"key\":\"auth.allow\",\"value\":\"a\\\"b\\\\c\\u000a<d>\\u00e9\"}",
                ActionArguments.json(request));
    }

    /** The request carrying this action, every field set (two elements per list) or none. */
    private static ActionRequest request(ActionCase action, boolean populated) {
        FieldDescriptor field = ActionRequest.getDescriptor().findFieldByNumber(action.getNumber());
        Message.Builder builder = ActionRequest.newBuilder().newBuilderForField(field);
        if (populated) {
            populate(builder, 1);
        }
        return ActionRequest.newBuilder().setField(field, builder.build()).build();
    }

    private static void populate(Message.Builder builder, int seed) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            int count = field.isRepeated() ? 2 : 1;
            for (int i = 0; i < count; i++) {
                Object value = value(builder, field, seed * 10 + i + field.getNumber());
                if (field.isRepeated()) {
                    builder.addRepeatedField(field, value);
                } else {
                    builder.setField(field, value);
                }
            }
        }
    }

    private static Object value(Message.Builder parent, FieldDescriptor field, int seed) {
        return switch (field.getJavaType()) {
            case STRING -> field.getName() + "-" + seed + " \"quoted\" <&> \u00e9";
            case INT -> seed == 0 ? 1 : seed | 0x80000000; // uint32 above 2^31: printed unsigned
            case LONG -> seed == 0 ? 1L : seed | 0x8000000000000000L; // uint64 above 2^63: printed unsigned
            case BOOLEAN -> true;
            case BYTE_STRING -> ByteString.copyFromUtf8("bytes " + seed);
            case MESSAGE -> {
                Message.Builder nested = parent.newBuilderForField(field);
                populate(nested, seed);
                yield nested.build();
            }
            default -> throw new AssertionError(field.getFullName() + ": add its type to this test and to "
                    + "ActionArguments (" + field.getJavaType() + ")");
        };
    }

    /** JsonFormat's text for the action, with probe content cleared as the audit line clears it. */
    private static String jsonFormat(ActionRequest request) throws InvalidProtocolBufferException {
        FieldDescriptor field = ActionRequest.getDescriptor().findFieldByNumber(request.getActionCase().getNumber());
        Message action = (Message) request.getField(field);
        FieldDescriptor content = action.getDescriptorForType().findFieldByName("content");
        if (content != null && EnumSet.of(ActionCase.WRITE_PROBE, ActionCase.READ_PROBE).contains(request.getActionCase())) {
            action = action.toBuilder().clearField(content).build();
        }
        return JSON_FORMAT.print(action);
    }
}
