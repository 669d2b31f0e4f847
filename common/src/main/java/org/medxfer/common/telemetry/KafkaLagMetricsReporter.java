package org.medxfer.common.telemetry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * Publishes a consumer's lag, the number of records waiting behind its position, as the gauge
 * {@code medxfer_kafka_consumer_lag_records} ({@code client_id}, and {@code topic} and {@code
 * partition} per partition; the client-wide maximum has neither). For trainers this is the number
 * of trials waiting, the figure KEDA scales on. Kafka hands every client metric to this reporter
 * (configured by {@code metric.reporters}); only lag is kept.
 */
public class KafkaLagMetricsReporter implements MetricsReporter {

  static final String GAUGE = "medxfer.kafka.consumer.lag.records";

  private final MeterRegistry registry;

  public KafkaLagMetricsReporter() {
    this(Metrics.globalRegistry);
  }

  KafkaLagMetricsReporter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void init(List<KafkaMetric> metrics) {
    metrics.forEach(this::metricChange);
  }

  @Override
  public void metricChange(KafkaMetric metric) {
    String name = metric.metricName().name();
    if (!"consumer-fetch-manager-metrics".equals(metric.metricName().group())
        || !("records-lag".equals(name) || "records-lag-max".equals(name))) {
      return;
    }
    Map<String, String> tags = metric.metricName().tags();
    Tags meterTags = Tags.of("client_id", tags.getOrDefault("client-id", ""));
    if (tags.containsKey("partition")) {
      meterTags =
          meterTags
              .and("topic", tags.getOrDefault("topic", ""))
              .and("partition", tags.get("partition"));
    } else if ("records-lag".equals(name)) {
      return;
    }
    Gauge.builder(GAUGE, metric, KafkaLagMetricsReporter::valueOf)
        .tags(meterTags)
        .strongReference(true)
        .register(registry);
  }

  static double valueOf(KafkaMetric metric) {
    Object value = metric.metricValue();
    return value instanceof Number number && !Double.isNaN(number.doubleValue())
        ? number.doubleValue()
        : 0;
  }

  @Override
  public void metricRemoval(KafkaMetric metric) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
