package io.brickwork.proto.coordinator.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class CoordinatorGrpc {

  private CoordinatorGrpc() {}

  public static final java.lang.String SERVICE_NAME = "brickwork.coordinator.v1.Coordinator";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.PlanRequest,
      io.brickwork.proto.coordinator.v1.PlanResponse> getPlanMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Plan",
      requestType = io.brickwork.proto.coordinator.v1.PlanRequest.class,
      responseType = io.brickwork.proto.coordinator.v1.PlanResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.PlanRequest,
      io.brickwork.proto.coordinator.v1.PlanResponse> getPlanMethod() {
    io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.PlanRequest, io.brickwork.proto.coordinator.v1.PlanResponse> getPlanMethod;
    if ((getPlanMethod = CoordinatorGrpc.getPlanMethod) == null) {
      synchronized (CoordinatorGrpc.class) {
        if ((getPlanMethod = CoordinatorGrpc.getPlanMethod) == null) {
          CoordinatorGrpc.getPlanMethod = getPlanMethod =
              io.grpc.MethodDescriptor.<io.brickwork.proto.coordinator.v1.PlanRequest, io.brickwork.proto.coordinator.v1.PlanResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Plan"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.coordinator.v1.PlanRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.coordinator.v1.PlanResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CoordinatorMethodDescriptorSupplier("Plan"))
              .build();
        }
      }
    }
    return getPlanMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.ApplyRequest,
      io.brickwork.proto.coordinator.v1.ApplyEvent> getApplyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Apply",
      requestType = io.brickwork.proto.coordinator.v1.ApplyRequest.class,
      responseType = io.brickwork.proto.coordinator.v1.ApplyEvent.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.ApplyRequest,
      io.brickwork.proto.coordinator.v1.ApplyEvent> getApplyMethod() {
    io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.ApplyRequest, io.brickwork.proto.coordinator.v1.ApplyEvent> getApplyMethod;
    if ((getApplyMethod = CoordinatorGrpc.getApplyMethod) == null) {
      synchronized (CoordinatorGrpc.class) {
        if ((getApplyMethod = CoordinatorGrpc.getApplyMethod) == null) {
          CoordinatorGrpc.getApplyMethod = getApplyMethod =
              io.grpc.MethodDescriptor.<io.brickwork.proto.coordinator.v1.ApplyRequest, io.brickwork.proto.coordinator.v1.ApplyEvent>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Apply"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.coordinator.v1.ApplyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.coordinator.v1.ApplyEvent.getDefaultInstance()))
              .setSchemaDescriptor(new CoordinatorMethodDescriptorSupplier("Apply"))
              .build();
        }
      }
    }
    return getApplyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.ListNodesRequest,
      io.brickwork.proto.coordinator.v1.ListNodesResponse> getListNodesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListNodes",
      requestType = io.brickwork.proto.coordinator.v1.ListNodesRequest.class,
      responseType = io.brickwork.proto.coordinator.v1.ListNodesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.ListNodesRequest,
      io.brickwork.proto.coordinator.v1.ListNodesResponse> getListNodesMethod() {
    io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.ListNodesRequest, io.brickwork.proto.coordinator.v1.ListNodesResponse> getListNodesMethod;
    if ((getListNodesMethod = CoordinatorGrpc.getListNodesMethod) == null) {
      synchronized (CoordinatorGrpc.class) {
        if ((getListNodesMethod = CoordinatorGrpc.getListNodesMethod) == null) {
          CoordinatorGrpc.getListNodesMethod = getListNodesMethod =
              io.grpc.MethodDescriptor.<io.brickwork.proto.coordinator.v1.ListNodesRequest, io.brickwork.proto.coordinator.v1.ListNodesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListNodes"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.coordinator.v1.ListNodesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.coordinator.v1.ListNodesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CoordinatorMethodDescriptorSupplier("ListNodes"))
              .build();
        }
      }
    }
    return getListNodesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.GetStatusRequest,
      io.brickwork.proto.coordinator.v1.GetStatusResponse> getGetStatusMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetStatus",
      requestType = io.brickwork.proto.coordinator.v1.GetStatusRequest.class,
      responseType = io.brickwork.proto.coordinator.v1.GetStatusResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.GetStatusRequest,
      io.brickwork.proto.coordinator.v1.GetStatusResponse> getGetStatusMethod() {
    io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.GetStatusRequest, io.brickwork.proto.coordinator.v1.GetStatusResponse> getGetStatusMethod;
    if ((getGetStatusMethod = CoordinatorGrpc.getGetStatusMethod) == null) {
      synchronized (CoordinatorGrpc.class) {
        if ((getGetStatusMethod = CoordinatorGrpc.getGetStatusMethod) == null) {
          CoordinatorGrpc.getGetStatusMethod = getGetStatusMethod =
              io.grpc.MethodDescriptor.<io.brickwork.proto.coordinator.v1.GetStatusRequest, io.brickwork.proto.coordinator.v1.GetStatusResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetStatus"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.coordinator.v1.GetStatusRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.coordinator.v1.GetStatusResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CoordinatorMethodDescriptorSupplier("GetStatus"))
              .build();
        }
      }
    }
    return getGetStatusMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.VerifyRequest,
      io.brickwork.proto.coordinator.v1.VerifyResponse> getVerifyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Verify",
      requestType = io.brickwork.proto.coordinator.v1.VerifyRequest.class,
      responseType = io.brickwork.proto.coordinator.v1.VerifyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.VerifyRequest,
      io.brickwork.proto.coordinator.v1.VerifyResponse> getVerifyMethod() {
    io.grpc.MethodDescriptor<io.brickwork.proto.coordinator.v1.VerifyRequest, io.brickwork.proto.coordinator.v1.VerifyResponse> getVerifyMethod;
    if ((getVerifyMethod = CoordinatorGrpc.getVerifyMethod) == null) {
      synchronized (CoordinatorGrpc.class) {
        if ((getVerifyMethod = CoordinatorGrpc.getVerifyMethod) == null) {
          CoordinatorGrpc.getVerifyMethod = getVerifyMethod =
              io.grpc.MethodDescriptor.<io.brickwork.proto.coordinator.v1.VerifyRequest, io.brickwork.proto.coordinator.v1.VerifyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Verify"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.coordinator.v1.VerifyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.brickwork.proto.coordinator.v1.VerifyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CoordinatorMethodDescriptorSupplier("Verify"))
              .build();
        }
      }
    }
    return getVerifyMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static CoordinatorStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CoordinatorStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CoordinatorStub>() {
        @java.lang.Override
        public CoordinatorStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CoordinatorStub(channel, callOptions);
        }
      };
    return CoordinatorStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static CoordinatorBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CoordinatorBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CoordinatorBlockingV2Stub>() {
        @java.lang.Override
        public CoordinatorBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CoordinatorBlockingV2Stub(channel, callOptions);
        }
      };
    return CoordinatorBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static CoordinatorBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CoordinatorBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CoordinatorBlockingStub>() {
        @java.lang.Override
        public CoordinatorBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CoordinatorBlockingStub(channel, callOptions);
        }
      };
    return CoordinatorBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static CoordinatorFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CoordinatorFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CoordinatorFutureStub>() {
        @java.lang.Override
        public CoordinatorFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CoordinatorFutureStub(channel, callOptions);
        }
      };
    return CoordinatorFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     * <pre>
     * What apply would change, per node and step. Changes nothing.
     * </pre>
     */
    default void plan(io.brickwork.proto.coordinator.v1.PlanRequest request,
        io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.PlanResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPlanMethod(), responseObserver);
    }

    /**
     * <pre>
     * Runs the plan; streams progress; the last event is ApplyFinished.
     * </pre>
     */
    default void apply(io.brickwork.proto.coordinator.v1.ApplyRequest request,
        io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.ApplyEvent> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getApplyMethod(), responseObserver);
    }

    /**
     */
    default void listNodes(io.brickwork.proto.coordinator.v1.ListNodesRequest request,
        io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.ListNodesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListNodesMethod(), responseObserver);
    }

    /**
     */
    default void getStatus(io.brickwork.proto.coordinator.v1.GetStatusRequest request,
        io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.GetStatusResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetStatusMethod(), responseObserver);
    }

    /**
     * <pre>
     * Writes a probe file through one node's mount and reads it on all others.
     * </pre>
     */
    default void verify(io.brickwork.proto.coordinator.v1.VerifyRequest request,
        io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.VerifyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getVerifyMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Coordinator.
   */
  public static abstract class CoordinatorImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return CoordinatorGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Coordinator.
   */
  public static final class CoordinatorStub
      extends io.grpc.stub.AbstractAsyncStub<CoordinatorStub> {
    private CoordinatorStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CoordinatorStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CoordinatorStub(channel, callOptions);
    }

    /**
     * <pre>
     * What apply would change, per node and step. Changes nothing.
     * </pre>
     */
    public void plan(io.brickwork.proto.coordinator.v1.PlanRequest request,
        io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.PlanResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPlanMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Runs the plan; streams progress; the last event is ApplyFinished.
     * </pre>
     */
    public void apply(io.brickwork.proto.coordinator.v1.ApplyRequest request,
        io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.ApplyEvent> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getApplyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listNodes(io.brickwork.proto.coordinator.v1.ListNodesRequest request,
        io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.ListNodesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListNodesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getStatus(io.brickwork.proto.coordinator.v1.GetStatusRequest request,
        io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.GetStatusResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetStatusMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Writes a probe file through one node's mount and reads it on all others.
     * </pre>
     */
    public void verify(io.brickwork.proto.coordinator.v1.VerifyRequest request,
        io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.VerifyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getVerifyMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Coordinator.
   */
  public static final class CoordinatorBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<CoordinatorBlockingV2Stub> {
    private CoordinatorBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CoordinatorBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CoordinatorBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * What apply would change, per node and step. Changes nothing.
     * </pre>
     */
    public io.brickwork.proto.coordinator.v1.PlanResponse plan(io.brickwork.proto.coordinator.v1.PlanRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getPlanMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs the plan; streams progress; the last event is ApplyFinished.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.brickwork.proto.coordinator.v1.ApplyEvent>
        apply(io.brickwork.proto.coordinator.v1.ApplyRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getApplyMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.brickwork.proto.coordinator.v1.ListNodesResponse listNodes(io.brickwork.proto.coordinator.v1.ListNodesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListNodesMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.brickwork.proto.coordinator.v1.GetStatusResponse getStatus(io.brickwork.proto.coordinator.v1.GetStatusRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetStatusMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Writes a probe file through one node's mount and reads it on all others.
     * </pre>
     */
    public io.brickwork.proto.coordinator.v1.VerifyResponse verify(io.brickwork.proto.coordinator.v1.VerifyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getVerifyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Coordinator.
   */
  public static final class CoordinatorBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<CoordinatorBlockingStub> {
    private CoordinatorBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CoordinatorBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CoordinatorBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * What apply would change, per node and step. Changes nothing.
     * </pre>
     */
    public io.brickwork.proto.coordinator.v1.PlanResponse plan(io.brickwork.proto.coordinator.v1.PlanRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPlanMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs the plan; streams progress; the last event is ApplyFinished.
     * </pre>
     */
    public java.util.Iterator<io.brickwork.proto.coordinator.v1.ApplyEvent> apply(
        io.brickwork.proto.coordinator.v1.ApplyRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getApplyMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.brickwork.proto.coordinator.v1.ListNodesResponse listNodes(io.brickwork.proto.coordinator.v1.ListNodesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListNodesMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.brickwork.proto.coordinator.v1.GetStatusResponse getStatus(io.brickwork.proto.coordinator.v1.GetStatusRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetStatusMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Writes a probe file through one node's mount and reads it on all others.
     * </pre>
     */
    public io.brickwork.proto.coordinator.v1.VerifyResponse verify(io.brickwork.proto.coordinator.v1.VerifyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getVerifyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Coordinator.
   */
  public static final class CoordinatorFutureStub
      extends io.grpc.stub.AbstractFutureStub<CoordinatorFutureStub> {
    private CoordinatorFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CoordinatorFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CoordinatorFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * What apply would change, per node and step. Changes nothing.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.brickwork.proto.coordinator.v1.PlanResponse> plan(
        io.brickwork.proto.coordinator.v1.PlanRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPlanMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.brickwork.proto.coordinator.v1.ListNodesResponse> listNodes(
        io.brickwork.proto.coordinator.v1.ListNodesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListNodesMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.brickwork.proto.coordinator.v1.GetStatusResponse> getStatus(
        io.brickwork.proto.coordinator.v1.GetStatusRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetStatusMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Writes a probe file through one node's mount and reads it on all others.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.brickwork.proto.coordinator.v1.VerifyResponse> verify(
        io.brickwork.proto.coordinator.v1.VerifyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getVerifyMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_PLAN = 0;
  private static final int METHODID_APPLY = 1;
  private static final int METHODID_LIST_NODES = 2;
  private static final int METHODID_GET_STATUS = 3;
  private static final int METHODID_VERIFY = 4;

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
        case METHODID_PLAN:
          serviceImpl.plan((io.brickwork.proto.coordinator.v1.PlanRequest) request,
              (io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.PlanResponse>) responseObserver);
          break;
        case METHODID_APPLY:
          serviceImpl.apply((io.brickwork.proto.coordinator.v1.ApplyRequest) request,
              (io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.ApplyEvent>) responseObserver);
          break;
        case METHODID_LIST_NODES:
          serviceImpl.listNodes((io.brickwork.proto.coordinator.v1.ListNodesRequest) request,
              (io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.ListNodesResponse>) responseObserver);
          break;
        case METHODID_GET_STATUS:
          serviceImpl.getStatus((io.brickwork.proto.coordinator.v1.GetStatusRequest) request,
              (io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.GetStatusResponse>) responseObserver);
          break;
        case METHODID_VERIFY:
          serviceImpl.verify((io.brickwork.proto.coordinator.v1.VerifyRequest) request,
              (io.grpc.stub.StreamObserver<io.brickwork.proto.coordinator.v1.VerifyResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getPlanMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.brickwork.proto.coordinator.v1.PlanRequest,
              io.brickwork.proto.coordinator.v1.PlanResponse>(
                service, METHODID_PLAN)))
        .addMethod(
          getApplyMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.brickwork.proto.coordinator.v1.ApplyRequest,
              io.brickwork.proto.coordinator.v1.ApplyEvent>(
                service, METHODID_APPLY)))
        .addMethod(
          getListNodesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.brickwork.proto.coordinator.v1.ListNodesRequest,
              io.brickwork.proto.coordinator.v1.ListNodesResponse>(
                service, METHODID_LIST_NODES)))
        .addMethod(
          getGetStatusMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.brickwork.proto.coordinator.v1.GetStatusRequest,
              io.brickwork.proto.coordinator.v1.GetStatusResponse>(
                service, METHODID_GET_STATUS)))
        .addMethod(
          getVerifyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.brickwork.proto.coordinator.v1.VerifyRequest,
              io.brickwork.proto.coordinator.v1.VerifyResponse>(
                service, METHODID_VERIFY)))
        .build();
  }

  private static abstract class CoordinatorBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    CoordinatorBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.brickwork.proto.coordinator.v1.CoordinatorProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Coordinator");
    }
  }

  private static final class CoordinatorFileDescriptorSupplier
      extends CoordinatorBaseDescriptorSupplier {
    CoordinatorFileDescriptorSupplier() {}
  }

  private static final class CoordinatorMethodDescriptorSupplier
      extends CoordinatorBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    CoordinatorMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (CoordinatorGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new CoordinatorFileDescriptorSupplier())
              .addMethod(getPlanMethod())
              .addMethod(getApplyMethod())
              .addMethod(getListNodesMethod())
              .addMethod(getGetStatusMethod())
              .addMethod(getVerifyMethod())
              .build();
        }
      }
    }
    return result;
  }
}
