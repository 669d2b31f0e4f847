package org.medxfer.common.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * The client side of {@link AuthenticatingInterceptor}: sends {@code Bearer <token>} with every
 * call.
 */
public final class BearerTokenAttacher implements ClientInterceptor {

  private final String token;

  public BearerTokenAttacher(String token) {
    this.token = token;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        headers.put(AuthenticatingInterceptor.AUTHORIZATION, "Bearer " + token);
        super.start(listener, headers);
      }
    };
  }

  @Override
  public String toString() {
    return "BearerTokenAttacher[token hidden]";
  }
}
