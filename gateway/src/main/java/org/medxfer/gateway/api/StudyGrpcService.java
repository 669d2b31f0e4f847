package org.medxfer.gateway.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.medxfer.common.grpc.Caller;
import org.medxfer.gateway.app.CancelStudy;
import org.medxfer.gateway.app.CreateStudy;
import org.medxfer.gateway.app.RerunStudy;
import org.medxfer.gateway.app.StudyAccess;
import org.medxfer.gateway.app.StudyQueries;
import org.medxfer.gateway.app.WatchStudy;
import org.medxfer.gateway.domain.Study;
import org.medxfer.gateway.domain.Trial;
import org.medxfer.proto.study.v1.CancelStudyRequest;
import org.medxfer.proto.study.v1.CreateStudyRequest;
import org.medxfer.proto.study.v1.GetStudyRequest;
import org.medxfer.proto.study.v1.GetTrialRequest;
import org.medxfer.proto.study.v1.ListStudiesRequest;
import org.medxfer.proto.study.v1.ListStudiesResponse;
import org.medxfer.proto.study.v1.ListTrialsRequest;
import org.medxfer.proto.study.v1.ListTrialsResponse;
import org.medxfer.proto.study.v1.RerunStudyRequest;
import org.medxfer.proto.study.v1.StudyServiceGrpc;
import org.medxfer.proto.study.v1.WatchStudyRequest;
import org.medxfer.proto.study.v1.WatchStudyResponse;

/** {@code medxfer.study.v1.StudyService}; every method does blocking work, on worker threads. */
@GrpcService
@Blocking
public class StudyGrpcService extends StudyServiceGrpc.StudyServiceImplBase {

  private final CreateStudy createStudy;
  private final CancelStudy cancelStudy;
  private final RerunStudy rerunStudy;
  private final StudyQueries queries;
  private final WatchStudy watchStudy;
  private final StudyAccess access;

  public StudyGrpcService(
      CreateStudy createStudy,
      CancelStudy cancelStudy,
      RerunStudy rerunStudy,
      StudyQueries queries,
      WatchStudy watchStudy,
      StudyAccess access) {
    this.access = access;
    this.createStudy = createStudy;
    this.cancelStudy = cancelStudy;
    this.rerunStudy = rerunStudy;
    this.queries = queries;
    this.watchStudy = watchStudy;
  }

  @Override
  public void createStudy(
      CreateStudyRequest request, StreamObserver<org.medxfer.proto.study.v1.Study> response) {
    respond(
        response,
        () ->
            StudyMapper.toProto(createStudy.create(command(request), Caller.current().project())));
  }

  @Override
  public void getStudy(
      GetStudyRequest request, StreamObserver<org.medxfer.proto.study.v1.Study> response) {
    respond(
        response,
        () -> {
          access.requireStudy(request.getName(), Caller.current().project());
          return StudyMapper.toProto(queries.getStudy(request.getName()));
        });
  }

  @Override
  public void listStudies(
      ListStudiesRequest request, StreamObserver<ListStudiesResponse> response) {
    respond(
        response,
        () -> {
          StudyQueries.Page<Study> page =
              queries.listStudies(
                  Caller.current().project(), request.getPageSize(), request.getPageToken());
          return ListStudiesResponse.newBuilder()
              .addAllStudies(page.items().stream().map(StudyMapper::toProto).toList())
              .setNextPageToken(page.nextPageToken())
              .build();
        });
  }

  @Override
  public void cancelStudy(
      CancelStudyRequest request, StreamObserver<org.medxfer.proto.study.v1.Study> response) {
    respond(
        response,
        () -> {
          access.requireStudy(request.getName(), Caller.current().project());
          return StudyMapper.toProto(cancelStudy.cancel(request.getName()));
        });
  }

  @Override
  public void rerunStudy(
      RerunStudyRequest request, StreamObserver<org.medxfer.proto.study.v1.Study> response) {
    respond(
        response,
        () -> {
          access.requireStudy(request.getName(), Caller.current().project());
          return StudyMapper.toProto(rerunStudy.rerun(request.getName()));
        });
  }

  @Override
  public void getTrial(
      GetTrialRequest request, StreamObserver<org.medxfer.proto.study.v1.Trial> response) {
    respond(
        response,
        () -> {
          access.requireTrial(request.getName(), Caller.current().project());
          return TrialMapper.toProto(queries.getTrial(request.getName()));
        });
  }

  @Override
  public void listTrials(ListTrialsRequest request, StreamObserver<ListTrialsResponse> response) {
    respond(
        response,
        () -> {
          access.requireStudy(request.getParent(), Caller.current().project());
          StudyQueries.Page<Trial> page =
              queries.listTrials(
                  request.getParent(), request.getPageSize(), request.getPageToken());
          return ListTrialsResponse.newBuilder()
              .addAllTrials(page.items().stream().map(TrialMapper::toProto).toList())
              .setNextPageToken(page.nextPageToken())
              .build();
        });
  }

  @Override
  public void watchStudy(WatchStudyRequest request, StreamObserver<WatchStudyResponse> response) {
    ServerCallStreamObserver<WatchStudyResponse> stream =
        (ServerCallStreamObserver<WatchStudyResponse>) response;
    // The handler must be in place before the first message: grpc-java accepts it only during the
    // call's first invocation, and with it a message after cancellation is dropped, not thrown.
    AtomicReference<WatchStudy.Subscription> subscription = new AtomicReference<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    stream.setOnCancelHandler(
        () -> {
          cancelled.set(true);
          WatchStudy.Subscription running = subscription.get();
          if (running != null) {
            running.cancel();
          }
        });
    try {
      access.requireStudy(request.getName(), Caller.current().project());
      subscription.set(watchStudy.watch(request.getName(), new StreamWatcher(stream)));
    } catch (RuntimeException e) {
      response.onError(ErrorMapper.toStatus(e));
      return;
    }
    if (cancelled.get()) {
      subscription.get().cancel();
    }
  }

  private static CreateStudy.Command command(CreateStudyRequest request) {
    if (request.getSourceCase() == CreateStudyRequest.SourceCase.SPEC) {
      return CreateStudy.Command.fromSpec(
          request.getRequestId(),
          request.getStudyId(),
          StudySpecMapper.toDomain(request.getSpec(), request.getDisplayName()),
          StudySpecMapper::specFieldPath,
          request.getValidateOnly());
    }
    return CreateStudy.Command.fromFile(
        request.getRequestId(),
        request.getStudyId(),
        request.getStudyFile(),
        request.getValidateOnly());
  }

  private static <T> void respond(StreamObserver<T> response, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      response.onError(ErrorMapper.toStatus(e));
      return;
    }
    response.onNext(result);
    response.onCompleted();
  }

  /** Sends a watch's messages on the call's stream. */
  private static final class StreamWatcher implements WatchStudy.Watcher {

    private final ServerCallStreamObserver<WatchStudyResponse> stream;

    StreamWatcher(ServerCallStreamObserver<WatchStudyResponse> stream) {
      this.stream = stream;
    }

    @Override
    public boolean isReady() {
      return stream.isReady() && !stream.isCancelled();
    }

    @Override
    public void changed(Study study, List<Trial> trials) {
      stream.onNext(
          WatchStudyResponse.newBuilder()
              .setStudy(StudyMapper.toProto(study))
              .addAllTrials(trials.stream().map(TrialMapper::toProto).toList())
              .build());
    }

    @Override
    public void ended() {
      stream.onCompleted();
    }

    @Override
    public void failed(RuntimeException error) {
      stream.onError(ErrorMapper.toStatus(error));
    }
  }
}
