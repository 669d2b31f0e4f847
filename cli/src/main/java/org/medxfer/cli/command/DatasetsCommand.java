package org.medxfer.cli.command;

import java.nio.file.Files;
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
import org.medxfer.proto.dataset.v1.DatasetVersion;
import org.medxfer.proto.dataset.v1.DicomWindow;
import org.medxfer.proto.dataset.v1.GetDatasetRequest;
import org.medxfer.proto.dataset.v1.GetDatasetVersionRequest;
import org.medxfer.proto.dataset.v1.ImageShape;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.ListDatasetsRequest;
import org.medxfer.proto.dataset.v1.ListDatasetsResponse;
import org.medxfer.proto.dataset.v1.PixelStatistics;
import org.medxfer.proto.dataset.v1.SplitInfo;
import org.medxfer.proto.dataset.v1.SplitPlan;
import org.medxfer.proto.dataset.v1.TaskType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medxfer datasets import|list|show}. */
@Command(
    name = "datasets",
    description = "Import, list and show data sets.",
    subcommands = {
      DatasetsCommand.Import.class,
      DatasetsCommand.ListAll.class,
      DatasetsCommand.Show.class
    })
public final class DatasetsCommand {

  /** The file formats, as the command line names them. */
  enum Format {
    npz(DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ),
    folder(DatasetFormat.DATASET_FORMAT_IMAGE_FOLDER),
    dicom(DatasetFormat.DATASET_FORMAT_DICOM);

    final DatasetFormat proto;

    Format(DatasetFormat proto) {
      this.proto = proto;
    }
  }

  /** {@code medxfer datasets import PATH --id ID}. */
  @Command(
      name = "import",
      description = {
        "Import a MedMNIST-layout .npz, an image folder (PNG/JPEG) or a DICOM folder.",
        "A folder (or a .zip of one) holds labels.csv with columns file,label[,split];"
            + " without split the service makes a seeded, stratified one.",
        "With --source-key the file is already in the service's bucket and nothing is uploaded."
      })
  public static final class Import implements Callable<Integer> {

    @Mixin ConnectionOptions connection;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "PATH",
        description = "The .npz, a folder with labels.csv, or a .zip of such a folder.")
    Path path;

    @Option(names = "--id", required = true, description = "Data set id, e.g. breastmnist.")
    String id;

    @Option(
        names = "--format",
        description =
            "npz, folder or dicom (default: npz for .npz, else folder, dicom when"
                + " the folder holds .dcm files).")
    Format format;

    @Option(
        names = "--source-key",
        description =
            "Import this object of the bucket instead of uploading PATH; only keys under"
                + " uploads/<your project>/ are allowed.")
    String sourceKey;

    @Option(names = "--size", description = "Resample every image to SIZE x SIZE.")
    int size;

    @Option(
        names = "--window",
        split = ",",
        paramLabel = "CENTER,WIDTH",
        description = "DICOM display window (default: each file's own).")
    List<Double> window;

    @Option(names = "--split-seed", description = "Seed of the service-made split.")
    long splitSeed;

    @Option(names = "--val-fraction", description = "Share of each class for val (default 0.1).")
    double valFraction;

