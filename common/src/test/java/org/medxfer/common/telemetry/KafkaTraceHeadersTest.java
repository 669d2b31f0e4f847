package org.medxfer.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class KafkaTraceHeadersTest {

  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  static final String SPAN = "b7ad6b7169203331";

  @Test
  void theSendersSpanIsTheConsumersParent() {
    SpanContext sender =
        SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
    RecordHeaders headers = new RecordHeaders();

    KafkaTraceHeaders.inject(Context.root().with(Span.wrap(sender)), headers);
    SpanContext received = Span.fromContext(KafkaTraceHeaders.extract(headers)).getSpanContext();

    assertThat(new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8))
        .isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
    assertThat(received.getTraceId()).isEqualTo(TRACE);
    assertThat(received.getSpanId()).isEqualTo(SPAN);
    assertThat(received.isRemote()).isTrue();
  }

  @Test
  void withoutASpanNothingIsAddedAndNothingIsFound() {
    RecordHeaders headers = new RecordHeaders();

    KafkaTraceHeaders.inject(Context.root(), headers);

    assertThat(headers.toArray()).isEmpty();
    assertThat(Span.fromContext(KafkaTraceHeaders.extract(headers)).getSpanContext().isValid())
        .isFalse();
  }

  @Test
  void theStudyIsTheTrialNamesPrefix() {
    assertThat(TrialScope.studyOf("studies/s1/trials/t7")).isEqualTo("studies/s1");
    assertThat(TrialScope.studyOf("odd")).isEqualTo("odd");
  }
}
