package org.medxfer.cli.command;

import java.util.List;
import java.util.concurrent.Callable;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.render.ComparisonTable;
import org.medxfer.proto.evaluation.v1.CompareStudyRequest;
import org.medxfer.proto.evaluation.v1.Factor;
import org.medxfer.proto.evaluation.v1.StudyComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medxfer compare STUDY}: the study's arms side by side. */
@Command(name = "compare", description = "Compare a study's arms: test AUC, ACC, training time.")
public final class CompareCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "STUDY", description = "studies/{study} or the study id.")
  String study;

  @Option(
      names = "--group-by",
      split = ",",
      paramLabel = "FACTOR",
      description = "Factors that define an arm: ${COMPLETION-CANDIDATES} (default: all).")
  List<Factor> groupBy = List.of();

  @Override
  public Integer call() {
    try (MedxferClients clients = new MedxferClients(connection.endpoints())) {
      StudyComparison comparison = compare(clients, studyName(study), groupBy);
      System.out.print(ComparisonTable.render(comparison));
      return 0;
    }
  }

  /** Fetches every page of a comparison. */
  public static StudyComparison compare(
      MedxferClients clients, String studyName, List<Factor> groupBy) {
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
                      .setPageToken(pageToken)
                      .build());
      all.addAllRows(page.getRowsList());
      all.clearGroupBy().addAllGroupBy(page.getGroupByList());
      pageToken = page.getNextPageToken();
    } while (!pageToken.isEmpty());
    return all.build();
  }

  /** Accepts {@code studies/x} or {@code x}. */
  public static String studyName(String idOrName) {
    return idOrName.startsWith("studies/") ? idOrName : "studies/" + idOrName;
  }
}
