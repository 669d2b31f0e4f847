package org.medxfer.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medxfer.gateway.fixtures.GatewayCalls.await;
import static org.medxfer.gateway.fixtures.GatewayCalls.code;
import static org.medxfer.gateway.fixtures.GatewayCalls.errorOf;
import static org.medxfer.gateway.fixtures.GatewayCalls.reason;
import static org.medxfer.gateway.fixtures.GatewayCalls.violations;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medxfer.gateway.fixtures.Assignments;
import org.medxfer.gateway.fixtures.DatasetServiceDouble;
import org.medxfer.gateway.fixtures.GatewayInfraResource;
import org.medxfer.gateway.fixtures.Sql;
import org.medxfer.gateway.fixtures.StudyFiles;
import org.medxfer.proto.study.v1.CreateStudyRequest;
import org.medxfer.proto.study.v1.GetStudyRequest;
import org.medxfer.proto.study.v1.GetTrialRequest;
import org.medxfer.proto.study.v1.ListStudiesRequest;
import org.medxfer.proto.study.v1.ListStudiesResponse;
import org.medxfer.proto.study.v1.ListTrialsRequest;
import org.medxfer.proto.study.v1.ListTrialsResponse;
import org.medxfer.proto.study.v1.Study;
import org.medxfer.proto.study.v1.StudyServiceGrpc;
import org.medxfer.proto.study.v1.StudySpec;
import org.medxfer.proto.study.v1.StudyState;
import org.medxfer.proto.study.v1.Trial;
import org.medxfer.proto.study.v1.TrialState;
import org.medxfer.proto.trial.v1.InitKind;
import org.medxfer.proto.trial.v1.Initialization;
import org.medxfer.proto.trial.v1.TrainingSettings;
import org.medxfer.proto.trial.v1.TrialAssignment;
import org.medxfer.testsupport.TestTokens;

/**
 * StudyService over a real gRPC channel, with real PostgreSQL and Kafka: creating studies, what is
 * stored and published, what is refused, and reading studies and trials back.
 */
@QuarkusTest
@QuarkusTestResource(GatewayInfraResource.class)
class StudyGrpcServiceTest {

  @TestHTTPResource URL url;

  @Inject DataSource database;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafka;

  private ManagedChannel channel;
  private StudyServiceGrpc.StudyServiceBlockingStub studies;

