package org.medxfer.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.medxfer.cli.client.DatasetUploader;
import org.medxfer.cli.client.Endpoint;
import org.medxfer.cli.client.KnownDatasets;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.client.StudyRunner;
import org.medxfer.common.grpc.BearerTokenAttacher;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.common.objectstore.ObjectStoreSettings;
import org.medxfer.localstack.Component;
import org.medxfer.localstack.LocalStack;
import org.medxfer.localstack.RunningStack;
import org.medxfer.localstack.StackOptions;
import org.medxfer.localstack.StackPorts;
import org.medxfer.proto.dataset.v1.DatasetFormat;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.evaluation.v1.GetTrialMetricsRequest;
import org.medxfer.proto.evaluation.v1.TrialMetrics;
import org.medxfer.proto.study.v1.CreateStudyRequest;
import org.medxfer.proto.study.v1.ListTrialsRequest;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.Trial;

/**
 * The one local stack every system test of a run shares (a start costs about a minute): all four
 * services with their OpenTelemetry SDK on, exporting to an {@link OtlpTraceReceiver} in the test,
 * and BreastMNIST imported. {@link SystemStackExtension} starts it once and closes it after the
 * last test class.
 *
 * <p>How a test reaches the services is decided here and nowhere else ({@link #clients()}, {@link
 * #gatewayChannel(String)}, {@link #issueToken(String, String)}): through the gateway, medxfer's
 * one public entry point, with a token the stack minted.
 */
final class SystemStack implements AutoCloseable {

  // A port range of its own, so the tests can run beside a developer's `./medxfer up`.
  private static final int PORT_BASE = 28080;

  /** The data set every test may use; imported at start. */
  static final String DATASET = "breastmnist";

  /**
   * Environment variables whose values are secrets: the stack hands a service its secrets in the
   * environment ({@code ServiceLaunch#environment}), public keys included there too.
   */
  private static final Pattern SECRET_VARIABLE =
      Pattern.compile(".*(SECRET|PASSWORD|PRIVATE|TOKEN).*");

  private final Path home;
  private final OtlpTraceReceiver traces;
  private final RunningStack stack;
  private final MedxferClients clients;
  private final Map<String, String> launchSecrets;
  private final List<String> progress;
  private Trial tinyTrial;

  private SystemStack(
      Path home,
      OtlpTraceReceiver traces,
      RunningStack stack,
      Map<String, String> launchSecrets,
      List<String> progress) {
    this.home = home;
    this.progress = progress;
    this.traces = traces;
    this.stack = stack;
    this.launchSecrets = launchSecrets;
    this.clients = userClients();
  }

  static SystemStack start() {
    Path home = Path.of(System.getProperty("medxfer.home", "..")).toAbsolutePath().normalize();
    Path stateDir = home.resolve("system-tests/target/stack");
    startFromNothing(stateDir);
    OtlpTraceReceiver traces = OtlpTraceReceiver.start();
    Map<String, String> launchSecrets = new ConcurrentHashMap<>();
    List<String> progress = new CopyOnWriteArrayList<>();
    RunningStack stack;
    try {
      stack =
          LocalStack.start(
              StackOptions.builder(home)
                  .stateDir(stateDir)
                  .ports(StackPorts.fromBase(PORT_BASE))
                  .allServices()
                  .customizeService(
                      (service, launch) -> {
                        // Traces on, as the Helm chart runs them, flushed within a second.
                        launch.systemProperty("quarkus.otel.sdk.disabled", "false");
                        launch.systemProperty(
                            "quarkus.otel.exporter.otlp.endpoint", traces.endpoint());
                        launch.systemProperty("quarkus.otel.bsp.schedule.delay", "200ms");
                        launch.environment().entrySet().stream()
                            .filter(e -> SECRET_VARIABLE.matcher(e.getKey()).matches())
                            .filter(e -> !e.getKey().contains("PUBLIC"))
                            .forEach(e -> launchSecrets.put(e.getKey(), e.getValue()));
                      })
                  .progress(
                      line -> {
                        progress.add(line);
                        System.out.println("[stack] " + line);
                      })
                  .build());
    } catch (RuntimeException e) {
      traces.close();
      throw e;
    }
    SystemStack system = new SystemStack(home, traces, stack, Map.copyOf(launchSecrets), progress);
    try {
      system.importBreastMnist();
    } catch (RuntimeException | Error e) {
      system.close();
      throw e;
    }
    return system;
  }

