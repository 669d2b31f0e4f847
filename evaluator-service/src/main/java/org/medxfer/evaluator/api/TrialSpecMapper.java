package org.medxfer.evaluator.api;

import org.medxfer.evaluator.domain.AdaptationSpec;
import org.medxfer.evaluator.domain.InitSpec;
import org.medxfer.evaluator.domain.TrialFactors;
import org.medxfer.proto.trial.v1.Adaptation;
import org.medxfer.proto.trial.v1.Initialization;
import org.medxfer.proto.trial.v1.TrialSpec;

/** A {@code TrialSpec}'s factors as the domain sees them, and back. */
public final class TrialSpecMapper {

  private TrialSpecMapper() {}

  public static TrialFactors toFactors(TrialSpec spec) {
    return new TrialFactors(
        spec.getDataset(),
        spec.getDatasetVersion(),
        spec.getArchitecture(),
        toDomain(spec.getInit()),
        toDomain(spec.getAdaptation()),
        spec.getLabelFraction(),
        spec.getResolution(),
        spec.getSeed());
  }

  public static InitSpec toDomain(Initialization init) {
    return new InitSpec(
        ProtoEnumMapper.toDomain(init.getKind()),
        init.getWeights(),
        init.getUpToBlock(),
        init.getSourceTrial());
  }

  public static AdaptationSpec toDomain(Adaptation adaptation) {
    return new AdaptationSpec(
        ProtoEnumMapper.toDomain(adaptation.getKind()), adaptation.getFreezeUpToBlock());
  }

  public static Initialization toProto(InitSpec init) {
    return Initialization.newBuilder()
        .setKind(ProtoEnumMapper.toProto(init.kind()))
        .setWeights(init.weights())
        .setUpToBlock(init.upToBlock())
        .setSourceTrial(init.sourceTrial())
        .build();
  }

  public static Adaptation toProto(AdaptationSpec adaptation) {
    return Adaptation.newBuilder()
        .setKind(ProtoEnumMapper.toProto(adaptation.kind()))
        .setFreezeUpToBlock(adaptation.freezeUpToBlock())
        .build();
  }
}
