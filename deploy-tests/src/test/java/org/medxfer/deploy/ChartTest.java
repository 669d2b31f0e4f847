package org.medxfer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medxfer.deploy.fixtures.Chart.values;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medxfer.deploy.fixtures.Chart;
import org.medxfer.deploy.fixtures.Manifests;

class ChartTest {

  static final List<String> SERVICES =
      List.of("gateway", "dataset-service", "evaluator-service", "trainer");

  @Test
  void lintsCleanInStrictMode() {
    LintResult lint = Chart.helm().lint().strict().call();

    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void appVersionIsTheProjectVersionTheImagesAreTaggedWith() throws Exception {
    String chart = Files.readString(Chart.dir().resolve("Chart.yaml"));

    assertThat(chart)
        .contains("appVersion: \"" + System.getProperty("medxfer.project.version") + "\"");
    assertThat(Chart.render(Map.of()).deployment("gateway"))
        .extracting(d -> container(d).getImage())
        .isEqualTo("ghcr.io/medxfer/gateway:" + System.getProperty("medxfer.project.version"));
  }

  @Test
  void defaultsUseExternalDependenciesFromExistingSecretsWithTls() {
    Manifests manifests = Chart.render(Map.of());

    assertThat(manifests.all(StatefulSet.class)).isEmpty();
    assertThat(manifests.all(Deployment.class)).hasSize(4);
    assertThat(manifests.all(Service.class)).hasSize(4);
    assertThat(manifests.all(ServiceAccount.class))
        .allMatch(sa -> Boolean.FALSE.equals(sa.getAutomountServiceAccountToken()))
        .hasSize(4);
    assertThat(manifests.all(PodDisruptionBudget.class)).hasSize(4);
    Deployment gateway = manifests.deployment("gateway");
    assertThat(env(gateway, "KAFKA_BOOTSTRAP_SERVERS").getValue()).isEqualTo("kafka:9092");
    assertThat(env(gateway, "QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef())
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo("medxfer-postgres"))
        .satisfies(ref -> assertThat(ref.getKey()).isEqualTo("password"));
    assertThat(env(gateway, "QUARKUS_GRPC_CLIENTS_DATASETS_PLAIN_TEXT").getValue())
        .isEqualTo("false");
    // No secret is ever a literal value.
    for (Deployment deployment : manifests.all(Deployment.class)) {
      assertThat(container(deployment).getEnv())
          .filteredOn(e -> e.getName().matches(".*(PASSWORD|USERNAME|_KEY)"))
          .allMatch(e -> e.getValue() == null && e.getValueFrom().getSecretKeyRef() != null);
    }
  }

  @Test
  void everyServiceRunsRestrictedWithProbesResourcesAndTls() {
    Manifests manifests = Chart.render(Map.of());

    for (String service : SERVICES) {
      Deployment deployment = manifests.deployment(service);
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      Container container = container(deployment);
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
      // The kubelet's gRPC probe cannot speak TLS: with TLS the probes use HTTPS on the same port.
      assertThat(container.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
      assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
      assertThat(env(deployment, "QUARKUS_HTTP_INSECURE_REQUESTS").getValue())
          .isEqualTo("disabled");
      assertThat(env(deployment, "QUARKUS_HTTP_SSL_CERTIFICATE_FILES").getValue())
          .isEqualTo("/etc/medxfer/tls/tls.crt");
      assertThat(pod.getVolumes())
          .anyMatch(
              v -> v.getSecret() != null && "medxfer-tls".equals(v.getSecret().getSecretName()));
    }
  }

  @Test
  void plaintextUsesTheKubeletsGrpcProbes() {
    Manifests manifests = Chart.render(values("tls.enabled", false));

    for (String service : SERVICES) {
      Container container = container(manifests.deployment(service));
      assertThat(container.getReadinessProbe().getGrpc().getPort()).isEqualTo(8080);
      assertThat(container.getLivenessProbe().getGrpc().getPort()).isEqualTo(8080);
      assertThat(container.getEnv()).noneMatch(e -> e.getName().startsWith("QUARKUS_HTTP_SSL"));
    }
  }

  @Test
  void onlyTheGatewayAdmitsTrafficFromOutsideTheRelease() {
    Manifests manifests = Chart.render(values("kafka.deploy", true, "postgres.deploy", true));

    assertThat(manifests.all(NetworkPolicy.class)).hasSize(6);
    assertThat(ingress(manifests, "gateway"))
        .singleElement()
        .satisfies(rule -> assertThat(rule.getFrom()).isNullOrEmpty());
    for (String dependency : List.of("kafka", "postgres")) {
      assertThat(ingress(manifests, dependency))
          .singleElement()
          .satisfies(
              rule ->
                  assertThat(rule.getFrom())
                      .singleElement()
                      .satisfies(
                          peer ->
                              assertThat(peer.getPodSelector().getMatchLabels())
                                  .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                                  .doesNotContainKey("app.kubernetes.io/component")));
    }
  }

  @Test
  void theInternalServicesAdmitGrpcFromTheGatewayOnly() {
    Manifests manifests = Chart.render(Map.of());

    Map<String, String> gatewayPods =
        manifests.deployment("gateway").getSpec().getSelector().getMatchLabels();
    for (String service : List.of("dataset-service", "evaluator-service")) {
      assertThat(ingress(manifests, service))
          .as(service)
          .singleElement()
          .satisfies(
              rule -> assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(8080))
          .satisfies(
              rule ->
                  assertThat(rule.getFrom())
                      .singleElement()
                      .satisfies(
                          peer -> {
                            assertThat(peer.getPodSelector().getMatchLabels())
                                .isEqualTo(gatewayPods)
                                .containsEntry("app.kubernetes.io/component", "gateway");
                            assertThat(peer.getNamespaceSelector()).isNull();
                          }));
    }
    // Nobody calls the trainers; the kubelet's probes come from the node, which is always admitted.
    assertThat(ingress(manifests, "trainer")).isEmpty();
  }

  @Test
  void metricsScrapersAreAdmittedBesideTheGateway() {
    Manifests manifests =
        Chart.render(
            values(
                "networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name",
                "monitoring"));

    for (String service : List.of("dataset-service", "evaluator-service")) {
      assertThat(ingress(manifests, service).get(0).getFrom())
          .as(service)
          .hasSize(2)
          .satisfiesExactly(
              gateway ->
                  assertThat(gateway.getPodSelector().getMatchLabels())
                      .containsEntry("app.kubernetes.io/component", "gateway"),
              scraper ->
                  assertThat(scraper.getNamespaceSelector().getMatchLabels())
                      .containsEntry("kubernetes.io/metadata.name", "monitoring"));
    }
    assertThat(ingress(manifests, "trainer"))
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getFrom())
                    .singleElement()
                    .satisfies(peer -> assertThat(peer.getPodSelector()).isNull()));
  }

  @Test
  void kedaMayBeLetInToTheInChartKafka() {
    Manifests manifests =
        Chart.render(
            values(
                "kafka.deploy",
                true,
                "networkPolicy.kafkaFrom[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name",
                "keda"));

    assertThat(
            manifests
                .get(NetworkPolicy.class, "medxfer-kafka")
                .getSpec()
                .getIngress()
                .get(0)
                .getFrom())
        .hasSize(2)
        .filteredOn(peer -> peer.getNamespaceSelector() != null)
        .singleElement()
        .satisfies(
            peer ->
                assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "keda"));
  }