  /**
   * Removes what an earlier run left in the state dir, after stopping its processes should a
   * crashed run have left them: a database migrated by other code (an edited migration fails
   * Flyway's validation), old topics and old logs would make this run fail or read stale data.
   */
  private static void startFromNothing(Path stateDir) {
    LocalStack.stop(stateDir);
    if (!Files.exists(stateDir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(stateDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + stateDir, e);
    }
  }

  /** The stack itself: ports, database and object store credentials, log files. */
  RunningStack stack() {
    return stack;
  }

  /** The spans the services exported so far. */
  OtlpTraceReceiver traces() {
    return traces;
  }

  /** The clients a user of the stack has, as the CLI builds them; shared, closed with the stack. */
  MedxferClients clients() {
    return clients;
  }

  /** A user's clients, as the CLI has them: the gateway, with the stack's token of the user. */
  private MedxferClients userClients() {
    return new MedxferClients(local(Component.GATEWAY), stack.userToken());
  }

  /** A channel to the gateway that sends {@code token} with every call. */
  ManagedChannel gatewayChannel(String token) {
    return channel(Component.GATEWAY, token);
  }

  /** A channel straight to one service's port that sends {@code token} with every call. */
  ManagedChannel channel(Component service, String token) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", stack.servicePort(service))
        .usePlaintext()
        .intercept(new BearerTokenAttacher(token))
        .build();
  }

  /** A channel straight to one service's port that sends no token. */
  ManagedChannel channelWithoutToken(Component service) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", stack.servicePort(service))
        .usePlaintext()
        .build();
  }

  /** A new user token of {@code subject} for {@code project}, signed by the stack's user key. */
  String issueToken(String subject, String project) {
    return stack.issueToken(subject, project);
  }

  /**
   * Values that no log may contain, by what they are: the object store's secret key, the database
   * password and every secret the stack gave a service in its environment (a private key, once
   * there is one).
   */
  Map<String, String> secrets() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("the S3 secret key", stack.s3SecretKey());
    secrets.put("the database password", stack.databasePassword());
    launchSecrets.forEach(
        (variable, value) -> secrets.putIfAbsent("the value of " + variable, value));
    return secrets;
  }

  /** The lines the stack printed while it started, as {@code ./medxfer up} shows them. */
  List<String> progressLines() {
    return List.copyOf(progress);
  }

  /**
   * A one-trial, one-epoch study on BreastMNIST, trained to its end once per stack; later callers
   * get the same trial.
   */
  synchronized Trial tinyTrial() {
    if (tinyTrial == null) {
      Study study =
          createStudy(
              """
              name: tiny-one-epoch
              datasets: [breastmnist]
              architectures: [cnn_small]
              inits: [random]
              resolutions: [28]
              seeds: [3]
              training: {epochs: 1, batch_size: 64, optimizer: adam, lr: 0.001}
              """);
      new StudyRunner(clients, System.out).watch(study.getName());
      tinyTrial =
          clients
              .studies()
              .listTrials(ListTrialsRequest.newBuilder().setParent(study.getName()).build())
              .getTrials(0);
    }
    return tinyTrial;
  }

  /**
   * The trial's metrics, once the evaluator has recorded them (it does so shortly after the
   * trainer).
   */
  TrialMetrics awaitMetrics(String trialName) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        return clients
            .evaluation()
            .getTrialMetrics(
                GetTrialMetricsRequest.newBuilder().setName(trialName + "/metrics").build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  Study createStudy(String studyFile) {
    return clients
        .studies()
        .createStudy(
            CreateStudyRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setStudyFile(studyFile)
                .build());
  }

  Connection database() throws SQLException {
    return DriverManager.getConnection(
        stack.jdbcUrl(), stack.databaseUser(), stack.databasePassword());
  }

  ObjectStore objectStore() {
    return new ObjectStore(
        new ObjectStoreSettings(
            stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey(), stack.bucket()));
  }

  /** The MedMNIST file of a known data set in the repository's {@code data/} folder. */
  Path medmnistFile(String dataset) {
    return home.resolve("data/medmnist/" + dataset + ".npz");
  }

  private void importBreastMnist() {
    KnownDatasets.Known breast = KnownDatasets.find(DATASET).orElseThrow();
    ImportDatasetResponse imported =
        DatasetUploader.upload(
            clients.datasetsAsync(),
            ImportDatasetRequest.newBuilder()
                .setDatasetId(DATASET)
                .setRequestId(UUID.randomUUID().toString())
                .setFormat(DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ)
                .setDisplayName(breast.displayName())
                .setCard(breast.card())
                .build(),
            medmnistFile(DATASET));
    assertThat(imported.getVersion().getSplitsList()).hasSize(3);
  }

  private Endpoint local(Component service) {
    return new Endpoint("127.0.0.1", stack.servicePort(service));
  }

  @Override
  public void close() {
    try {
      if (clients != null) {
        clients.close();
      }
    } finally {
      try {
        stack.close();
      } finally {
        traces.close();
      }
    }
  }
}
