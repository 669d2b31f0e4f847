package org.medxfer.cli.command;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.render.ComparisonTable;
import org.medxfer.proto.evaluation.v1.CompareStudyRequest;
import org.medxfer.proto.evaluation.v1.ComparisonFilter;
import org.medxfer.proto.evaluation.v1.Factor;
import org.medxfer.proto.evaluation.v1.StudyComparison;
import org.medxfer.proto.trial.v1.InitKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code medxfer compare STUDY}: the study's arms side by side. */
@Command(name = "compare", description = "Compare a study's arms: test AUC, ACC, training time.")
public final class CompareCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "STUDY", description = "studies/{study} or the study id.")
  String study;

  @Option(
      names = "--group-by",
      split = ",",
      paramLabel = "FACTOR",
      description = "Factors that define an arm: ${COMPLETION-CANDIDATES} (default: all).")
  List<Factor> groupBy = List.of();

  @Option(
      names = "--dataset",
      split = ",",
      paramLabel = "ID",
      description = "Count only trials on these data sets.")
  List<String> datasets = List.of();

  @Option(
      names = "--architecture",
      split = ",",
      paramLabel = "ID",
      description = "Count only trials of these architectures.")
  List<String> architectures = List.of();

  @Option(
      names = "--init",
      split = ",",
      paramLabel = "KIND",
      description =
          "Count only trials with these initialisations: random, imagenet, mean_var, partial,"
              + " trial_checkpoint.")
  List<String> inits = List.of();

  @Override
  public Integer call() {
    try (MedxferClients clients = connection.clients()) {
      ComparisonFilter filter =
          ComparisonFilter.newBuilder()
              .addAllDatasets(datasets)
              .addAllArchitectures(architectures)
              .addAllInitKinds(inits.stream().map(this::initKind).toList())
              .build();
      StudyComparison comparison = compare(clients, studyName(study), groupBy, filter);
      System.out.print(ComparisonTable.render(comparison));
      return 0;
    }
  }

  /** Fetches every page of a comparison. */
  public static StudyComparison compare(
      MedxferClients clients, String studyName, List<Factor> groupBy) {
    return compare(clients, studyName, groupBy, ComparisonFilter.getDefaultInstance());
  }

  /** Fetches every page of a filtered comparison. */
  public static StudyComparison compare(
      MedxferClients clients, String studyName, List<Factor> groupBy, ComparisonFilter filter) {
    StudyComparison.Builder all = StudyComparison.newBuilder().setStudy(studyName);
    String pageToken = "";
    do {
      StudyComparison page =
          clients
              .evaluation()
              .compareStudy(
                  CompareStudyRequest.newBuilder()
                      .setStudy(studyName)
                      .addAllGroupBy(groupBy)
                      .setFilter(filter)
                      .setPageToken(pageToken)
                      .build());
      all.addAllRows(page.getRowsList());
      all.clearGroupBy().addAllGroupBy(page.getGroupByList());
      pageToken = page.getNextPageToken();
    } while (!pageToken.isEmpty());
    return all.build();
  }

  /** The kind a study file spells {@code label} ({@code imagenet} is INIT_KIND_IMAGENET). */
  private InitKind initKind(String label) {
    try {
      InitKind kind = InitKind.valueOf("INIT_KIND_" + label.toUpperCase(Locale.ROOT));
      if (kind != InitKind.INIT_KIND_UNSPECIFIED) {
        return kind;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ParameterException(
        spec.commandLine(),
        "--init: '%s' is not one of random, imagenet, mean_var, partial, trial_checkpoint"
            .formatted(label));
  }

  /** Accepts {@code studies/x} or {@code x}. */
  public static String studyName(String idOrName) {
    return idOrName.startsWith("studies/") ? idOrName : "studies/" + idOrName;
  }
}
