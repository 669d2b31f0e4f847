package org.medxfer.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medxfer.localstack.Component;
import org.medxfer.proto.study.v1.Trial;
import org.medxfer.proto.study.v1.TrialState;
import org.medxfer.systemtests.OtlpTraceReceiver.ReceivedSpan;

/**
 * One trial's OpenTelemetry trace, as a collector receives it from the running services: it starts
 * at the gateway's CreateStudy call, crosses Kafka to the trainer that trains the trial, and
 * crosses Kafka again to the evaluator that records its result.
 */
@Timeout(600)
@ExtendWith(SystemStackExtension.class)
class TraceIT {

  /** The span attribute naming the trial ({@code common/.../telemetry/TrialScope}). */
  private static final String TRIAL_ATTRIBUTE = "medxfer.trial";

  // The exporters flush every 200 ms; a slow machine may take a few seconds more.
  private static final long SPAN_WAIT_NANOS = 60_000_000_000L;

  private static SystemStack system;

  @BeforeAll
  static void useTheSharedStack(SystemStack shared) {
    system = shared;
  }

  @Test
  void oneTraceFollowsATrialFromTheGatewayThroughKafkaToTrainerAndEvaluator() {
    Trial trial = system.tinyTrial();
    assertThat(trial.getState()).isEqualTo(TrialState.TRIAL_STATE_SUCCEEDED);
    // The evaluator's last span of the trial ends once it has stored the trial's metrics.
    system.awaitMetrics(trial.getName());
    Predicate<ReceivedSpan> ofTrial =
        span -> trial.getName().equals(span.attributes().get(TRIAL_ATTRIBUTE));

    List<ReceivedSpan> spans =
        awaitSpans(
            received ->
                received.stream().anyMatch(ofTrial.and(from(Component.TRAINER_SERVICE)))
                    && received.stream().anyMatch(ofTrial.and(from(Component.EVALUATOR_SERVICE))),
            ofTrial);
    System.out.println("[trace] spans received, by service: " + countByService(spans));

    ReceivedSpan training =
        spans.stream()
            .filter(ofTrial.and(from(Component.TRAINER_SERVICE)))
            .filter(span -> span.name().equals("train trial"))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the trainer exported no 'train trial' span of " + trial.getName()));
    String traceId = training.traceId();
    List<ReceivedSpan> trace =
        spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    System.out.println(
        "[trace] trace " + traceId + " of " + trial.getName() + ": " + countByService(trace));
    trace.forEach(
        span ->
            System.out.printf(
                "[trace]   %s %s %s span=%s parent=%s%n",
                span.service(), span.kind(), span.name(), span.spanId(), span.parentSpanId()));
    List<ReceivedSpan> evaluatorSpansOfTrial =
        spans.stream().filter(ofTrial.and(from(Component.EVALUATOR_SERVICE))).toList();
    System.out.println("[trace] evaluator spans of the trial: " + evaluatorSpansOfTrial.size());
    evaluatorSpansOfTrial.forEach(
        span ->
            System.out.printf(
                "[trace] evaluator span of the trial: trace=%s parent=%s%n",
                span.traceId(), span.parentSpanId()));

    // Hop 1: gateway -> medxfer.trial-assignments -> trainer. The assignment is sent inside the
    // gateway's CreateStudy call, so the training span's parent is one of the gateway's spans.
    assertThat(trace)
        .as("the gateway's CreateStudy call is in the trial's trace %s", traceId)
        .anyMatch(
            from(Component.GATEWAY).and(span -> span.name().endsWith("StudyService/CreateStudy")));
    assertThat(spanIds(trace, Component.GATEWAY))
        .as(
            "hop gateway -> Kafka -> trainer: the parent (%s) of the trainer's span is a gateway span",
            training.parentSpanId().isEmpty() ? "none: a new trace" : training.parentSpanId())
        .contains(training.parentSpanId());

    // Hop 2: trainer -> medxfer.trial-events -> evaluator. Each event is sent while the training
    // span is current, so every evaluator span of the trial is its child.
    assertThat(evaluatorSpansOfTrial)
        .as(
            "hop trainer -> Kafka -> evaluator: the evaluator's spans of the trial are children of"
                + " trainer spans in trace %s",
            traceId)
        .isNotEmpty()
        .allMatch(span -> span.traceId().equals(traceId))
        .allMatch(span -> spanIds(trace, Component.TRAINER_SERVICE).contains(span.parentSpanId()));

    assertThat(countByService(trace).keySet())
        .as("services with spans in trace %s", traceId)
        .contains(
            serviceName(Component.GATEWAY),
            serviceName(Component.TRAINER_SERVICE),
            serviceName(Component.EVALUATOR_SERVICE));
  }

  /**
   * The OpenTelemetry {@code service.name} of a service: Quarkus takes it from {@code
   * quarkus.application.name}, which defaults to the module's artifact id.
   */
  static String serviceName(Component service) {
    return "medxfer-" + service.id();
  }

  private static Predicate<ReceivedSpan> from(Component service) {
    return span -> span.service().equals(serviceName(service));
  }

  private static Set<String> spanIds(List<ReceivedSpan> spans, Component service) {
    return spans.stream()
        .filter(from(service))
        .map(ReceivedSpan::spanId)
        .collect(Collectors.toSet());
  }

  private static Map<String, Long> countByService(List<ReceivedSpan> spans) {
    return spans.stream()
        .collect(Collectors.groupingBy(ReceivedSpan::service, TreeMap::new, Collectors.counting()));
  }

  /**
   * The spans received once {@code done} holds for them and no new span of {@code relevant} has
   * come for two seconds (ten flush intervals), so the spans that end last arrive too; or those
   * received by the deadline.
   */
  private static List<ReceivedSpan> awaitSpans(
      Predicate<List<ReceivedSpan>> done, Predicate<ReceivedSpan> relevant) {
    long deadline = System.nanoTime() + SPAN_WAIT_NANOS;
    long seen = -1;
    long quietSince = System.nanoTime();
    while (true) {
      List<ReceivedSpan> spans = system.traces().spans();
      long count = spans.stream().filter(relevant).count();
      if (count != seen) {
        seen = count;
        quietSince = System.nanoTime();
      }
      boolean quiet = System.nanoTime() - quietSince > 2_000_000_000L;
      if ((done.test(spans) && quiet) || System.nanoTime() > deadline) {
        return spans;
      }
      sleep(250);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
