package org.medxfer.trainer.api;

import java.util.ArrayList;
import java.util.List;
import org.medxfer.proto.trial.v1.ConvBlock;
import org.medxfer.proto.trial.v1.CustomCnn;
import org.medxfer.trainer.domain.CustomCnnDesign;

/** The trial spec's {@code CustomCnn} to the design the trainer builds, with the proto defaults. */
public final class CustomCnnMapper {

  private CustomCnnMapper() {}

  /**
   * Unset {@code kernel_size} means 3, unset {@code convs} 1, unset {@code pool} none.
   *
   * @throws org.medxfer.trainer.domain.TrialFailedException INVALID_SPEC naming every bad field
   */
  public static CustomCnnDesign toDesign(CustomCnn cnn) {
    List<CustomCnnDesign.Block> blocks = new ArrayList<>();
    for (ConvBlock block : cnn.getBlocksList()) {
      blocks.add(
          new CustomCnnDesign.Block(
              block.getFilters(),
              block.getKernelSize() == 0 ? 3 : block.getKernelSize(),
              block.getConvs() == 0 ? 1 : block.getConvs(),
              block.getBatchNorm(),
              switch (block.getPool()) {
                case POOL_KIND_MAX -> CustomCnnDesign.Pool.MAX;
                case POOL_KIND_AVERAGE -> CustomCnnDesign.Pool.AVERAGE;
                case POOL_KIND_UNSPECIFIED, POOL_KIND_NONE -> CustomCnnDesign.Pool.NONE;
                case UNRECOGNIZED -> null;
              }));
    }
    return new CustomCnnDesign(blocks, cnn.getDropout());
  }
}
