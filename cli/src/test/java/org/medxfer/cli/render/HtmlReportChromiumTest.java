package org.medxfer.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Renders the demo study's report in a real headless Chromium (Debian package {@code chromium}; the
 * binary can be moved with {@code -Dmedxfer.chromium=PATH}) and checks the screenshot: the page is
 * drawn, and the plots' colours for ImageNet and random initialisation are on it. The screenshot is
 * kept as {@code target/report-screenshot.png} for a human look.
 */
class HtmlReportChromiumTest {

  private static final Path CHROMIUM =
      Path.of(System.getProperty("medxfer.chromium", "/usr/bin/chromium"));
  private static final int IMAGENET_BLUE = 0x2563eb;
  private static final int RANDOM_GREY = 0x6b7280;

  @Test
  void theReportRendersWithItsPlotsInHeadlessChromium() throws Exception {
    assertThat(CHROMIUM)
        .as("the report test needs Chromium: apt-get install chromium (or -Dmedxfer.chromium)")
        .isExecutable();
    Path dir = Path.of("target", "report-chromium");
    Files.createDirectories(dir);
    Path html = dir.resolve("report.html").toAbsolutePath();
    Files.writeString(html, HtmlReport.render(DemoReportInputs.load()), StandardCharsets.UTF_8);
    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);

    String dom = chromium(dir, "--dump-dom", html.toUri().toString());
    chromium(
        dir,
        "--screenshot=" + screenshot,
        "--window-size=1200,4200",
        "--hide-scrollbars",
        html.toUri().toString());

    // Chromium parsed the inline SVG as SVG: the plots are in its DOM.
    assertThat(dom).contains("<svg class=\"plot forest\"");
    assertThat(dom.split("<polyline class=\"curve\"", -1)).hasSize(25);
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(pixels(image, IMAGENET_BLUE)).as("ImageNet-blue pixels").isGreaterThan(500);
    assertThat(pixels(image, RANDOM_GREY)).as("random-grey pixels").isGreaterThan(500);
  }

  private static String chromium(Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile").toAbsolutePath()));
    command.addAll(List.of(args));
    Path out = dir.resolve("chromium.out");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("chromium.err").toFile())
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
    assertThat(process.exitValue())
        .as("Chromium's exit status; see " + dir.resolve("chromium.err"))
        .isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static long pixels(BufferedImage image, int rgb) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          count++;
        }
      }
    }
    return count;
  }
}
