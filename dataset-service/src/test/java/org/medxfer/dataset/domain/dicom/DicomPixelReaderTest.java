package org.medxfer.dataset.domain.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Facts about the shipped samples come from shared/data/PROVENANCE.md, section 3. */
class DicomPixelReaderTest {

  private final DicomPixelReader reader = new DicomPixelReader();

  @Test
  void readsCtSmallStoredValuesAndWindowsItsRescaledRangeWhenTheFileHasNoWindow() throws Exception {
    DicomImage image = reader.read(sample("CT_small.dcm"));

    assertThat(image.rows()).isEqualTo(128);
    assertThat(image.columns()).isEqualTo(128);
    assertThat(image.samples()).isEqualTo(1);
    assertThat(image.modality()).isEqualTo("CT");
    assertThat(image.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
    assertThat(image.storedValues())
        .isEqualTo(new StoredValueStats(128 * 128, 128, 2191, 14_826_310L));
    assertThat(image.pixels()).hasSize(128 * 128);
    assertThat(min(image.pixels())).isZero();
    assertThat(max(image.pixels())).isEqualTo(255);
  }

  @Test
  void appliesTheRescaleInterceptBeforeWindowing() throws Exception {
    // CT_small has RescaleIntercept -1024: stored 128..2191 are -896..1167 HU.
    DicomImage minMax = reader.read(sample("CT_small.dcm"));
    DicomImage inHounsfield = reader.read(sample("CT_small.dcm"), Window.spanning(-896, 1167));
    DicomImage inStoredUnits = reader.read(sample("CT_small.dcm"), Window.spanning(128, 2191));

    assertThat(inHounsfield.pixels()).isEqualTo(minMax.pixels());
    assertThat(inStoredUnits.pixels()).isNotEqualTo(minMax.pixels());
  }

  @Test
  void readsMrSmallWithTheWindowFromTheFile() throws Exception {
    DicomImage image = reader.read(sample("MR_small.dcm"));

    assertThat(image.rows()).isEqualTo(64);
    assertThat(image.columns()).isEqualTo(64);
    assertThat(image.modality()).isEqualTo("MR");
    assertThat(image.storedValues()).isEqualTo(new StoredValueStats(4096, 127, 2145, 2_125_338L));
    // WC 600 / WW 1600 spans -200..1400: the stored maximum 2145 clamps to 255 and the minimum
    // 127 lands at (127 + 200) / 1600 * 255 = 52, not at 0 as a min-max window would put it.
    assertThat(max(image.pixels())).isEqualTo(255);
    assertThat(min(image.pixels())).isEqualTo(52);
  }

  @Test
  void aWindowFromTheCallerWinsOverTheFilesAndMapsItsBoundsToZeroAnd255() throws Exception {
    DicomImage image = reader.read(sample("MR_small.dcm"), Window.spanning(127, 2145));

    assertThat(min(image.pixels())).isZero();
    assertThat(max(image.pixels())).isEqualTo(255);
  }

  @ParameterizedTest
  @CsvSource({
    "MR_small_implicit.dcm, 1.2.840.10008.1.2",
    "MR_small_bigendian.dcm, 1.2.840.10008.1.2.2",
    "MR_small_RLE.dcm, 1.2.840.10008.1.2.5"
  })
  void everyEncodingOfMrSmallDecodesToTheSameImage(String file, String transferSyntaxUid)
      throws Exception {
    DicomImage reference = reader.read(sample("MR_small.dcm"));

    DicomImage image = reader.read(sample(file));

    assertThat(image.transferSyntaxUid()).isEqualTo(transferSyntaxUid);
    assertThat(image.rows()).isEqualTo(64);
    assertThat(image.columns()).isEqualTo(64);
    assertThat(image.storedValues()).isEqualTo(reference.storedValues());
    assertThat(image.pixels()).isEqualTo(reference.pixels());
  }

  @Test
  void readsTheOddLengthRgbSampleChannelsLastWithoutWindowing() throws Exception {
    DicomImage image = reader.read(sample("SC_rgb_small_odd.dcm"));

    assertThat(image.rows()).isEqualTo(3);
    assertThat(image.columns()).isEqualTo(3);
    assertThat(image.samples()).isEqualTo(3);
    assertThat(image.modality()).isEqualTo("OT");
    assertThat(image.pixels()).hasSize(27);
    assertThat(image.storedValues().sum()).isEqualTo(3_477L);
    assertThat(sum(image.pixels())).isEqualTo(3_477L);
  }

  @Test
  void truncatedPixelDataIsRefusedWithTheFileNameAndBothSizes() {
    assertThatThrownBy(() -> reader.read(sample("MR_truncated.dcm")))
        .isInstanceOf(DicomFormatException.class)
        .hasMessage("MR_truncated.dcm: PixelData holds 8130 bytes where 8192 are expected");
  }

  @Test
  void aFileCutBeforePixelDataNamesWhereItEnds() throws Exception {
    byte[] cut = Arrays.copyOf(Files.readAllBytes(sample("CT_small.dcm")), 1000);

    assertThatThrownBy(() -> reader.read("CT_cut.dcm", cut, Optional.empty()))
        .isInstanceOf(DicomFormatException.class)
        .hasMessageStartingWith("CT_cut.dcm: file ends inside");
  }

  @Test
  void aFileWithoutTheDicmPrefixIsNotDicom(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "not an image\n".repeat(20), StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> reader.read(file))
        .isInstanceOf(DicomFormatException.class)
        .hasMessage("notes.txt: not a DICOM file (no 'DICM' after the 128-byte preamble)");
  }

