package org.medxfer.cli.client;

import com.google.protobuf.ByteString;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.UploadDatasetRequest;

/**
 * Streams a local file to {@code UploadDataset} through the gateway, with flow control; a folder
 * (an image-folder or DICOM data set with its labels.csv) is zipped to a temporary file first.
 */
public final class DatasetUploader {

  private static final int CHUNK_BYTES = 1 << 20;

  private DatasetUploader() {}

  /** Uploads {@code file} under {@code header} and waits for the import's result. */
  public static ImportDatasetResponse upload(
      DatasetServiceGrpc.DatasetServiceStub stub, ImportDatasetRequest header, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("data set file " + file + " does not exist");
    }
    ImportDatasetRequest named =
        header.getFileName().isEmpty()
            ? header.toBuilder().setFileName(file.getFileName().toString()).build()
            : header;
    CompletableFuture<ImportDatasetResponse> result = new CompletableFuture<>();
    CompletableFuture<Void> sent = new CompletableFuture<>();
    stub.uploadDataset(
        new ClientResponseObserver<UploadDatasetRequest, ImportDatasetResponse>() {
          private InputStream in;
          private boolean headerSent;

          @Override
          public void beforeStart(ClientCallStreamObserver<UploadDatasetRequest> requests) {
            // Sends only when the transport is ready, so a large file never piles up in memory.
            requests.setOnReadyHandler(
                () -> {
                  try {
                    while (requests.isReady() && !sent.isDone()) {
                      if (!headerSent) {
                        requests.onNext(UploadDatasetRequest.newBuilder().setHeader(named).build());
                        headerSent = true;
                        in = Files.newInputStream(file);
                        continue;
                      }
                      byte[] chunk = in.readNBytes(CHUNK_BYTES);
                      if (chunk.length == 0) {
                        in.close();
                        sent.complete(null);
                        requests.onCompleted();
                        return;
                      }
                      requests.onNext(
                          UploadDatasetRequest.newBuilder()
                              .setChunk(ByteString.copyFrom(chunk))
                              .build());
                    }
                  } catch (IOException e) {
                    sent.completeExceptionally(e);
                    requests.cancel("reading " + file + " failed", e);
                  }
                });
          }

          @Override
          public void onNext(ImportDatasetResponse response) {
            result.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            result.completeExceptionally(error);
          }

          @Override
          public void onCompleted() {
            if (!result.isDone()) {
              result.completeExceptionally(
                  new IllegalStateException("upload ended without a result"));
            }
          }
        });
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while uploading " + file, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Zips a folder's files (entry names relative to the folder, {@code /}-separated) into a new
   * temporary file, which the caller deletes. Images are already compressed, so entries are only
   * lightly deflated.
   */
  public static Path zipFolder(Path folder) {
    if (!Files.isRegularFile(folder.resolve("labels.csv"))) {
      throw new IllegalArgumentException(
          "folder " + folder + " has no labels.csv (columns file,label[,split])");
    }
    try {
      Path zip = Files.createTempFile("medxfer-import-", ".zip");
      List<Path> files;
      try (Stream<Path> walk = Files.walk(folder)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
        out.setLevel(1);
        for (Path file : files) {
          String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
          out.putNextEntry(new ZipEntry(name));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
      return zip;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot zip " + folder, e);
    }
  }
}
