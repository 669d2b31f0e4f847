package org.medxfer.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceImageBuilderTest {

  @Test
  void theFastJarIsLaidOutFromTheLeastToTheMostOftenChangedLayer(@TempDir Path app)
      throws Exception {
    Files.createDirectories(app.resolve("lib/boot"));
    Files.createDirectories(app.resolve("lib/main"));
    Files.createDirectories(app.resolve("quarkus"));
    Files.createDirectories(app.resolve("app"));
    Files.writeString(app.resolve("quarkus-run.jar"), "runner");
    Files.writeString(app.resolve("lib/boot/boot.jar"), "b");
    Files.writeString(app.resolve("lib/main/lib.jar"), "l");
    Files.writeString(app.resolve("quarkus/quarkus-application.dat"), "q");
    Files.writeString(app.resolve("app/service.jar"), "a");

    List<FileEntriesLayer> layers = ServiceImageBuilder.applicationLayers(app);

    assertThat(layers)
        .extracting(FileEntriesLayer::getName)
        .containsExactly("boot-libraries", "libraries", "quarkus", "application");
    assertThat(paths(layers.get(0))).contains("/deployments/lib/boot/boot.jar");
    assertThat(paths(layers.get(2)))
        .contains("/deployments/quarkus-run.jar", "/deployments/quarkus/quarkus-application.dat");
    assertThat(paths(layers.get(3))).contains("/deployments/app/service.jar");
    // Reproducible: fixed times, and no file is executable.
    assertThat(layers.stream().flatMap(l -> l.getEntries().stream()))
        .allSatisfy(e -> assertThat(e.getModificationTime().getEpochSecond()).isZero())
        .filteredOn(e -> e.getSourceFile().toString().endsWith(".jar"))
        .allSatisfy(e -> assertThat(e.getPermissions().toOctalString()).isEqualTo("644"));
  }

  @Test
  void anUnpackagedServiceIsRefusedNamingTheFolder(@TempDir Path app) {
    assertThatThrownBy(() -> ServiceImageBuilder.applicationLayers(app))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(app.toString())
        .hasMessageContaining("quarkus-run.jar");
  }

  @Test
  void onlyRegistryBasesNeedTheNetwork() {
    assertThat(ServiceImageBuilder.isRegistryImage("scratch")).isFalse();
    assertThat(ServiceImageBuilder.isRegistryImage("tar:///images/base.tar")).isFalse();
    assertThat(ServiceImageBuilder.isRegistryImage("nvidia/cuda:12.5.1-cudnn-runtime-ubuntu24.04"))
        .isTrue();
  }

  private static List<String> paths(FileEntriesLayer layer) {
    return layer.getEntries().stream()
        .map(FileEntry::getExtractionPath)
        .map(Object::toString)
        .toList();
  }
}