    @Option(names = "--test-fraction", description = "Share of each class for test (default 0.2).")
    double testFraction;

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
      if ((path == null) == (sourceKey == null)) {
        throw new IllegalArgumentException("give either PATH or --source-key, not both or neither");
      }
      try (MedxferClients clients = connection.clients()) {
        ImportDatasetResponse response;
        if (sourceKey != null) {
          response =
              clients
                  .datasets()
                  .importDataset(
                      header(format == null ? formatOf(sourceKey) : format.proto).toBuilder()
                          .setSourceKey(sourceKey)
                          .build());
        } else if (Files.isDirectory(path)) {
          Path zip = DatasetUploader.zipFolder(path);
          try {
            ImportDatasetRequest header =
                header(format != null ? format.proto : folderFormat(path)).toBuilder()
                    .setFileName(path.getFileName() + ".zip")
                    .build();
            response = importFile(clients, zip, header);
          } finally {
            zip.toFile().delete();
          }
        } else {
          response =
              importFile(
                  clients,
                  path,
                  header(format == null ? formatOf(path.getFileName().toString()) : format.proto));
        }
        System.out.println(describe(response));
        return 0;
      }
    }

    private static DatasetFormat formatOf(String fileName) {
      return fileName.endsWith(".npz")
          ? DatasetFormat.DATASET_FORMAT_MEDMNIST_NPZ
          : DatasetFormat.DATASET_FORMAT_IMAGE_FOLDER;
    }

    private static DatasetFormat folderFormat(Path folder) {
      try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
        return files.anyMatch(file -> file.getFileName().toString().toLowerCase().endsWith(".dcm"))
            ? DatasetFormat.DATASET_FORMAT_DICOM
            : DatasetFormat.DATASET_FORMAT_IMAGE_FOLDER;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot list " + folder, e);
      }
    }

    private ImportDatasetRequest header(DatasetFormat datasetFormat) {
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
      ImportDatasetRequest.Builder header =
          ImportDatasetRequest.newBuilder()
              .setDatasetId(id)
              .setRequestId(UUID.randomUUID().toString())
              .setFormat(datasetFormat)
              .setDisplayName(name)
              .setCard(card)
              .setImageSize(size)
              .setSplitPlan(
                  SplitPlan.newBuilder()
                      .setSeed(splitSeed)
                      .setValFraction(valFraction)
                      .setTestFraction(testFraction));
      if (window != null) {
        if (window.size() != 2) {
          throw new IllegalArgumentException("--window takes CENTER,WIDTH");
        }
        header.setWindow(DicomWindow.newBuilder().setCenter(window.get(0)).setWidth(window.get(1)));
      }
      return header.build();
    }
  }

  /** {@code medxfer datasets show NAME}. */
  @Command(name = "show", description = "Show a data set's card and a version's splits.")
  public static final class Show implements Callable<Integer> {

    @Mixin ConnectionOptions connection;

    @Parameters(
        index = "0",
        paramLabel = "DATASET",
        description = "A data set id, datasets/ID, or datasets/ID/versions/VERSION.")
    String name;

    @Override
    public Integer call() {
      String versionName =
          name.contains("/versions/")
              ? name
              : (name.startsWith("datasets/") ? name : "datasets/" + name) + "/versions/latest";
      String datasetName = versionName.substring(0, versionName.indexOf("/versions/"));
      try (MedxferClients clients = connection.clients()) {
        Dataset dataset =
            clients
                .datasets()
                .getDataset(GetDatasetRequest.newBuilder().setName(datasetName).build());
        DatasetVersion version =
            clients
                .datasets()
                .getDatasetVersion(
                    GetDatasetVersionRequest.newBuilder().setName(versionName).build());
        System.out.print(show(dataset, version));
        return 0;
      }
    }
  }

  /** {@code medxfer datasets list}. */
  @Command(name = "list", description = "List data sets.")
  public static final class ListAll implements Callable<Integer> {

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      try (MedxferClients clients = connection.clients()) {
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
    return (response.getAlreadyExisted() ? "already imported: " : "imported: ")
        + response.getVersion().getName()
        + "\n"
        + splits(response.getVersion());
  }

  /** A data set's card and one version's splits, class counts and pixel statistics. */
  static String show(Dataset dataset, DatasetVersion version) {
    DatasetCard card = version.getCard();
    ImageShape shape = version.getImageShape();
    StringBuilder text = new StringBuilder();
    text.append(dataset.getName()).append("  ").append(dataset.getDisplayName()).append('\n');
    text.append("  state:        ").append(EnumLabels.of(dataset.getState())).append('\n');
    text.append("  version:      ").append(version.getName()).append('\n');
    text.append("  content hash: ").append(version.getContentHash()).append('\n');
    text.append("  modality:     ").append(card.getModality()).append('\n');
    text.append("  task:         ").append(EnumLabels.of(card.getTaskType())).append('\n');
    text.append("  classes:      ")
        .append(String.join(", ", card.getClassNamesList()))
        .append('\n');
    text.append("  licence:      ").append(card.getLicense()).append('\n');
    text.append("  source:       ").append(card.getSource()).append('\n');
    text.append("  images:       ")
        .append(shape.getHeight())
        .append('x')
        .append(shape.getWidth())
        .append('x')
        .append(shape.getChannels())
        .append('\n');
    if (version.hasPixelStatistics()) {
      PixelStatistics stats = version.getPixelStatistics();
      text.append("  train pixels: ");
      for (int c = 0; c < stats.getMeanCount(); c++) {
        text.append(c == 0 ? "" : "; ")
            .append(
                "mean %.1f sd %.1f range %d-%d"
                    .formatted(
                        stats.getMean(c), stats.getStd(c), stats.getMin(c), stats.getMax(c)));
      }
      text.append('\n');
    }
    return text.append(splits(version)).toString();
  }

  private static String splits(DatasetVersion version) {
    List<String> classes = version.getCard().getClassNamesList();
    List<String> header = new java.util.ArrayList<>(List.of("split", "images"));
    header.addAll(classes);
    TextTable table = new TextTable(header);
    for (SplitInfo split : version.getSplitsList()) {
      List<String> row = new java.util.ArrayList<>();
      row.add(EnumLabels.of(split.getSplit()));
      row.add(Long.toString(split.getCount()));
      for (long count : split.getClassCountsList()) {
        row.add(Long.toString(count));
      }
      table.add(row);
    }
    return table.render();
  }
}
