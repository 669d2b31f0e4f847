package org.medxfer.trainer.infra.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.medxfer.common.kafka.Topics;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.common.telemetry.TrialScope;
import org.medxfer.proto.trial.v1.DataLocation;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.trainer.api.TrialAssignmentMapper;
import org.medxfer.trainer.app.RunTrial;
import org.medxfer.trainer.config.TrainerConfig;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.domain.TrialRun;
import org.medxfer.trainer.infra.objectstore.ObjectStorePredictionStore;
import org.medxfer.trainer.infra.objectstore.ObjectStoreTrialCheckpoints;
import org.medxfer.trainer.infra.objectstore.ShardImageSource;
import org.medxfer.trainer.infra.tf.WeightRegistry;

/**
 * Takes trials from {@link Topics#TRIAL_ASSIGNMENTS}, one at a time, without losing its partitions
 * while a trial trains for minutes or hours.
 *
 * <p>The pattern (see the module README): one thread owns the consumer and never stops polling. A
 * record is handed to a single worker thread and every assigned partition is paused, so the polls
 * that follow return nothing but keep the consumer in its group ({@code max.poll.interval.ms}
 * counts between polls, not per trial). When the worker has published the trial's terminal event,
 * the poll thread commits the record's offset and resumes. A trial whose partition is revoked or
 * lost is cancelled without a terminal event and without a commit, so the new owner trains it
 * again. An attempt the gateway cancelled ({@link TrialCancellations}: its study was cancelled or
 * it timed out) is stopped within a poll, or skipped when it arrives, and its offset committed: no
 * trainer runs it again.
 */
@ApplicationScoped
public class TrialAssignmentConsumer {

  private static final System.Logger LOG =
      System.getLogger(TrialAssignmentConsumer.class.getName());

  /** Wait before a trial whose terminal event could not be published is taken again. */
  static final Duration RETRY_BACKOFF = Duration.ofSeconds(10);

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  private final KafkaClients clients;
  private final TrainerConfig config;
  private final TrialEventPublisher publisher;
  private final ObjectStore objectStore;
  private final RunTrial runTrial;
  private final TrialAssignmentMapper mapper;
  private final TrialCancellations cancellations;
  private final Tracer tracer;
  private final AtomicLong finishedTrials = new AtomicLong();

  private volatile boolean running;
  private volatile Thread pollThread;
  private volatile InFlight inFlight;
  private ExecutorService worker;

  /** The trial being trained: where its record came from and how to stop it. */
  private record InFlight(
      TopicPartition partition,
      long offset,
      String trial,
      int attempt,
      KafkaTrialEvents events,
      Future<Boolean> outcome) {}