  @BeforeEach
  void connect() {
    channel =
        ManagedChannelBuilder.forAddress(url.getHost(), url.getPort())
            .usePlaintext()
            .intercept(TestTokens.as(TestTokens.PROJECT))
            .build();
    studies = StudyServiceGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void createStoresTheStudyAndItsTrialsAndPublishesOneAssignmentPerTrial() {
    Study study =
        studies.createStudy(
            CreateStudyRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setStudyFile(StudyFiles.BREAST_DEMO)
                .build());

    assertThat(study.getName()).matches("studies/breast-transfer-demo-[0-9a-f]{8}");
    assertThat(study.getDisplayName()).isEqualTo("breast-transfer-demo");
    assertThat(study.getState()).isEqualTo(StudyState.STUDY_STATE_RUNNING);
    assertThat(study.getTrialCounts().getTotal()).isEqualTo(4);
    assertThat(study.getTrialCounts().getQueued()).isEqualTo(4);
    assertThat(study.getStudyFile()).isEqualTo(StudyFiles.BREAST_DEMO);
    assertThat(study.getSpec().getArchitecturesList())
        .containsExactly("mobilenet_v1_025", "squeezenet1_1");
    assertThat(study.hasCreateTime()).isTrue();

    List<Trial> trials =
        studies
            .listTrials(ListTrialsRequest.newBuilder().setParent(study.getName()).build())
            .getTrialsList();
    assertThat(trials)
        .extracting(Trial::getDisplayName)
        .containsExactly(
            "breastmnist/mobilenet_v1_025/random/full/f1.0/r64/s0",
            "breastmnist/mobilenet_v1_025/imagenet/full/f1.0/r64/s0",
            "breastmnist/squeezenet1_1/random/full/f1.0/r64/s0",
            "breastmnist/squeezenet1_1/imagenet/full/f1.0/r64/s0");
    assertThat(trials)
        .allSatisfy(
            trial -> {
              assertThat(trial.getState()).isEqualTo(TrialState.TRIAL_STATE_QUEUED);
              assertThat(trial.getAttempt()).isEqualTo(1);
              assertThat(trial.getName()).startsWith(study.getName() + "/trials/");
            });
    assertThat(
            studies.getTrial(GetTrialRequest.newBuilder().setName(trials.get(2).getName()).build()))
        .isEqualTo(trials.get(2));

    assertThat(storedStudies(study.getName())).isEqualTo(1);
    assertThat(
            query(
                "SELECT name FROM gateway.trials WHERE study = ? AND dispatched"
                    + " AND state = 'QUEUED' AND attempt = 1 ORDER BY cell_ordinal",
                study.getName()))
        .containsExactlyElementsOf(trials.stream().map(Trial::getName).toList());

    List<TrialAssignment> assignments = assignmentsOf(study.getName());
    assertThat(assignments).hasSize(4);
    assertThat(assignments)
        .extracting(TrialAssignment::getTrial)
        .containsExactlyInAnyOrderElementsOf(trials.stream().map(Trial::getName).toList());
    assertThat(assignments)
        .allSatisfy(
            assignment -> {
              assertThat(assignment.getStudy()).isEqualTo(study.getName());
              assertThat(assignment.getAttempt()).isEqualTo(1);
              assertThat(assignment.getOutputPrefix())
                  .isEqualTo(assignment.getTrial() + "/attempts/1/");
              assertThat(assignment.getSpec().getDataset()).isEqualTo("breastmnist");
              assertThat(assignment.getSpec().getDatasetVersion())
                  .isEqualTo(DatasetServiceDouble.BREASTMNIST.getName());
              assertThat(assignment.getSpec().getResolution()).isEqualTo(64);
              assertThat(assignment.getSpec().getTraining().getEpochs()).isEqualTo(5);
              assertThat(assignment.getSpec().getTraining().getBatchSize()).isEqualTo(32);
              assertThat(assignment.getData().getNumClasses()).isEqualTo(2);
              assertThat(assignment.getData().getClassNamesList())
                  .containsExactly("class-0", "class-1");
              assertThat(assignment.getData().getImageShape().getHeight()).isEqualTo(28);
              assertThat(assignment.getData().getTrainShardKey())
                  .isEqualTo(DatasetServiceDouble.BREASTMNIST.getName() + "/train.shard");
              assertThat(assignment.getData().getValShardKey()).endsWith("/val.shard");
              assertThat(assignment.getData().getTestShardKey()).endsWith("/test.shard");
              assertThat(assignment.hasAssignTime()).isTrue();
            });
    assertThat(assignments)
        .extracting(a -> a.getSpec().getArchitecture() + "/" + a.getSpec().getInit().getKind())
        .containsExactlyInAnyOrder(
            "mobilenet_v1_025/INIT_KIND_RANDOM",
            "mobilenet_v1_025/INIT_KIND_IMAGENET",
            "squeezenet1_1/INIT_KIND_RANDOM",
            "squeezenet1_1/INIT_KIND_IMAGENET");
  }

  @Test
  void theSameRequestIdReturnsTheFirstStudyAndCreatesNothing() {
    String requestId = UUID.randomUUID().toString();
    Study first = studies.createStudy(fromFile(requestId, StudyFiles.BREAST_DEMO));

    Study again = studies.createStudy(fromFile(requestId, StudyFiles.BREAST_DEMO));
    Study otherFile = studies.createStudy(fromFile(requestId, StudyFiles.MINIMAL));

    assertThat(again.getName()).isEqualTo(first.getName());
    assertThat(again.getCreateTime()).isEqualTo(first.getCreateTime());
    assertThat(otherFile.getName()).isEqualTo(first.getName());
    assertThat(query("SELECT name FROM gateway.studies WHERE request_id = ?", requestId))
        .containsExactly(first.getName());
    assertThat(query("SELECT name FROM gateway.trials WHERE study = ?", first.getName()))
        .hasSize(4);
    assertThat(assignmentsOf(first.getName())).hasSize(4);
  }

  @Test
  void concurrentRetriesOfOneRequestCreateOneStudy() throws Exception {
    String requestId = UUID.randomUUID().toString();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Study>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(
            callers.submit(() -> studies.createStudy(fromFile(requestId, StudyFiles.MINIMAL))));
      }
      List<String> names = new ArrayList<>();
      for (Future<Study> call : calls) {
        names.add(call.get(60, TimeUnit.SECONDS).getName());
      }

      assertThat(names).containsOnly(names.get(0));
      assertThat(query("SELECT name FROM gateway.studies WHERE request_id = ?", requestId))
          .containsExactly(names.get(0));
      assertThat(assignmentsOf(names.get(0))).hasSize(1);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aMalformedStudyFileIsRefusedWithEveryProblemAndNothingIsStored() {
    int studiesBefore = allStudies();
    String file =
        """
        name: malformed
        datasets: [breastmnist]
        architectures: [resnet5000]
        inits: [random, imagenett]
        training: {epochs: five}
        colour: blue
        """;

    StatusRuntimeException error = errorOf(() -> studies.createStudy(fromFile("", file)));

    assertThat(code(error)).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(reason(error)).isEqualTo("INVALID_STUDY");
    assertThat(violations(error))
        .containsOnlyKeys("architectures[0]", "inits[1]", "training.epochs", "colour");
    assertThat(violations(error).get("training.epochs")).contains("whole number");
    assertThat(allStudies()).isEqualTo(studiesBefore);
    assertThat(query("SELECT name FROM gateway.studies WHERE display_name = 'malformed'"))
        .isEmpty();
  }

  @Test
  void aYamlSyntaxErrorIsReportedWithItsLine() {
    StatusRuntimeException error =
        errorOf(() -> studies.createStudy(fromFile("", "name: x\ndatasets: [a\n")));

    assertThat(code(error)).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(violations(error)).containsOnlyKeys("study_file");
    assertThat(violations(error).get("study_file")).contains("line 3");
  }

  @Test
  void anUnknownDataSetIsNamedAndNothingIsStored() {
    int studiesBefore = allStudies();
    String file = StudyFiles.MINIMAL.replace("[breastmnist]", "[breastmnist, nosuchmnist]");

    StatusRuntimeException error =
        errorOf(() -> studies.createStudy(fromFile(UUID.randomUUID().toString(), file)));

    assertThat(code(error)).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(reason(error)).isEqualTo("UNKNOWN_DATASET");
    assertThat(violations(error))
        .containsExactly(Map.entry("datasets[1]", "data set 'nosuchmnist' does not exist"));
    assertThat(allStudies()).isEqualTo(studiesBefore);
  }

  @Test
  void validateOnlyExpandsButStoresAndPublishesNothing() {
    String studyId = "checked-" + shortId();
    Study checked =
        studies.createStudy(
            fromFile(UUID.randomUUID().toString(), StudyFiles.BREAST_DEMO).toBuilder()
                .setStudyId(studyId)
                .setValidateOnly(true)
                .build());

    assertThat(checked.getName()).isEqualTo("studies/" + studyId);
    assertThat(checked.getState()).isEqualTo(StudyState.STUDY_STATE_UNSPECIFIED);
    assertThat(checked.getTrialCounts().getTotal()).isEqualTo(4);
    assertThat(storedStudies(checked.getName())).isZero();
    StatusRuntimeException error =
        errorOf(
            () ->
                studies.getStudy(GetStudyRequest.newBuilder().setName(checked.getName()).build()));
    assertThat(code(error)).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(assignmentsOf(checked.getName())).isEmpty();
  }

  @Test
  void aSpecIsCheckedLikeAStudyFileWithTheRequestsFieldNames() {
    StudySpec.Builder spec =
        StudySpec.newBuilder()
            .addDatasets("dermamnist")
            .addArchitectures("cnn_small")
            .addInits(Initialization.newBuilder().setKind(InitKind.INIT_KIND_RANDOM))
            .addSeeds(0)
            .addSeeds(1)
            .setTraining(TrainingSettings.newBuilder().setEpochs(2).setLearningRate(0.01));
    StatusRuntimeException error =
        errorOf(
            () ->
                studies.createStudy(
                    CreateStudyRequest.newBuilder()
                        .setSpec(spec.clone().addArchitectures("vgg16").setMaxTrials(-1))
                        .build()));

    assertThat(reason(error)).isEqualTo("INVALID_STUDY");
    assertThat(violations(error))
        .containsOnlyKeys("display_name", "spec.architectures[1]", "spec.max_trials");

    String studyId = "from-spec-" + shortId();
    Study study =
        studies.createStudy(
            CreateStudyRequest.newBuilder()
                .setStudyId(studyId)
                .setDisplayName("From a spec")
                .setSpec(spec)
                .build());
    assertThat(study.getName()).isEqualTo("studies/" + studyId);
    assertThat(study.getDisplayName()).isEqualTo("From a spec");
    assertThat(study.getTrialCounts().getTotal()).isEqualTo(2);
    assertThat(study.getSpec().getResolutionsList()).containsExactly(28);
    assertThat(assignmentsOf(study.getName()))
        .allSatisfy(a -> assertThat(a.getData().getNumClasses()).isEqualTo(3));

    StatusRuntimeException taken =
        errorOf(
            () ->
                studies.createStudy(
                    CreateStudyRequest.newBuilder()
                        .setStudyId(studyId)
                        .setStudyFile(StudyFiles.MINIMAL)
                        .build()));
    assertThat(code(taken)).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(reason(taken)).isEqualTo("STUDY_ALREADY_EXISTS");
  }

  @Test
  void unknownAndMalformedNamesAreReportedAsSuch() {
    StatusRuntimeException missing =
        errorOf(
            () ->
                studies.getStudy(
                    GetStudyRequest.newBuilder().setName("studies/none-such").build()));
    StatusRuntimeException missingTrial =
        errorOf(
            () ->
                studies.getTrial(
                    GetTrialRequest.newBuilder().setName("studies/none-such/trials/t").build()));
    StatusRuntimeException malformed =
        errorOf(() -> studies.getStudy(GetStudyRequest.newBuilder().setName("none-such").build()));
    StatusRuntimeException noParent =
        errorOf(
            () ->
                studies.listTrials(
                    ListTrialsRequest.newBuilder().setParent("studies/none-such").build()));

    assertThat(code(missing)).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(reason(missing)).isEqualTo("STUDY_NOT_FOUND");
    assertThat(code(missingTrial)).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(reason(missingTrial)).isEqualTo("TRIAL_NOT_FOUND");
    assertThat(code(malformed)).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(violations(malformed)).containsOnlyKeys("name");
    assertThat(reason(noParent)).isEqualTo("STUDY_NOT_FOUND");
  }

  @Test
  void listStudiesPagesNewestFirst() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(studies.createStudy(fromFile("", StudyFiles.MINIMAL)).getName());
    }

