package org.medxfer.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medxfer.common.grpc.BearerTokens;
import org.medxfer.common.grpc.Caller;
import org.medxfer.localstack.fixtures.FakeServiceJars;
import org.medxfer.localstack.fixtures.FreePorts;

/**
 * The service half of a start, against the real infrastructure but with stand-in service jars
 * ({@link org.medxfer.localstack.fixtures.FakeQuarkusApp}): what each service is given, how
 * readiness is judged, and what happens when a service fails. The real services are exercised by
 * system-tests.
 */
class LocalStackServicesIT {
  @TempDir Path tmp;

  private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

  private StackOptions.Builder options(StackPorts ports) throws Exception {
    Path repoHome = tmp.resolve("repo");
    FakeServiceJars.create(repoHome);
    return StackOptions.builder(repoHome)
        .stateDir(tmp.resolve("stack"))
        .ports(ports)
        .allServices()
        .progress(line -> progress.add(line));
  }

  @Test
  void startsEveryServiceWithItsConfigurationAndStopsThemAll() throws Exception {
    StackPorts ports = StackPorts.fromBase(FreePorts.base());
    List<ProcessRecord> recorded = new ArrayList<>();
    try (RunningStack stack = LocalStack.start(options(ports).build())) {
      progress.forEach(System.out::println);
      HttpClient http = HttpClient.newHttpClient();
      for (Component service : Component.services()) {
        int port = ports.of(service);
        assertThat(stack.servicePort(service)).isEqualTo(port);
        assertThat(progress)
            .anyMatch(l -> l.startsWith(service.id() + " ready on 127.0.0.1:" + port + " (HTTP"));
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);

        Properties given = given(stack, service);
        assertThat(given.getProperty("quarkus.http.port")).isEqualTo(Integer.toString(port));
        assertThat(given.getProperty("kafka.bootstrap.servers"))
            .isEqualTo(stack.kafkaBootstrapServers());
        assertThat(given.getProperty("medxfer.object-store.endpoint"))
            .isEqualTo(stack.s3Endpoint());
        assertThat(given.getProperty("env.MEDXFER_OBJECT_STORE_SECRET_KEY"))
            .isEqualTo(stack.s3SecretKey());
        assertThat(given.getProperty("quarkus.grpc.clients.datasets.port"))
            .isEqualTo(Integer.toString(ports.datasetService()));
        if (service != Component.TRAINER_SERVICE) {
          assertThat(given.getProperty("quarkus.datasource.jdbc.url")).isEqualTo(stack.jdbcUrl());
          assertThat(given.getProperty("env.QUARKUS_DATASOURCE_PASSWORD"))
              .isEqualTo(stack.databasePassword());
        }

        ComponentRecord record =
            stack.components().stream().filter(c -> c.kind() == service).findFirst().orElseThrow();
        String commandLine =
            String.join(
                " ", record.process().live().orElseThrow().info().arguments().orElseThrow());
        assertThat(commandLine)
            .contains("-Dquarkus.http.port=" + port)
            .doesNotContain(stack.databasePassword())
            .doesNotContain(stack.s3SecretKey())
            .doesNotContain("medxfer.auth.");
        for (String key :
            List.of(
                "env.MEDXFER_AUTH_PUBLIC_KEY",
                "env.MEDXFER_AUTH_INTERNAL_PRIVATE_KEY",
                "env.MEDXFER_AUTH_INTERNAL_PUBLIC_KEY")) {
          if (given.getProperty(key) != null) {
            assertThat(commandLine).doesNotContain(given.getProperty(key));
          }
        }
      }
      assertServicesShareTheStartsKeys(stack);
      stack
          .components()
          .forEach(
              c -> {
                recorded.add(c.process());
                recorded.addAll(c.helpers());
              });
      assertThat(recorded).hasSize(8).allMatch(ProcessRecord::alive);
    }
    assertThat(recorded).noneMatch(ProcessRecord::alive);
    ports.byRole().forEach((role, port) -> assertThat(FreePorts.isFree(port)).as(role).isTrue());
  }

  @Test
  void aServiceThatDiesIsNamedWithItsLogAndEverythingIsStoppedAgain() throws Exception {
    StackPorts ports = StackPorts.fromBase(FreePorts.base());
    StackOptions options =
        options(ports)
            .customizeService(
                (service, launch) -> {
                  if (service == Component.EVALUATOR_SERVICE) {
                    launch.systemProperty("fake.mode", "exit");
                  }
                })
            .build();

    assertThatThrownBy(() -> LocalStack.start(options))
        .isInstanceOfSatisfying(
            ComponentStartException.class,
            e -> {
              assertThat(e.component()).isEqualTo(Component.EVALUATOR_SERVICE);
              assertThat(e.logFile())
                  .isEqualTo(options.stateDir().resolve("logs/evaluator-service.log"));
              assertThat(e.getMessage())
                  .contains("evaluator-service failed to start: process exited with code 3")
                  .contains("fake failure: configuration rejected");
            });
    progress.forEach(System.out::println);
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
    ports.byRole().forEach((role, port) -> assertThat(FreePorts.isFree(port)).as(role).isTrue());
    assertThat(options.stateDir().resolve("stack.json")).doesNotExist();
  }

  /**
   * The gateway verifies the token in the stack's token file with the key it was given, and signs
   * with the private half of the key the internal services verify with.
   */
  private static void assertServicesShareTheStartsKeys(RunningStack stack) throws Exception {
    Properties gateway = given(stack, Component.GATEWAY);
    PublicKey userKey = BearerTokens.publicKey(gateway.getProperty("env.MEDXFER_AUTH_PUBLIC_KEY"));
    assertThat(userKey).isEqualTo(BearerTokens.publicKey(stack.userPublicKey()));
    Caller caller = BearerTokens.verify(userKey, stack.userToken(), Instant.now());
    assertThat(caller.project()).isEqualTo("default");
    assertThat(
            BearerTokens.verify(userKey, stack.issueToken("bob", "radiology"), Instant.now())
                .project())
        .isEqualTo("radiology");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stack.tokenFile())))
        .isEqualTo("rw-------");
    assertThat(stack.tokenFile()).isEqualTo(LocalStack.tokenFile(stack.stateDir()));

    String signed =
        BearerTokens.issue(
            BearerTokens.privateKey(gateway.getProperty("env.MEDXFER_AUTH_INTERNAL_PRIVATE_KEY")),
            "gateway",
            "default",
            BearerTokens.INTERNAL_AUDIENCE,
            Instant.now().plusSeconds(60));
    for (Component internal :
        List.of(
            Component.DATASET_SERVICE, Component.EVALUATOR_SERVICE, Component.TRAINER_SERVICE)) {
      Properties given = given(stack, internal);
      assertThat(given.getProperty("medxfer.auth.enabled")).as(internal.id()).isNull();
      PublicKey internalKey =
          BearerTokens.publicKey(given.getProperty("env.MEDXFER_AUTH_INTERNAL_PUBLIC_KEY"));
      assertThat(
              BearerTokens.verify(
                      internalKey, signed, Instant.now(), BearerTokens.INTERNAL_AUDIENCE)
                  .subject())
          .isEqualTo("gateway");
    }
    assertThat(gateway.getProperty("medxfer.auth.enabled")).isNull();

    // Status shows where the token is, never the token; the internal key is held in memory only.
    String status = String.join("\n", LocalStack.status(stack.stateDir()).describe());
    assertThat(status).contains(stack.tokenFile().toString()).doesNotContain(stack.userToken());
    assertThat(Files.readString(stack.stateDir().resolve("stack.json")))
        .doesNotContain(gateway.getProperty("env.MEDXFER_AUTH_INTERNAL_PRIVATE_KEY"))
        .doesNotContain(stack.userToken());
  }

  private static Properties given(RunningStack stack, Component service) throws Exception {
    Properties given = new Properties();
    try (InputStream in =
        Files.newInputStream(stack.stateDir().resolve(service.id()).resolve("launch.properties"))) {
      given.load(in);
    }
    return given;
  }
}
