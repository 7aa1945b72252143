package io.brickwork.agent.glustertls;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.brickwork.common.security.Pem;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.IssueGlusterCertificateRequest;
import io.brickwork.proto.agent.v1.IssueGlusterCertificateResponse;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;

/** Over the agent's mutual-TLS channel to the coordinator: the node's certificate says who asks. */
public final class GrpcGlusterCertificateIssuer implements GlusterCertificateIssuer {
    private final Channel channel;

    public GrpcGlusterCertificateIssuer(Channel channel) {
        this.channel = requireNonNull(channel, "channel is null");
    }

    @Override
    public Issued issue(byte[] csrDer) throws IssueException {
        try {
            IssueGlusterCertificateResponse response = EnrollmentGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .issueGlusterCertificate(IssueGlusterCertificateRequest.newBuilder()
                            .setCsrDer(ByteString.copyFrom(csrDer)).build());
            return new Issued(Pem.certificate(response.getCertificatePem()), Pem.certificate(response.getCaCertificatePem()));
        } catch (StatusRuntimeException e) {
            throw new IssueException("the coordinator did not issue a gluster certificate: " + e.getStatus(), e);
        } catch (RuntimeException e) {
            throw new IssueException("the coordinator's answer is not a certificate: " + e.getMessage(), e);
        }
    }
}
