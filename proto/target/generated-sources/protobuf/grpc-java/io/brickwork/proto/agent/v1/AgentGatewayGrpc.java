package io.brickwork.proto.agent.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AgentGatewayGrpc {

  private AgentGatewayGrpc() {}

  public static final java.lang.String SERVICE_NAME = "brickwork.agent.v1.AgentGateway";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.brickwork.proto.agent.v1.AgentMessage,
      io.brickwork.proto.agent.v1.CoordinatorMessage> getConnectMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Connect",
      requestType = io.brickwork.proto.agent.v1.AgentMessage.class,
      responseType = io.brickwork.proto.agent.v1.CoordinatorMessage.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<io.brickwork.proto.agent.v1.AgentMessage,
      io.brickwork.proto.agent.v1.CoordinatorMessage> getConnectMethod() {
    io.grpc.MethodDescriptor<io.brickwork.proto.agent.v1.AgentMessage, io.brickwork.proto.agent.v1.CoordinatorMessage> getConnectMethod;
    if ((getConnectMethod = AgentGatewayGrpc.getConnectMethod) == null) {
      synchronized (AgentGatewayGrpc.class) {
        if ((getConnectMethod = AgentGatewayGrpc.getConnectMethod) == null) {
          AgentGatewayGrpc.getConnectMethod = getConnectMethod =
              io.grpc.MethodDescriptor.<io.brickwork.proto.agent.v1.AgentMessage, io.brickwork.proto.agent.v1.CoordinatorMessage>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Connect"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.agent.v1.AgentMessage.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.agent.v1.CoordinatorMessage.getDefaultInstance()))
              .setSchemaDescriptor(new AgentGatewayMethodDescriptorSupplier("Connect"))
              .build();
        }
      }
    }
    return getConnectMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AgentGatewayStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AgentGatewayStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AgentGatewayStub>() {
        @java.lang.Override
        public AgentGatewayStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AgentGatewayStub(channel, callOptions);
        }
      };
    return AgentGatewayStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static AgentGatewayBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AgentGatewayBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AgentGatewayBlockingV2Stub>() {
        @java.lang.Override
        public AgentGatewayBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AgentGatewayBlockingV2Stub(channel, callOptions);
        }
      };
    return AgentGatewayBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AgentGatewayBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AgentGatewayBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AgentGatewayBlockingStub>() {
        @java.lang.Override
        public AgentGatewayBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AgentGatewayBlockingStub(channel, callOptions);
        }
      };
    return AgentGatewayBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AgentGatewayFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AgentGatewayFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AgentGatewayFutureStub>() {
        @java.lang.Override
        public AgentGatewayFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AgentGatewayFutureStub(channel, callOptions);
        }
      };
    return AgentGatewayFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     * <pre>
     * First agent message must be a Hello; the coordinator answers with Welcome.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<io.brickwork.proto.agent.v1.AgentMessage> connect(
        io.grpc.stub.StreamObserver<io.brickwork.proto.agent.v1.CoordinatorMessage> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getConnectMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service AgentGateway.
   */
  public static abstract class AgentGatewayImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return AgentGatewayGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service AgentGateway.
   */
  public static final class AgentGatewayStub
      extends io.grpc.stub.AbstractAsyncStub<AgentGatewayStub> {
    private AgentGatewayStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AgentGatewayStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AgentGatewayStub(channel, callOptions);
    }

    /**
     * <pre>
     * First agent message must be a Hello; the coordinator answers with Welcome.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<io.brickwork.proto.agent.v1.AgentMessage> connect(
        io.grpc.stub.StreamObserver<io.brickwork.proto.agent.v1.CoordinatorMessage> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getConnectMethod(), getCallOptions()), responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service AgentGateway.
   */
  public static final class AgentGatewayBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<AgentGatewayBlockingV2Stub> {
    private AgentGatewayBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AgentGatewayBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AgentGatewayBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * First agent message must be a Hello; the coordinator answers with Welcome.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<io.brickwork.proto.agent.v1.AgentMessage, io.brickwork.proto.agent.v1.CoordinatorMessage>
        connect() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getConnectMethod(), getCallOptions());
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service AgentGateway.
   */
  public static final class AgentGatewayBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<AgentGatewayBlockingStub> {
    private AgentGatewayBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AgentGatewayBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AgentGatewayBlockingStub(channel, callOptions);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service AgentGateway.
   */
  public static final class AgentGatewayFutureStub
      extends io.grpc.stub.AbstractFutureStub<AgentGatewayFutureStub> {
    private AgentGatewayFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AgentGatewayFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AgentGatewayFutureStub(channel, callOptions);
    }
  }

  private static final int METHODID_CONNECT = 0;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_CONNECT:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.connect(
              (io.grpc.stub.StreamObserver<io.brickwork.proto.agent.v1.CoordinatorMessage>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getConnectMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              io.brickwork.proto.agent.v1.AgentMessage,
              io.brickwork.proto.agent.v1.CoordinatorMessage>(
                service, METHODID_CONNECT)))
        .build();
  }

  private static abstract class AgentGatewayBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    AgentGatewayBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.brickwork.proto.agent.v1.AgentGatewayProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("AgentGateway");
    }
  }

  private static final class AgentGatewayFileDescriptorSupplier
      extends AgentGatewayBaseDescriptorSupplier {
    AgentGatewayFileDescriptorSupplier() {}
  }

  private static final class AgentGatewayMethodDescriptorSupplier
      extends AgentGatewayBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    AgentGatewayMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (AgentGatewayGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new AgentGatewayFileDescriptorSupplier())
              .addMethod(getConnectMethod())
              .build();
        }
      }
    }
    return result;
  }
}
