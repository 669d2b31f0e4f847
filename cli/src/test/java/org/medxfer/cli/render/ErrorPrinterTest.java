package org.medxfer.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class ErrorPrinterTest {

  @Test
  void anUnauthenticatedCallSaysHowToGetAToken() {
    String text =
        ErrorPrinter.describe(
            Status.UNAUTHENTICATED.withDescription("the token has expired").asRuntimeException());

    assertThat(text)
        .startsWith("error: UNAUTHENTICATED: the token has expired")
        .contains("set MEDXFER_TOKEN")
        .contains("./medxfer up");
  }

  @Test
  void otherErrorsGetNoTokenAdvice() {
    assertThat(ErrorPrinter.describe(Status.NOT_FOUND.withDescription("no").asRuntimeException()))
        .doesNotContain("MEDXFER_TOKEN");
  }
}
