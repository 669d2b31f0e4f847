package org.medxfer.common.telemetry;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries the W3C trace context ({@code traceparent}, {@code tracestate}) in Kafka record headers,
 * so a trial's trace goes from the gateway's request through Kafka to the trainer and the
 * evaluator.
 */
public final class KafkaTraceHeaders {

  private static final TextMapPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

  private static final TextMapSetter<Headers> SETTER =
      (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
      };

  private static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          List<String> keys = new ArrayList<>();
          for (Header header : headers) {
            keys.add(header.key());
          }
          return keys;
        }

        @Override
        public String get(Headers headers, String key) {
          Header header = headers == null ? null : headers.lastHeader(key);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  private KafkaTraceHeaders() {}

  /** Writes the context's span (if any) into the headers. */
  public static void inject(Context context, Headers headers) {
    PROPAGATOR.inject(context, headers, SETTER);
  }

  /** The context a record was sent in, as the parent of the consumer's work. */
  public static Context extract(Headers headers) {
    return PROPAGATOR.extract(Context.root(), headers, GETTER);
  }
}