  @Test
  void anUnsupportedTransferSyntaxIsNamedByItsUid() {
    byte[] jpeg =
        DicomFileBuilder.withTransferSyntax("1.2.840.10008.1.2.4.50")
            .pixelData(new byte[4])
            .build();

    assertThatThrownBy(() -> reader.read("scan.dcm", jpeg, Optional.empty()))
        .isInstanceOf(DicomFormatException.class)
        .hasMessageStartingWith("scan.dcm: unsupported transfer syntax 1.2.840.10008.1.2.4.50");
  }

  @Test
  void aMissingRequiredTagIsNamed() {
    byte[] noRows =
        DicomFileBuilder.withTransferSyntax(DicomFileBuilder.EXPLICIT_VR_LITTLE_ENDIAN)
            .text(DicomAttributes.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2 ")
            .us(DicomAttributes.COLUMNS, 2)
            .us(DicomAttributes.BITS_ALLOCATED, 8)
            .pixelData(new byte[4])
            .build();

    assertThatThrownBy(() -> reader.read("scan.dcm", noRows, Optional.empty()))
        .isInstanceOf(DicomFormatException.class)
        .hasMessage("scan.dcm: missing required tag Rows (0028,0010)");
  }

  @Test
  void aFileWithoutPixelDataIsRefused() {
    byte[] noPixels = DicomFileBuilder.grey8(2, 2, "MONOCHROME2").build();

    assertThatThrownBy(() -> reader.read("scan.dcm", noPixels, Optional.empty()))
        .isInstanceOf(DicomFormatException.class)
        .hasMessage("scan.dcm: missing required tag PixelData (7FE0,0010)");
  }

  @Test
  void skipsOddLengthValuesAndNestedUndefinedLengthSequencesOnTheWayToPixelData() {
    byte[] file =
        DicomFileBuilder.grey8(1, 2, "MONOCHROME2")
            .text(0x00080070, "LO", "ACME")
            .nestedUndefinedLengthSequence(0x00081110)
            .text(DicomAttributes.MODALITY, "CS", "US ")
            .pixelData(new byte[] {10, 20})
            .build();

    DicomImage image = reader.read("scan.dcm", file, Optional.empty());

    // The Rows value 999 inside the sequence must not replace the top-level Rows.
    assertThat(image.rows()).isEqualTo(1);
    assertThat(image.columns()).isEqualTo(2);
    assertThat(image.modality()).isEqualTo("US");
    assertThat(image.storedValues()).isEqualTo(new StoredValueStats(2, 10, 20, 30));
  }

  @Test
  void usesTheFirstOfSeveralFileWindowsAndInvertsMonochrome1() {
    byte[] file =
        DicomFileBuilder.grey8(1, 3, "MONOCHROME1")
            .text(DicomAttributes.WINDOW_CENTER, "DS", "100\\500")
            .text(DicomAttributes.WINDOW_WIDTH, "DS", "100\\900 ")
            .pixelData(new byte[] {50, 100, (byte) 150, 0})
            .build();

    DicomImage image = reader.read("chest.dcm", file, Optional.empty());

    // Window 100/100 spans 50..150; MONOCHROME1 turns low values bright.
    assertThat(unsigned(image.pixels())).containsExactly(255, 127, 0);
  }

  @Test
  void readsPlanarRgbChannelsLast() {
    byte[] file =
        DicomFileBuilder.withTransferSyntax(DicomFileBuilder.EXPLICIT_VR_LITTLE_ENDIAN)
            .us(DicomAttributes.SAMPLES_PER_PIXEL, 3)
            .text(DicomAttributes.PHOTOMETRIC_INTERPRETATION, "CS", "RGB ")
            .us(DicomAttributes.PLANAR_CONFIGURATION, 1)
            .us(DicomAttributes.ROWS, 1)
            .us(DicomAttributes.COLUMNS, 2)
            .us(DicomAttributes.BITS_ALLOCATED, 8)
            .pixelData(new byte[] {1, 2, 3, 4, 5, 6})
            .build();

    DicomImage image = reader.read("photo.dcm", file, Optional.empty());

    assertThat(unsigned(image.pixels())).containsExactly(1, 3, 5, 2, 4, 6);
  }

  private static Path sample(String name) throws Exception {
    return Path.of(DicomPixelReaderTest.class.getResource("/dicom/" + name).toURI());
  }

  private static int[] unsigned(byte[] pixels) {
    int[] values = new int[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      values[i] = pixels[i] & 0xFF;
    }
    return values;
  }

  private static int min(byte[] pixels) {
    return Arrays.stream(unsigned(pixels)).min().orElseThrow();
  }

  private static int max(byte[] pixels) {
    return Arrays.stream(unsigned(pixels)).max().orElseThrow();
  }

  private static long sum(byte[] pixels) {
    return Arrays.stream(unsigned(pixels)).asLongStream().sum();
  }
}