  @Test
  void inChartDependenciesAreSingleNodeAndTheServicesUseThem() {
    Manifests manifests =
        Chart.render(
            values("kafka.deploy", true, "objectStore.deploy", true, "postgres.deploy", true));

    assertThat(manifests.all(StatefulSet.class))
        .extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("medxfer-kafka", "medxfer-minio", "medxfer-postgres");
    assertThat(manifests.all(StatefulSet.class)).allMatch(s -> s.getSpec().getReplicas() == 1);
    Deployment evaluator = manifests.deployment("evaluator-service");
    assertThat(env(evaluator, "KAFKA_BOOTSTRAP_SERVERS").getValue())
        .isEqualTo("medxfer-kafka:9092");
    assertThat(env(evaluator, "MEDXFER_OBJECT_STORE_ENDPOINT").getValue())
        .isEqualTo("http://medxfer-minio:9000");
    assertThat(env(evaluator, "QUARKUS_DATASOURCE_JDBC_URL").getValue())
        .isEqualTo("jdbc:postgresql://medxfer-postgres:5432/medxfer");
    StatefulSet minio = manifests.get(StatefulSet.class, "medxfer-minio");
    assertThat(minio.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .filteredOn(e -> e.getName().equals("MINIO_ROOT_PASSWORD"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("medxfer-object-store"));
  }

  @Test
  void gpuTrainersRequestGpusOnGpuNodesWithTheCudaImage() {
    Manifests manifests =
        Chart.render(
            values(
                "trainer.gpu.enabled", true,
                "trainer.gpu.count", 2,
                "trainer.nodeSelector.nvidia\\.com/gpu\\.product", "NVIDIA-H100",
                "trainer.tolerations[0].key", "nvidia.com/gpu",
                "trainer.tolerations[0].operator", "Exists",
                "trainer.tolerations[0].effect", "NoSchedule"));

    Deployment trainer = manifests.deployment("trainer");
    PodSpec pod = trainer.getSpec().getTemplate().getSpec();
    assertThat(container(trainer).getImage()).contains("/trainer-service-gpu:");
    assertThat(container(trainer).getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.product", "NVIDIA-H100");
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
  }

  @Test
  void cpuTrainersRequestNoGpu() {
    Deployment trainer = Chart.render(Map.of()).deployment("trainer");

    assertThat(container(trainer).getImage()).contains("/trainer-service:");
    assertThat(container(trainer).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    assertThat(trainer.getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void kedaScalesTrainersOnConsumerLagDownToZero() {
    Manifests manifests =
        Chart.render(
            values("trainer.autoscaling.enabled", true, "trainer.autoscaling.mode", "keda"));

    assertThat(manifests.all(HorizontalPodAutoscaler.class)).isEmpty();
    var scaledObject = manifests.custom("ScaledObject");
    assertThat(scaledObject).hasSize(1);
    Map<String, Object> spec = scaledObject.get(0).get("spec");
    assertThat(spec).containsEntry("minReplicaCount", 0).containsEntry("maxReplicaCount", 4);
    @SuppressWarnings("unchecked")
    Map<String, Object> trigger = ((List<Map<String, Object>>) spec.get("triggers")).get(0);
    assertThat(trigger).containsEntry("type", "kafka");
    assertThat((Map<String, Object>) trigger.get("metadata"))
        .containsEntry("consumerGroup", "medxfer-trainers")
        .containsEntry("topic", "medxfer.trial-assignments")
        .containsEntry("bootstrapServers", "kafka:9092");
    // The autoscaler owns the replica count.
    assertThat(manifests.deployment("trainer").getSpec().getReplicas()).isNull();
  }

  @Test
  void withoutKedaAnHpaIsTheFallback() {
    Manifests manifests = Chart.render(values("trainer.autoscaling.enabled", true));

    assertThat(manifests.custom("ScaledObject")).isEmpty();
    HorizontalPodAutoscaler hpa = manifests.get(HorizontalPodAutoscaler.class, "medxfer-trainer");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("medxfer-trainer");
  }

  @Test
  void observabilitySettingsReachEveryService() {
    Manifests manifests =
        Chart.render(
            values(
                "tracing.enabled", true,
                "tracing.endpoint", "http://collector:4317",
                "metrics.serviceMonitor.enabled", true));

    for (String service : SERVICES) {
      Deployment deployment = manifests.deployment(service);
      assertThat(env(deployment, "QUARKUS_OTEL_SDK_DISABLED").getValue()).isEqualTo("false");
      assertThat(env(deployment, "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").getValue())
          .isEqualTo("http://collector:4317");
      assertThat(env(deployment, "QUARKUS_LOG_CONSOLE_JSON_ENABLED").getValue()).isEqualTo("true");
      assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
          .containsEntry("prometheus.io/path", "/q/metrics");
    }
    assertThat(manifests.custom("ServiceMonitor")).hasSize(1);
  }

  @Test
  void onlyTheGatewayGetsTheInternalPrivateKeyAndTheInternalServicesItsPublicKey() {
    Manifests manifests = Chart.render(values("auth.internal.existingSecret", "platform-keys"));

    Deployment gateway = manifests.deployment("gateway");
    assertThat(env(gateway, "MEDXFER_AUTH_INTERNAL_PRIVATE_KEY").getValueFrom().getSecretKeyRef())
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo("platform-keys"))
        .satisfies(ref -> assertThat(ref.getKey()).isEqualTo("privateKey"));
    assertThat(env(gateway, "MEDXFER_AUTH_PUBLIC_KEY").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("medxfer-auth");
    for (String service : List.of("dataset-service", "evaluator-service", "trainer")) {
      Deployment deployment = manifests.deployment(service);
      assertThat(
              env(deployment, "MEDXFER_AUTH_INTERNAL_PUBLIC_KEY").getValueFrom().getSecretKeyRef())
          .as(service)
          .satisfies(ref -> assertThat(ref.getName()).isEqualTo("platform-keys"))
          .satisfies(ref -> assertThat(ref.getKey()).isEqualTo("publicKey"));
      // Users' tokens are the gateway's business: an internal service trusts the platform only.
      assertThat(container(deployment).getEnv())
          .extracting(EnvVar::getName)
          .doesNotContain("MEDXFER_AUTH_PUBLIC_KEY");
    }
    // The private key reaches no other container of the release, in any form.
    for (HasMetadata object : manifests.objects()) {
      for (Container container : containers(object)) {
        if (object.getMetadata().getName().equals("medxfer-gateway")) {
          continue;
        }
        assertThat(container.getEnv())
            .as(object.getMetadata().getName())
            .noneMatch(e -> e.getName().contains("PRIVATE"))
            .noneMatch(
                e ->
                    e.getValueFrom() != null
                        && e.getValueFrom().getSecretKeyRef() != null
                        && e.getValueFrom().getSecretKeyRef().getKey().equals("privateKey"));
      }
    }
    assertThat(manifests.objects())
        .flatExtracting(ChartTest::volumes)
        .noneMatch(
            v -> v.getSecret() != null && "platform-keys".equals(v.getSecret().getSecretName()));
  }

  @Test
  void theGatewayCallsDatasetAndEvaluatorServicesOverTlsTrustingTheReleaseCa() {
    Deployment gateway = Chart.render(Map.of()).deployment("gateway");

    assertThat(env(gateway, "QUARKUS_GRPC_CLIENTS_EVALUATION_HOST").getValue())
        .isEqualTo("medxfer-evaluator-service");
    assertThat(env(gateway, "QUARKUS_GRPC_CLIENTS_EVALUATION_PORT").getValue()).isEqualTo("8080");
    assertThat(env(gateway, "QUARKUS_GRPC_CLIENTS_DATASETS_HOST").getValue())
        .isEqualTo("medxfer-dataset-service");
    for (String client : List.of("DATASETS", "EVALUATION")) {
      assertThat(env(gateway, "QUARKUS_GRPC_CLIENTS_" + client + "_PLAIN_TEXT").getValue())
          .isEqualTo("false");
      assertThat(env(gateway, "QUARKUS_GRPC_CLIENTS_" + client + "_SSL_TRUST_STORE").getValue())
          .isEqualTo("/etc/medxfer/tls/ca.crt");
    }
    Deployment plaintext =
        Chart.render(values("tls.enabled", false, "evaluatorService.port", 9090))
            .deployment("gateway");
    assertThat(env(plaintext, "QUARKUS_GRPC_CLIENTS_EVALUATION_PORT").getValue()).isEqualTo("9090");
    assertThat(container(plaintext).getEnv())
        .extracting(EnvVar::getName)
        .noneMatch(name -> name.endsWith("_PLAIN_TEXT") || name.endsWith("_SSL_TRUST_STORE"));
  }

  @Test
  void aHookJobCreatesTheTopicsWithTheirPartitionsAfterInstallAndUpgrade() {
    Job job = Chart.render(Map.of()).get(Job.class, "medxfer-kafka-topics");

    assertThat(job.getMetadata().getAnnotations())
        .containsEntry("helm.sh/hook", "post-install,post-upgrade")
        .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
    assertThat(job.getSpec().getBackoffLimit()).isPositive();
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("apache/kafka:4.1.2");
    assertThat(container.getEnv())
        .filteredOn(e -> e.getName().equals("KAFKA_BOOTSTRAP_SERVERS"))
        .singleElement()
        .satisfies(e -> assertThat(e.getValue()).isEqualTo("kafka:9092"));
    String script = String.join("\n", container.getCommand());
    assertThat(script)
        .contains("topics=/opt/kafka/bin/kafka-topics.sh")
        .contains("kafka --create --if-not-exists --topic \"$1\" --partitions \"$2\"")
        // Waits for Kafka to answer before creating anything.
        .contains("until kafka --list");
    assertThat(ensured(script))
        .containsExactly(
            "medxfer.trial-assignments 32",
            "medxfer.trial-events 32",
            "medxfer.trial-cancellations 1");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void theTopicsJobFollowsThePartitionValuesAndTheInChartKafka() {
    Job job =
        Chart.render(
                values(
                    "kafka.deploy", true,
                    "kafka.topics.partitions.trialAssignments", 8,
                    "kafka.topics.partitions.trialEvents", 4))
            .get(Job.class, "medxfer-kafka-topics");

    Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(ensured(String.join("\n", container.getCommand())))
        .containsExactly(
            "medxfer.trial-assignments 8",
            "medxfer.trial-events 4",
            "medxfer.trial-cancellations 1");
    assertThat(container.getEnv())
        .filteredOn(e -> e.getName().equals("KAFKA_BOOTSTRAP_SERVERS"))
        .singleElement()
        .satisfies(e -> assertThat(e.getValue()).isEqualTo("medxfer-kafka:9092"));
    // The in-chart broker's network policy admits the Job's pod, a pod of the release.
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
        .containsEntry("app.kubernetes.io/part-of", "medxfer");
  }

  @Test
  void platformTeamsThatManageTopicsTurnTheJobOff() {
    Manifests manifests = Chart.render(values("kafka.topics.create", false));

    assertThat(manifests.all(Job.class)).isEmpty();
    assertThat(Chart.installDryRun(values("kafka.topics.create", false)))
        .contains("topics managed outside the chart");
  }

  @Test
  void theSchemaRejectsBadValuesNamingTheField() {
    assertThatThrownBy(() -> Chart.render(values("trainer.gpu.count", 0)))
        .hasMessageContaining("/trainer/gpu/count");
    assertThatThrownBy(() -> Chart.render(values("trainer.autoscaling.mode", "sometimes")))
        .hasMessageContaining("/trainer/autoscaling/mode");
    assertThatThrownBy(() -> Chart.render(values("gatway.replicas", 2)))
        .hasMessageContaining("gatway");
    assertThatThrownBy(() -> Chart.render(values("kafka.topics.partitions.trialEvents", 0)))
        .hasMessageContaining("/kafka/topics/partitions/trialEvents");
    assertThatThrownBy(() -> Chart.render(values("auth.internal.existingSecret", "")))
        .hasMessageContaining("/auth/internal/existingSecret");
  }

  @Test
  void theHelmTestChecksTheGatewaysHealthTrustingOnlyTheReleaseCa() throws Exception {
    // helm-java's template and dry-run install both leave test hooks out; the hook's source is
    // checked, and its render is linted above.
    String hook = Files.readString(Chart.dir().resolve("templates/tests/gateway-health-test.yaml"));

    assertThat(hook)
        .contains("\"helm.sh/hook\": test")
        .contains("%s://%s-gateway:%v/q/health/ready")
        .contains("/etc/medxfer/tls/ca.crt");
  }

  @Test
  void theNotesTellHowToReachTheGatewayOverTls() {
    assertThat(Chart.installDryRun(Map.of()))
        .contains("kubectl port-forward svc/medxfer-gateway 8080:8080")
        .contains("export MEDXFER_TLS_CA=ca.crt MEDXFER_TLS_AUTHORITY=medxfer-gateway")
        .contains("medxfer.evaluation.v1.EvaluationService) are served by the gateway alone")
        .contains("private key in Secret medxfer-internal-auth")
        .contains("topics created by Job medxfer-kafka-topics")
        .contains("Trainers: 1, CPU.");
  }

  @Test
  void theNotesDescribeAnAutoscaledGpuEvaluationInstall() {
    String install =
        Chart.installDryRun(
            values(
                "tls.enabled", false,
                "kafka.deploy", true,
                "trainer.gpu.enabled", true,
                "trainer.autoscaling.enabled", true,
                "trainer.autoscaling.mode", "keda"));

    assertThat(install)
        .contains("Trainers: autoscaled by KEDA (0 to 4), GPU.")
        .contains("Kafka: medxfer-kafka:9092 (in the release, single node)")
        .doesNotContain("MEDXFER_TLS_CA");
  }

  static List<NetworkPolicyIngressRule> ingress(Manifests manifests, String component) {
    return manifests
        .get(NetworkPolicy.class, Chart.RELEASE + "-" + component)
        .getSpec()
        .getIngress();
  }

  /** The topics and partition counts the topics Job's script ensures, in order. */
  static List<String> ensured(String script) {
    return script
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith("ensure medxfer."))
        .map(line -> line.substring("ensure ".length()))
        .toList();
  }

  static PodSpec podSpec(HasMetadata object) {
    if (object instanceof Deployment deployment) {
      return deployment.getSpec().getTemplate().getSpec();
    } else if (object instanceof StatefulSet statefulSet) {
      return statefulSet.getSpec().getTemplate().getSpec();
    } else if (object instanceof Job job) {
      return job.getSpec().getTemplate().getSpec();
    }
    return null;
  }

  static List<Container> containers(HasMetadata object) {
    PodSpec pod = podSpec(object);
    return pod == null ? List.of() : pod.getContainers();
  }

  static List<Volume> volumes(HasMetadata object) {
    PodSpec pod = podSpec(object);
    return pod == null || pod.getVolumes() == null ? List.of() : pod.getVolumes();
  }

  static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static EnvVar env(Deployment deployment, String name) {
    return container(deployment).getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(deployment.getMetadata().getName() + " lacks " + name));
  }
}
