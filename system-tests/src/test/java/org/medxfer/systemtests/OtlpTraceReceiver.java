package org.medxfer.systemtests;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/gRPC trace collector in the test: the services export their spans to it as to any
 * collector (the Quarkus default protocol), and the test reads them back.
 *
 * <p>The OTLP messages are read by field number with protobuf's {@link UnknownFieldSet}, because
 * the generated OTLP classes are not among the project's dependencies; only the few fields a test
 * needs are decoded. Field numbers are those of {@code opentelemetry/proto/trace/v1/trace.proto},
 * {@code resource/v1/resource.proto} and {@code common/v1/common.proto}.
 */
final class OtlpTraceReceiver implements AutoCloseable {

  /** One received span. Ids are lower-case hex; the parent is "" for a root span. */
  record ReceivedSpan(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      Kind kind,
      Map<String, String> attributes) {}

  /** {@code opentelemetry.proto.trace.v1.Span.SpanKind}, in field order. */
  enum Kind {
    UNSPECIFIED,
    INTERNAL,
    SERVER,
    CLIENT,
    PRODUCER,
    CONSUMER;

    static Kind of(long number) {
      return number >= 0 && number < values().length ? values()[(int) number] : UNSPECIFIED;
    }
  }

  private static final String SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

  // ExportTraceServiceRequest.resource_spans
  private static final int REQUEST_RESOURCE_SPANS = 1;
  // ResourceSpans.resource, ResourceSpans.scope_spans
  private static final int RESOURCE_SPANS_RESOURCE = 1;
  private static final int RESOURCE_SPANS_SCOPE_SPANS = 2;
  // Resource.attributes
  private static final int RESOURCE_ATTRIBUTES = 1;
  // ScopeSpans.spans
  private static final int SCOPE_SPANS_SPANS = 2;
  // Span fields
  private static final int SPAN_TRACE_ID = 1;
  private static final int SPAN_SPAN_ID = 2;
  private static final int SPAN_PARENT_SPAN_ID = 4;
  private static final int SPAN_NAME = 5;
  private static final int SPAN_KIND = 6;
  private static final int SPAN_ATTRIBUTES = 9;
  // KeyValue.key, KeyValue.value; AnyValue.string_value, AnyValue.int_value
  private static final int KEY_VALUE_KEY = 1;
  private static final int KEY_VALUE_VALUE = 2;
  private static final int ANY_VALUE_STRING = 1;
  private static final int ANY_VALUE_INT = 3;

  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final Server server;

  private OtlpTraceReceiver(Server server) {
    this.server = server;
  }

  /** Listens on a free loopback port. */
  static OtlpTraceReceiver start() {
    OtlpTraceReceiver[] self = new OtlpTraceReceiver[1];
    MethodDescriptor<byte[], byte[]> export =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Export"))
            .setRequestMarshaller(RawBytes.INSTANCE)
            .setResponseMarshaller(RawBytes.INSTANCE)
            .build();
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(
                export,
                ServerCalls.asyncUnaryCall(
                    (request, response) -> {
                      self[0].accept(request);
                      // An empty ExportTraceServiceResponse: everything was accepted.
                      response.onNext(new byte[0]);
                      response.onCompleted();
                    }))
            .build();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .maxInboundMessageSize(64 * 1024 * 1024)
            .build();
    self[0] = new OtlpTraceReceiver(server);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the OTLP receiver", e);
    }
    return self[0];
  }

  /** The endpoint to give an exporter, {@code http://127.0.0.1:<port>}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Every span received so far. */
  List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept(byte[] request) {
    try {
      spans.addAll(decode(request));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not an ExportTraceServiceRequest", e);
    }
  }

  /** The spans of one {@code ExportTraceServiceRequest}. */
  static List<ReceivedSpan> decode(byte[] request) throws InvalidProtocolBufferException {
    List<ReceivedSpan> decoded = new java.util.ArrayList<>();
    for (ByteString resourceSpans :
        messages(UnknownFieldSet.parseFrom(request), REQUEST_RESOURCE_SPANS)) {
      UnknownFieldSet rs = UnknownFieldSet.parseFrom(resourceSpans);
      Map<String, String> resource = new LinkedHashMap<>();
      for (ByteString r : messages(rs, RESOURCE_SPANS_RESOURCE)) {
        resource.putAll(attributes(UnknownFieldSet.parseFrom(r), RESOURCE_ATTRIBUTES));
      }
      String service = resource.getOrDefault("service.name", "");
      for (ByteString scopeSpans : messages(rs, RESOURCE_SPANS_SCOPE_SPANS)) {
        for (ByteString span : messages(UnknownFieldSet.parseFrom(scopeSpans), SCOPE_SPANS_SPANS)) {
          UnknownFieldSet s = UnknownFieldSet.parseFrom(span);
          decoded.add(
              new ReceivedSpan(
                  service,
                  hex(s, SPAN_TRACE_ID),
                  hex(s, SPAN_SPAN_ID),
                  hex(s, SPAN_PARENT_SPAN_ID),
                  string(s, SPAN_NAME),
                  Kind.of(s.hasField(SPAN_KIND) ? last(s.getField(SPAN_KIND).getVarintList()) : 0),
                  attributes(s, SPAN_ATTRIBUTES)));
        }
      }
    }
    return decoded;
  }

  private static List<ByteString> messages(UnknownFieldSet fields, int number) {
    return fields.hasField(number) ? fields.getField(number).getLengthDelimitedList() : List.of();
  }

  private static String hex(UnknownFieldSet fields, int number) {
    List<ByteString> values = messages(fields, number);
    return values.isEmpty()
        ? ""
        : HexFormat.of().formatHex(values.get(values.size() - 1).toByteArray());
  }

  private static String string(UnknownFieldSet fields, int number) {
    List<ByteString> values = messages(fields, number);
    return values.isEmpty() ? "" : values.get(values.size() - 1).toStringUtf8();
  }

  /** String and integer attributes; other value kinds are left out. */
  private static Map<String, String> attributes(UnknownFieldSet fields, int number)
      throws InvalidProtocolBufferException {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (ByteString keyValue : messages(fields, number)) {
      UnknownFieldSet kv = UnknownFieldSet.parseFrom(keyValue);
      String key = string(kv, KEY_VALUE_KEY);
      for (ByteString anyValue : messages(kv, KEY_VALUE_VALUE)) {
        UnknownFieldSet value = UnknownFieldSet.parseFrom(anyValue);
        if (value.hasField(ANY_VALUE_STRING)) {
          attributes.put(key, string(value, ANY_VALUE_STRING));
        } else if (value.hasField(ANY_VALUE_INT)) {
          attributes.put(key, Long.toString(last(value.getField(ANY_VALUE_INT).getVarintList())));
        }
      }
    }
    return attributes;
  }

  private static long last(List<Long> values) {
    return values.isEmpty() ? 0 : values.get(values.size() - 1);
  }

  /** Passes message bytes through unparsed. */
  private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
