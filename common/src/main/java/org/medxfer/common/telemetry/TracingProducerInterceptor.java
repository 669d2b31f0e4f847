package org.medxfer.common.telemetry;

import io.opentelemetry.context.Context;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Adds the sending thread's trace context to every record. Kafka calls it on the thread that calls
 * {@code send}, where the caller's span is current; with no span (tracing off) nothing is added.
 */
public class TracingProducerInterceptor implements ProducerInterceptor<Object, Object> {

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    KafkaTraceHeaders.inject(Context.current(), record.headers());
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
