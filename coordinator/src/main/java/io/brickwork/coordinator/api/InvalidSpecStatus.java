package io.brickwork.coordinator.api;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.brickwork.coordinator.spec.SpecException;
import io.brickwork.coordinator.spec.Violation;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/** A rejected spec as INVALID_ARGUMENT with one google.rpc.BadRequest field violation per problem. */
final class InvalidSpecStatus {
    private InvalidSpecStatus() {}

    static StatusRuntimeException of(SpecException e) {
        BadRequest.Builder details = BadRequest.newBuilder();
        for (Violation violation : e.violations()) {
            details.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                    .setField(violation.key())
                    .setDescription(violation.toString()));
        }
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("invalid spec: " + e.violations().size() + " problem(s)")
                .addDetails(Any.pack(details.build()))
                .build());
    }
}
