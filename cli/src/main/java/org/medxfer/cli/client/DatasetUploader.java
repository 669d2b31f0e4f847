package org.medxfer.cli.client;

import com.google.protobuf.ByteString;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.medxfer.proto.dataset.v1.DatasetServiceGrpc;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.UploadDatasetRequest;

/** Streams a local file to dataset-service's {@code UploadDataset}, with flow control. */
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
}
