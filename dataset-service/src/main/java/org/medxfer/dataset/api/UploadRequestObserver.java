package org.medxfer.dataset.api;

import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import org.medxfer.dataset.app.ImportDataset;
import org.medxfer.dataset.app.SpooledFile;
import org.medxfer.dataset.app.UploadSpool;
import org.medxfer.dataset.domain.ImportOutcome;
import org.medxfer.dataset.domain.ImportRequest;
import org.medxfer.dataset.domain.InvalidRequestException;
import org.medxfer.dataset.domain.InvalidRequestException.Reason;
import org.medxfer.proto.dataset.v1.ImportDatasetRequest;
import org.medxfer.proto.dataset.v1.ImportDatasetResponse;
import org.medxfer.proto.dataset.v1.UploadDatasetRequest;

/**
 * Receives one UploadDataset stream: checks the header as soon as it arrives, spools the chunks to
 * a local file, and imports the file when the client half-closes. The first failure ends the call;
 * later messages are ignored and the spool is deleted. The caller's project is taken when the call
 * starts, since the stream's messages may arrive on other threads.
 */
final class UploadRequestObserver implements StreamObserver<UploadDatasetRequest> {

  /** The largest chunk a message may carry. */
  static final int MAX_CHUNK_BYTES = 4 * 1024 * 1024;

  private final ImportDataset importDataset;
  private final String project;
  private final StreamObserver<ImportDatasetResponse> responses;
  private final Function<ImportOutcome, ImportDatasetResponse> toResponse;
  private ImportDatasetRequest header;
  private ImportRequest request;
  private UploadSpool spool;
  private boolean finished;

  UploadRequestObserver(
      ImportDataset importDataset,
      String project,
      StreamObserver<ImportDatasetResponse> responses,
      Function<ImportOutcome, ImportDatasetResponse> toResponse) {
    this.importDataset = importDataset;
    this.project = project;
    this.responses = responses;
    this.toResponse = toResponse;
  }

  @Override
  public void onNext(UploadDatasetRequest message) {
    if (finished) {
      return;
    }
    try {
      switch (message.getPartCase()) {
        case HEADER -> receiveHeader(message.getHeader());
        case CHUNK -> receiveChunk(message.getChunk().toByteArray());
        case PART_NOT_SET ->
            throw streamError("part", "a message carries neither header nor chunk");
        default -> throw new IllegalStateException("unknown part " + message.getPartCase());
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void receiveHeader(ImportDatasetRequest received) {
    if (header != null) {
      throw streamError("header", "the header must be sent once, in the first message");
    }
    header = received;
    request = DatasetMapper.toImportRequest(received);
    importDataset.checkRequest(project, request);
    spool = importDataset.openUpload();
  }

  private void receiveChunk(byte[] chunk) {
    if (header == null) {
      throw streamError("header", "the first message must carry the header");
    }
    if (chunk.length > MAX_CHUNK_BYTES) {
      throw streamError(
          "chunk", "a chunk has " + chunk.length + " bytes, more than " + MAX_CHUNK_BYTES);
    }
    spool.append(chunk);
  }

  @Override
  public void onError(Throwable cancelled) {
    // The client went away: nothing to answer, only the spool to delete.
    finished = true;
    closeSpool();
  }

  @Override
  public void onCompleted() {
    if (finished) {
      return;
    }
    if (header == null) {
      fail(streamError("header", "the stream ended without a header"));
      return;
    }
    try (SpooledFile file = spool.finish(fileName())) {
      ImportDatasetResponse response =
          toResponse.apply(importDataset.importUpload(project, request, file));
      finished = true;
      responses.onNext(response);
      responses.onCompleted();
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      closeSpool();
    }
  }

  /** How error messages name the upload: the client's file name, when it sent one. */
  private String fileName() {
    return header.getFileName().isEmpty()
        ? "the upload to " + DatasetMapper.datasetName(header.getDatasetId())
        : header.getFileName();
  }

  private void fail(RuntimeException error) {
    finished = true;
    closeSpool();
    responses.onError(DatasetErrorMapper.toStatus(error, DatasetErrorMapper.FieldNames.UPLOAD));
  }

  private void closeSpool() {
    if (spool != null) {
      spool.close();
      spool = null;
    }
  }

  /** A malformed stream; its fields are the stream's own (header, chunk, part). */
  private static InvalidRequestException streamError(String field, String description) {
    return InvalidRequestException.of(Reason.INVALID_UPLOAD_STREAM, field, description);
  }
}
