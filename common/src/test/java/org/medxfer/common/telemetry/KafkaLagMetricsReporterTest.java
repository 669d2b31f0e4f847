package org.medxfer.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

class KafkaLagMetricsReporterTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final KafkaLagMetricsReporter reporter = new KafkaLagMetricsReporter(registry);

  @Test
  void aPartitionsLagIsAGaugeThatFollowsTheConsumer() {
    AtomicLong lag = new AtomicLong(3);
    reporter.init(
        List.of(
            metric(
                "records-lag",
                Map.of(
                    "client-id",
                    "medxfer-trainer-assignments",
                    "topic",
                    "medxfer.trial-assignments",
                    "partition",
                    "0"),
                lag)));

    var gauge =
        registry
            .get(KafkaLagMetricsReporter.GAUGE)
            .tags("client_id", "medxfer-trainer-assignments", "partition", "0")
            .gauge();
    assertThat(gauge.value()).isEqualTo(3.0);
    lag.set(0);
    assertThat(gauge.value()).isZero();
  }

  @Test
  void theClientWideMaximumIsKeptAndOtherMetricsAreNot() {
    reporter.metricChange(metric("records-lag-max", Map.of("client-id", "c"), new AtomicLong(7)));
    reporter.metricChange(metric("fetch-rate", Map.of("client-id", "c"), new AtomicLong(1)));

    assertThat(registry.getMeters()).hasSize(1);
    assertThat(registry.get(KafkaLagMetricsReporter.GAUGE).tag("client_id", "c").gauge().value())
        .isEqualTo(7.0);
  }

  private static KafkaMetric metric(String name, Map<String, String> tags, AtomicLong value) {
    return new KafkaMetric(
        new Object(),
        new MetricName(name, "consumer-fetch-manager-metrics", "", tags),
        (Gauge<Long>) (config, now) -> value.get(),
        new MetricConfig(),
        Time.SYSTEM);
  }
}
