package org.medxfer.gateway.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.medxfer.gateway.fixtures.GatewayInfraResource;
import org.medxfer.gateway.fixtures.Sql;
import org.medxfer.proto.study.v1.CreateStudyRequest;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.StudyServiceGrpc;
import org.medxfer.testsupport.TestTokens;

/**
 * How long a 10,000-trial study takes to validate and expand (validate_only), and to validate,
 * expand, persist and dispatch (a create returns once Kafka acknowledged every assignment), on the
 * real Kafka and PostgreSQL, and the gateway's heap for it. Not a test: run it by name and read the
 * figures,
 *
 * <pre>
 * ./mvnw -o -pl gateway -am test -Dtest=StudyScaleBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(GatewayInfraResource.class)
class StudyScaleBench {

  /** 2 architectures x 2 inits x 2 adaptations x 5 fractions x 5 resolutions x 50 seeds. */
  static final String TEN_THOUSAND_TRIALS =
      """
      name: scale-bench
      datasets: [breastmnist]
      architectures: [mobilenet_v1_025, squeezenet1_1]
      inits: [random, imagenet]
      adaptations: [full, linear_probe]
      fractions: [0.05, 0.1, 0.25, 0.5, 1.0]
      resolutions: [32, 48, 64, 96, 128]
      seeds: [%s]
      training: {epochs: 100, batch_size: 128, lr: 0.001,
                 schedule: {type: step, milestones: [0.5, 0.75], gamma: 0.1}}
      budget: {max_trials: 10000}
      """
          .formatted(
              String.join(
                  ", ",
                  java.util.stream.IntStream.range(0, 50).mapToObj(Integer::toString).toList()));

  private static final int ROUNDS = 3;

  @TestHTTPResource URL url;

  @Inject DataSource database;

  @Test
  void tenThousandTrials() throws InterruptedException {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress(url.getHost(), url.getPort())
            .usePlaintext()
            .intercept(TestTokens.as(TestTokens.PROJECT))
            .maxInboundMessageSize(64 << 20)
            .build();
    try {
      StudyServiceGrpc.StudyServiceBlockingStub studies = StudyServiceGrpc.newBlockingStub(channel);
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      // Warm-up: class loading and JIT of the whole path, not measured.
      create(studies, true);
      for (int round = 1; round <= ROUNDS; round++) {
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long start = System.nanoTime();
        Study checked = create(studies, true);
        long validated = System.nanoTime();
        Study created = create(studies, false);
        long dispatched = System.nanoTime();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        List<String> notDispatched =
            Sql.column(
                database,
                "SELECT count(*) FROM gateway.trials WHERE study = ? AND NOT dispatched",
                created.getName());
        System.out.printf(
            Locale.ROOT,
            "scale bench round %d: %d trials; validate+expand %.2f s; validate+expand+persist+"
                + "dispatch %.2f s (%s not dispatched); heap %d MiB -> %d MiB (max %d MiB)%n",
            round,
            checked.getTrialCounts().getTotal(),
            (validated - start) / 1e9,
            (dispatched - validated) / 1e9,
            notDispatched.get(0),
            heapBefore >> 20,
            heapAfter >> 20,
            memory.getHeapMemoryUsage().getMax() >> 20);
      }
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static Study create(StudyServiceGrpc.StudyServiceBlockingStub studies, boolean check) {
    return studies
        .withDeadlineAfter(5, TimeUnit.MINUTES)
        .createStudy(
            CreateStudyRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setStudyFile(TEN_THOUSAND_TRIALS)
                .setValidateOnly(check)
                .build());
  }
}
