package org.medxfer.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the gateway's own behaviour ({@code medxfer.gateway.*}). */
@ConfigMapping(prefix = "medxfer.gateway")
public interface GatewayConfig {

  /** Publishing trial assignments. */
  Dispatch dispatch();

  /** Following trainers' events. */
  Events events();

  /** WatchStudy streams. */
  Watch watch();

  /** Calls to dataset-service. */
  Datasets datasets();

  /** Calls to evaluator-service. */
  Evaluation evaluation();

  /** Publishing trial assignments. */
  interface Dispatch {

    /** dispatch.publish-timeout: how long a create waits for Kafka to acknowledge assignments. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** dispatch.retry-interval: how often the background dispatcher looks for missed trials. */
    @WithDefault("5s")
    Duration retryInterval();

    /**
     * dispatch.retry-after: how old an undispatched trial must be before the background dispatcher
     * publishes it, so that it leaves a create the time to publish its own trials first.
     */
    @WithDefault("30s")
    Duration retryAfter();

    /** dispatch.retry-batch-size: the most trials one background round publishes. */
    @WithDefault("500")
    int retryBatchSize();
  }

  /** Following trainers' events. */
  interface Events {

    /** events.group-id: the Kafka consumer group of the trial-events consumer. */
    @WithDefault("medxfer-gateway")
    String groupId();

    /** events.retry-backoff: the pause before an event is retried when the database is down. */
    @WithDefault("2s")
    Duration retryBackoff();
  }

  /** WatchStudy streams. */
  interface Watch {

    /** watch.poll-interval: how often a watch looks for changes. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** watch.threads: threads shared by all watches for their polls. */
    @WithDefault("2")
    int threads();
  }

  /** Calls to dataset-service. */
  interface Datasets {

    /**
     * datasets.deadline: the deadline of one call that looks something up (the gateway's own
     * version lookups, and GetDataset, ListDatasets, GetDatasetVersion passed on for users).
     */
    @WithDefault("10s")
    Duration deadline();

    /**
     * datasets.import-deadline: the deadline of a call that reads or writes images (ImportDataset,
     * UploadDataset, GetResolutionVariant passed on for users); an import of a large file answers
     * only when its shards are stored.
     */
    @WithDefault("30m")
    Duration importDeadline();
  }

  /** Calls to evaluator-service. */
  interface Evaluation {

    /**
     * evaluation.deadline: the deadline of one call passed on for a user; a report of a large study
     * bootstraps every comparison, which takes seconds, not milliseconds.
     */
    @WithDefault("2m")
    Duration deadline();
  }
}
