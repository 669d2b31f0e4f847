package org.medxfer.common.grpc;

import io.grpc.Context;
import io.grpc.Status;

/**
 * Who makes a call: the token's subject and the project it acts for. The authenticating interceptor
 * puts it in the gRPC {@link Context} of every call it lets through.
 */
public record Caller(String subject, String project) {

  /** The caller of the current call, set by {@link AuthenticatingInterceptor}. */
  public static final Context.Key<Caller> CONTEXT_KEY = Context.key("medxfer-caller");

  /**
   * The caller of the call this thread serves. A call that reached a service method without one was
   * let through unauthenticated by mistake, so it fails rather than acting for nobody.
   */
  public static Caller current() {
    Caller caller = CONTEXT_KEY.get();
    if (caller == null) {
      throw Status.UNAUTHENTICATED
          .withDescription("the call carries no caller")
          .asRuntimeException();
    }
    return caller;
  }
}