  public TrialAssignmentConsumer(
      KafkaClients clients,
      TrainerConfig config,
      TrialEventPublisher publisher,
      ObjectStore objectStore,
      RunTrial runTrial,
      WeightRegistry registry,
      TrialCancellations cancellations,
      Tracer tracer) {
    this.cancellations = cancellations;
    this.clients = clients;
    this.tracer = tracer;
    this.config = config;
    this.publisher = publisher;
    this.objectStore = objectStore;
    this.runTrial = runTrial;
    this.mapper =
        new TrialAssignmentMapper(
            (architecture, name) ->
                registry
                    .forArchitecture(architecture)
                    .map(weights -> weights.name().equals(name))
                    .orElse(false));
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.consumer().enabled()) {
      LOG.log(System.Logger.Level.INFO, "assignment consumer disabled");
      return;
    }
    // Build the event producer now, so a misconfigured trainer fails at start, not at its first
    // trial.
    LOG.log(System.Logger.Level.INFO, "trainer " + publisher.trainerId() + " taking trials");
    running = true;
    // Training blocks for minutes: it gets its own platform thread, never an event-loop thread.
    worker =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "trainer-worker");
              thread.setDaemon(true);
              return thread;
            });
    Thread thread = new Thread(this::pollLoop, "trial-assignment-poller");
    thread.setDaemon(true);
    pollThread = thread;
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    Thread thread = pollThread;
    if (thread == null) {
      return;
    }
    try {
      thread.join(SHUTDOWN_GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.shutdownNow();
  }

  /** Whether the poll thread is alive (or the consumer is disabled): the readiness signal. */
  public boolean healthy() {
    Thread thread = pollThread;
    return !config.consumer().enabled() || (thread != null && thread.isAlive());
  }

  /** The trial in training, if any. */
  public Optional<String> currentTrial() {
    InFlight current = inFlight;
    return current == null ? Optional.empty() : Optional.of(current.trial());
  }

  /** Trials whose offsets this trainer committed since it started. */
  public long finishedTrials() {
    return finishedTrials.get();
  }

  private void pollLoop() {
    Instant resumeAt = Instant.MIN;
    try (KafkaConsumer<String, byte[]> consumer = clients.newAssignmentConsumer()) {
      consumer.subscribe(List.of(Topics.TRIAL_ASSIGNMENTS), new Rebalance(consumer));
      while (running) {
        ConsumerRecords<String, byte[]> records;
        try {
          records = consumer.poll(config.consumer().pollTimeout());
        } catch (WakeupException e) {
          continue;
        }
        for (ConsumerRecord<String, byte[]> record : records) {
          if (inFlight != null) {
            // Fetched before the pause took effect: rewind, it comes again after this trial.
            consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
            continue;
          }
          try {
            start(consumer, record);
          } catch (RuntimeException e) {
            // The trial never started, so nothing was published: take it again after a pause.
            LOG.log(System.Logger.Level.ERROR, "cannot start a trial; retrying later", e);
            consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
            consumer.pause(consumer.assignment());
            resumeAt = Instant.now().plus(RETRY_BACKOFF);
          }
        }
        InFlight current = inFlight;
        if (current != null
            && !current.outcome().isDone()
            && cancellations.isCancelled(current.trial(), current.attempt())) {
          // The gateway ended this attempt: stop it and never run it again.
          cancel(current, "cancelled by the gateway");
          commit(consumer, current.partition(), current.offset());
          current = null;
        }
        if (current != null && current.outcome().isDone()) {
          resumeAt = finish(consumer, current);
        }
        if (inFlight == null && Instant.now().isAfter(resumeAt)) {
          consumer.resume(consumer.paused());
        }
      }
      InFlight current = inFlight;
      if (current != null) {
        // Shutdown: stop training and leave the group without committing, so another trainer
        // takes the trial over.
        cancel(current, "trainer shutting down");
      }
    } catch (RuntimeException e) {
      // Readiness turns DOWN with the thread, so an orchestrator restarts this trainer.
      LOG.log(System.Logger.Level.ERROR, "assignment consumer stopped", e);
    }
  }

  private void start(
      KafkaConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    TrialAssignment assignment;
    try {
      assignment = TrialAssignment.parseFrom(record.value());
    } catch (InvalidProtocolBufferException | NullPointerException e) {
      // Not a trial: nobody to tell. Skip it so it cannot block the partition forever.
      LOG.log(
          System.Logger.Level.ERROR,
          "skipping " + partition + "@" + record.offset() + ": not a TrialAssignment",
          e);
      commit(consumer, partition, record.offset());
      return;
    }
    if (cancellations.isCancelled(assignment.getTrial(), assignment.getAttempt())) {
      LOG.log(
          System.Logger.Level.INFO,
          "skipping "
              + assignment.getTrial()
              + " attempt "
              + assignment.getAttempt()
              + ": cancelled");
      commit(consumer, partition, record.offset());
      return;
    }
    KafkaTrialEvents events = publisher.forAssignment(assignment);
    consumer.pause(consumer.assignment());
    // The training span continues the gateway's trace; logs carry the study and trial ids.
    Future<Boolean> outcome =
        worker.submit(
            () ->
                TrialScope.call(
                    tracer,
                    "train trial",
                    record.headers(),
                    assignment.getTrial(),
                    () -> train(assignment, events)));
    inFlight =
        new InFlight(
            partition,
            record.offset(),
            assignment.getTrial(),
            assignment.getAttempt(),
            events,
            outcome);
    LOG.log(
        System.Logger.Level.INFO,
        "training "
            + assignment.getTrial()
            + " attempt "
            + assignment.getAttempt()
            + " from "
            + partition
            + "@"
            + record.offset());
  }

  /** Runs on the worker thread. @return whether the terminal event was published */
  private boolean train(TrialAssignment assignment, KafkaTrialEvents events) {
    TrialRun run;
    try {
      run = mapper.toTrialRun(assignment);
    } catch (TrialFailedException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "rejecting " + assignment.getTrial() + ": " + e.reason() + ": " + e.getMessage());
      try {
        events.failed(e.reason(), e.getMessage());
        return true;
      } catch (RuntimeException publishFailure) {
        LOG.log(System.Logger.Level.ERROR, "cannot publish FAILED", publishFailure);
        return false;
      }
    }
    DataLocation data = assignment.getData();
    return runTrial.run(
        run,
        new ShardImageSource(
            objectStore, data.getTrainShardKey(), data.getValShardKey(), data.getTestShardKey()),
        events,
        new ObjectStorePredictionStore(
            objectStore,
            assignment.getOutputPrefix(),
            assignment.getTrial(),
            assignment.getAttempt(),
            data.getTaskType()),
        new ObjectStoreTrialCheckpoints(
            objectStore, checkpointPrefix(assignment), assignment.getTrial()));
  }

  /**
   * The gateway gives every attempt of a trial the same checkpoint prefix, so a retried attempt
   * (after a lost trainer or a timeout) resumes where the previous one stopped; assignments without
   * one keep their checkpoint under the attempt's own outputs.
   */
  private static String checkpointPrefix(TrialAssignment assignment) {
    return assignment.getCheckpointPrefix().isEmpty()
        ? assignment.getOutputPrefix() + "checkpoint/"
        : assignment.getCheckpointPrefix();
  }

  /** Commits or rewinds a finished trial. @return when partitions may resume */
  private Instant finish(KafkaConsumer<String, byte[]> consumer, InFlight current) {
    inFlight = null;
    boolean published;
    try {
      published = current.outcome().get();
    } catch (CancellationException e) {
      return Instant.MIN;
    } catch (ExecutionException e) {
      LOG.log(System.Logger.Level.ERROR, "trial " + current.trial() + " crashed", e.getCause());
      published = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Instant.MIN;
    }
    if (published) {
      if (commit(consumer, current.partition(), current.offset())) {
        finishedTrials.incrementAndGet();
      }
      return Instant.MIN;
    }
    // The outcome is not on record: train the trial again, after a pause in case Kafka is down.
    LOG.log(
        System.Logger.Level.WARNING,
        "no terminal event for "
            + current.trial()
            + "; it will be trained again in "
            + RETRY_BACKOFF.toSeconds()
            + " s");
    if (consumer.assignment().contains(current.partition())) {
      consumer.seek(current.partition(), current.offset());
    }
    return Instant.now().plus(RETRY_BACKOFF);
  }

  private static boolean commit(
      KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long offset) {
    try {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset + 1)));
      return true;
    } catch (KafkaException e) {
      // Typically the partition moved during the trial: its new owner will train it again.
      LOG.log(
          System.Logger.Level.WARNING,
          "offset " + offset + " of " + partition + " not committed; the trial may run again",
          e);
      return false;
    }
  }

  private void cancel(InFlight current, String why) {
    LOG.log(System.Logger.Level.INFO, "cancelling " + current.trial() + ": " + why);
    current.events().cancel();
    current.outcome().cancel(true);
    inFlight = null;
  }

  /** Keeps the pause and the in-flight trial consistent with the partitions this member owns. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final KafkaConsumer<String, byte[]> consumer;

    Rebalance(KafkaConsumer<String, byte[]> consumer) {
      this.consumer = consumer;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      InFlight current = inFlight;
      if (current != null && partitions.contains(current.partition())) {
        cancel(current, current.partition() + " was revoked");
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // New partitions arrive unpaused; while a trial trains they must wait like the others.
      if (inFlight != null) {
        consumer.pause(partitions);
      }
    }
  }
}
