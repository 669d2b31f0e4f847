package org.medxfer.common.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;

/**
 * The work a Kafka record starts (training a trial, recording its result) as a span that continues
 * the sender's trace, with the study and trial ids in the logging MDC (keys {@value #STUDY_ID} and
 * {@value #TRIAL_ID}; JSON logs carry them).
 */
public final class TrialScope {

  /** MDC key of the study id ({@code studies/{study}}). */
  public static final String STUDY_ID = "studyId";

  /** MDC key of the trial id ({@code studies/{study}/trials/{trial}}). */
  public static final String TRIAL_ID = "trialId";

  private TrialScope() {}

  /** Runs the work inside a consumer span whose parent is the record's trace context. */
  public static <T> T call(
      Tracer tracer, String spanName, Headers headers, String trial, Supplier<T> work) {
    Span span =
        tracer
            .spanBuilder(spanName)
            .setParent(KafkaTraceHeaders.extract(headers))
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("medxfer.trial", trial)
            .startSpan();
    String study = studyOf(trial);
    try (Scope scope = span.makeCurrent();
        MDC.MDCCloseable s = MDC.putCloseable(STUDY_ID, study);
        MDC.MDCCloseable t = MDC.putCloseable(TRIAL_ID, trial)) {
      return work.get();
    } catch (RuntimeException | Error e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
    }
  }

  /** {@code studies/s/trials/t} -> {@code studies/s}; anything else unchanged. */
  static String studyOf(String trial) {
    int cut = trial == null ? -1 : trial.indexOf("/trials/");
    return cut < 0 ? String.valueOf(trial) : trial.substring(0, cut);
  }
}