    List<String> listed = new ArrayList<>();
    String token = "";
    do {
      ListStudiesResponse page =
          studies.listStudies(
              ListStudiesRequest.newBuilder().setPageSize(2).setPageToken(token).build());
      assertThat(page.getStudiesCount()).isLessThanOrEqualTo(2);
      page.getStudiesList().forEach(study -> listed.add(study.getName()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());

    assertThat(listed).doesNotHaveDuplicates().hasSize(allStudies());
    assertThat(listed.subList(0, 3))
        .containsExactly(created.get(2), created.get(1), created.get(0));
    StatusRuntimeException badToken =
        errorOf(
            () -> studies.listStudies(ListStudiesRequest.newBuilder().setPageToken("%%").build()));
    assertThat(violations(badToken)).containsOnlyKeys("page_token");
  }

  @Test
  void listTrialsPagesInCellOrder() {
    Study study =
        studies.createStudy(
            fromFile(
                "", StudyFiles.MINIMAL.replace("training:", "seeds: [0, 1, 2, 3, 4]\ntraining:")));

    List<String> paged = new ArrayList<>();
    String token = "";
    do {
      ListTrialsResponse page =
          studies.listTrials(
              ListTrialsRequest.newBuilder()
                  .setParent(study.getName())
                  .setPageSize(2)
                  .setPageToken(token)
                  .build());
      page.getTrialsList().forEach(trial -> paged.add(trial.getDisplayName()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());

    assertThat(paged)
        .containsExactly(
            "breastmnist/cnn_small/random/full/f1.0/r28/s0",
            "breastmnist/cnn_small/random/full/f1.0/r28/s1",
            "breastmnist/cnn_small/random/full/f1.0/r28/s2",
            "breastmnist/cnn_small/random/full/f1.0/r28/s3",
            "breastmnist/cnn_small/random/full/f1.0/r28/s4");
  }

  @Test
  void anUnreachableDatasetServiceMakesCreateUnavailableAndStoresNothing() {
    int studiesBefore = allStudies();
    GatewayInfraResource.DATASETS.stop();
    try {
      StatusRuntimeException error =
          errorOf(
              () ->
                  studies.createStudy(fromFile(UUID.randomUUID().toString(), StudyFiles.MINIMAL)));

      assertThat(code(error)).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(reason(error)).isEqualTo("DATASET_SERVICE_UNAVAILABLE");
      assertThat(allStudies()).isEqualTo(studiesBefore);
    } finally {
      GatewayInfraResource.DATASETS.restart();
    }
    // The gateway reconnects by itself once dataset-service is back.
    await(
        () -> {
          try {
            return studies
                .createStudy(
                    fromFile("", StudyFiles.MINIMAL).toBuilder().setValidateOnly(true).build())
                .getTrialCounts()
                .getTotal();
          } catch (StatusRuntimeException e) {
            return 0;
          }
        },
        total -> total == 1,
        Duration.ofSeconds(30));
  }

  private static CreateStudyRequest fromFile(String requestId, String file) {
    return CreateStudyRequest.newBuilder().setRequestId(requestId).setStudyFile(file).build();
  }

  private List<TrialAssignment> assignmentsOf(String study) {
    return Assignments.of(kafka, study);
  }

  private int storedStudies(String name) {
    return query("SELECT name FROM gateway.studies WHERE name = ?", name).size();
  }

  /** The studies of the project this test's calls act for (other tests add other projects'). */
  private int allStudies() {
    return query("SELECT name FROM gateway.studies WHERE project = ?", TestTokens.PROJECT).size();
  }

  private List<String> query(String sql, String... parameters) {
    return Sql.column(database, sql, parameters);
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
