package org.medxfer.gateway.infra.models;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.medxfer.common.models.ArchitectureInfo;
import org.medxfer.common.models.ModelCatalog;
import org.medxfer.common.models.WeightSet;
import org.medxfer.gateway.domain.ArchitectureFacts;
import org.medxfer.gateway.domain.ModelZoo;

/** The model zoo as common's {@link ModelCatalog} ships it: the one list trainers build from. */
@ApplicationScoped
public class CatalogModelZoo implements ModelZoo {

  private final ModelCatalog catalog;

  public CatalogModelZoo() {
    this(ModelCatalog.bundled());
  }

  public CatalogModelZoo(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public List<String> architectureIds() {
    return catalog.architectures().stream().map(ArchitectureInfo::id).toList();
  }

  @Override
  public Optional<ArchitectureFacts> architecture(String id) {
    return catalog
        .architecture(id)
        .map(
            info ->
                new ArchitectureFacts(info.id(), info.minimumResolution(), info.blocks().size()));
  }

  @Override
  public Optional<String> weightsArchitecture(String weightsName) {
    return catalog.weightSet(weightsName).map(WeightSet::architecture);
  }

  @Override
  public boolean hasDefaultWeights(String architectureId) {
    return catalog.defaultWeights(architectureId).isPresent();
  }
}
