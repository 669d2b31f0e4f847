package org.medxfer.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.medxfer.cli.client.DatasetUploader;
import org.medxfer.cli.client.KnownDatasets;
import org.medxfer.cli.client.MedxferClients;
import org.medxfer.cli.render.EnumLabels;
import org.medxfer.cli.render.TextTable;
import org.medxfer.proto.dataset.v1.Dataset;
import org.medxfer.proto.dataset.v1.DatasetCard;
import org.medxfer.proto.dataset.v1.DatasetFormat;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.ListDatasetsRequest;
import org.medxfer.proto.dataset.v1.ListDatasetsResponse;
import org.medxfer.proto.dataset.v1.SplitInfo;
import org.medxfer.proto.dataset.v1.TaskType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medxfer datasets import|list}. */
@Command(
    name = "datasets",
    description = "Import and list data sets.",
    subcommands = {DatasetsCommand.Import.class, DatasetsCommand.ListAll.class})
public final class DatasetsCommand {

  /** {@code medxfer datasets import FILE --id ID}. */
  @Command(name = "import", description = "Import a MedMNIST-layout .npz file.")
  public static final class Import implements Callable<Integer> {

    @Mixin ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .npz file.")
    Path file;

    @Option(names = "--id", required = true, description = "Data set id, e.g. breastmnist.")
    String id;

    @Option(names = "--display-name", description = "Human-readable name.")
    String displayName;

    @Option(names = "--task", description = "Task type: ${COMPLETION-CANDIDATES}.")
    TaskType task;

    @Option(names = "--classes", split = ",", description = "Class names in label order.")
    List<String> classes;

    @Option(names = "--modality", description = "Imaging modality, e.g. x-ray.")
    String modality;

    @Option(names = "--license", description = "Licence of the images.")
    String license;

    @Option(names = "--source", description = "Where the images come from (citation).")
    String source;

    @Override
    public Integer call() {
      try (MedxferClients clients = new MedxferClients(connection.endpoints())) {
        ImportDatasetResponse response = importFile(clients, file, header());
        System.out.println(describe(response));
        return 0;
      }
    }

    private ImportDatasetRequest header() {
      KnownDatasets.Known known = KnownDatasets.find(id).orElse(null);
      DatasetCard.Builder card =
          known != null ? known.card().toBuilder() : DatasetCard.newBuilder();
      if (task != null) {
        card.setTaskType(task);
      }
      if (classes != null) {
        card.clearClassNames().addAllClassNames(classes);
      }
      if (modality != null) {
        card.setModality(modality);
      }
      if (license != null) {
        card.setLicense(license);
      }
      if (source != null) {
        card.setSource(source);
      }
      String name = displayName != null ? displayName : known != null ? known.displayName() : id;
      return ImportDatasetRequest.newBuilder()
          .setDatasetId(id)
          .setRequestId(UUID.randomUUID().toString())
          .setFormat(DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ)
          .setDisplayName(name)
          .setCard(card)
          .build();
    }
  }

  /** {@code medxfer datasets list}. */
  @Command(name = "list", description = "List data sets.")
  public static final class ListAll implements Callable<Integer> {

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      try (MedxferClients clients = new MedxferClients(connection.endpoints())) {
        TextTable table =
            new TextTable(List.of("name", "display name", "state", "task", "latest version"));
        String pageToken = "";
        do {
          ListDatasetsResponse page =
              clients
                  .datasets()
                  .listDatasets(ListDatasetsRequest.newBuilder().setPageToken(pageToken).build());
          for (Dataset dataset : page.getDatasetsList()) {
            table.add(
                List.of(
                    dataset.getName(),
                    dataset.getDisplayName(),
                    EnumLabels.of(dataset.getState()),
                    EnumLabels.of(dataset.getCard().getTaskType()),
                    dataset.getLatestVersion()));
          }
          pageToken = page.getNextPageToken();
        } while (!pageToken.isEmpty());
        System.out.print(table.render());
        return 0;
      }
    }
  }

  /** Uploads one file and returns the import's result. */
  public static ImportDatasetResponse importFile(
      MedxferClients clients, Path file, ImportDatasetRequest header) {
    return DatasetUploader.upload(clients.datasetsAsync(), header, file);
  }

  /** One line per split of an import's result. */
  public static String describe(ImportDatasetResponse response) {
    StringBuilder text =
        new StringBuilder(response.getAlreadyExisted() ? "already imported: " : "imported: ")
            .append(response.getVersion().getName());
    for (SplitInfo split : response.getVersion().getSplitsList()) {
      text.append("\n  ")
          .append(EnumLabels.of(split.getSplit()))
          .append(": ")
          .append(split.getCount())
          .append(" images, per class ")
          .append(split.getClassCountsList());
    }
    return text.toString();
  }
}
