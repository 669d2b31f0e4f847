package org.medxfer.dataset.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.medxfer.common.images.ImageShardCodec;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.common.images.MedMnistNpz;
import org.medxfer.common.images.ShardBatches;
import org.medxfer.common.images.ShardCache;
import org.medxfer.common.images.ShardFile;
import org.medxfer.dataset.app.DatasetContentValidator;
import org.medxfer.dataset.app.DatasetFileReader;
import org.medxfer.dataset.app.EncodedShards;
import org.medxfer.dataset.domain.DatasetCard;
import org.medxfer.dataset.domain.DatasetFormat;
import org.medxfer.dataset.domain.ImportRequest;
import org.medxfer.dataset.domain.Split;
import org.medxfer.dataset.domain.TaskType;
import org.medxfer.dataset.fixtures.Archives;

/**
 * Prints import images/s and reader images/s on the shipped data; asserts nothing.
 *
 * <p>Import: the service's own pipeline for one file (read and decode, validate, encode one shard
 * per split and hash them), without the network, S3 upload and database insert. Reader: the
 * trainer-side library, a cold fetch into the shard cache (copy plus CRC check), then epochs of
 * shuffled batches of 32 copied out of the memory-mapped shard, at the stored size and at cached
 * resolution variants. System properties: {@code -Drepeats=3}, {@code -Depochs=20}.
 */
public final class DatasetBench {

  private static final int REPEATS = Integer.getInteger("repeats", 3);
  private static final int EPOCHS = Integer.getInteger("epochs", 20);
  private static final int BATCH = 32;

  /** Keeps the copied batches observable, so the JIT cannot drop the copies. */
  private static volatile long sink;

  private DatasetBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("medxfer-dataset-bench");
    System.out.printf(
        "medxfer dataset bench: %d CPUs, Java %s, %d repeats (best shown)%n%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), REPEATS);
    importBench(work);
    System.out.println();
    readerBench(work);
  }

  private static void importBench(Path work) throws IOException {
    System.out.println("| import (read, validate, encode, hash) | images | best s | images/s |");
    System.out.println("|---|---|---|---|");
    DatasetCard binary = card(TaskType.BINARY, "a", "b");
    importCase(
        work, "breastmnist.npz (28x28 grey)", npzRequest(binary), data("medmnist/breastmnist.npz"));
    importCase(
        work,
        "pneumoniamnist.npz (28x28 grey)",
        npzRequest(binary),
        data("medmnist/pneumoniamnist.npz"));
    importCase(
        work,
        "retinamnist.npz (28x28 RGB)",
        npzRequest(card(TaskType.ORDINAL, "0", "1", "2", "3", "4")),
        data("medmnist/retinamnist.npz"));
    importCase(
        work,
        "cifar10_small.npz (32x32 RGB)",
        npzRequest(card(TaskType.MULTI_CLASS, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
        data("natural/cifar10_small.npz"));

    LabeledImages pneumonia = npz("medmnist/pneumoniamnist.npz").get("train");
    Path pngFolder = work.resolve("pneumonia-png.zip");
    Files.write(
        pngFolder, Archives.zip(Archives.pngFolder(pneumonia, 2000, List.of("a", "b"), null)));
    importCase(
        work,
        "PNG folder, 2000 PneumoniaMNIST images, seeded split",
        request(DatasetFormat.IMAGE_FOLDER, binary, 0),
        pngFolder);
    importCase(
        work,
        "same PNG folder resampled to 64 px",
        request(DatasetFormat.IMAGE_FOLDER, binary, 64),
        pngFolder);

    Path dicomFolder = work.resolve("dicom.zip");
    Files.write(dicomFolder, Archives.zip(repeatedDicom(40)));
    importCase(
        work,
        "DICOM folder, 200 files (CT 128, MR 64; explicit, implicit, big endian, RLE) at 64 px",
        request(DatasetFormat.DICOM, card(TaskType.BINARY, "ct", "mr"), 64),
        dicomFolder);
  }

  private static void importCase(Path work, String name, ImportRequest request, Path file)
      throws IOException {
    double best = Double.MAX_VALUE;
    long images = 0;
    for (int r = 0; r < REPEATS; r++) {
      long start = System.nanoTime();
      Map<Split, LabeledImages> splits =
          DatasetFileReader.read(request, file, file.getFileName().toString());
      if (!DatasetContentValidator.validate(splits, request.card()).isEmpty()) {
        throw new IllegalStateException(name + " does not validate");
      }
      try (EncodedShards shards = EncodedShards.encode(splits, work)) {
        shards.contentHash();
      }
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
      images = splits.values().stream().mapToLong(LabeledImages::count).sum();
    }
    System.out.printf("| %s | %d | %.3f | %.0f |%n", name, images, best, images / best);
  }

  private static void readerBench(Path work) throws IOException {
    Path remote = work.resolve("remote");
    LabeledImages pneumonia = npz("medmnist/pneumoniamnist.npz").get("train");
    LabeledImages cifar = npz("natural/cifar10_small.npz").get("train");
    publish(remote, "pneumonia/train.shard", pneumonia);
    publish(remote, "cifar/train.shard", cifar);
    ShardCache cache =
        new ShardCache(
            work.resolve("cache"), 8L << 30, key -> Files.newInputStream(remote.resolve(key)));

    System.out.printf(
        "| reader (shard cache, batches of %d, shuffled, %d epochs) | images | cold fetch or variant s | images/s |%n",
        BATCH, EPOCHS);
    System.out.println("|---|---|---|---|");
    readerCase("PneumoniaMNIST train, 28x28 grey", cache, "pneumonia/train.shard", 0);
    readerCase("PneumoniaMNIST train, 64 px variant", cache, "pneumonia/train.shard", 64);
    readerCase("PneumoniaMNIST train, 128 px variant", cache, "pneumonia/train.shard", 128);
    readerCase("CIFAR-10 subset train, 32x32 RGB", cache, "cifar/train.shard", 0);
    readerCase("CIFAR-10 subset train, 224 px variant", cache, "cifar/train.shard", 224);
  }

  private static void readerCase(String name, ShardCache cache, String key, int size) {
    long start = System.nanoTime();
    ShardFile shard = size == 0 ? cache.shard(key) : cache.resized(key, size);
    double prepare = (System.nanoTime() - start) / 1e9;
    Random random = new Random(42);
    long images = 0;
    start = System.nanoTime();
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      int[] order = permutation(shard.count(), random);
      ShardBatches batches = new ShardBatches(shard, order, BATCH);
      while (batches.hasNext()) {
        int n = batches.next();
        images += n;
        sink += batches.pixels()[0] + batches.labels()[n - 1];
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("| %s | %d | %.3f | %.0f |%n", name, images, prepare, images / seconds);
  }

  private static int[] permutation(int n, Random random) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(order, random);
    return order.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Map<String, byte[]> repeatedDicom(int copies) {
    String[] files = Archives.DICOM_FILES;
    Map<String, byte[]> entries = new LinkedHashMap<>();
    StringBuilder csv = new StringBuilder("file,label\n");
    for (int copy = 0; copy < copies; copy++) {
      for (String file : files) {
        String name = "copy" + copy + "/" + file;
        entries.put(name, Archives.shipped("dicom/" + file));
        csv.append(name).append(',').append(file.startsWith("CT") ? "ct" : "mr").append('\n');
      }
    }
    entries.put("labels.csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return entries;
  }

  private static void publish(Path remote, String key, LabeledImages images) throws IOException {
    Path file = remote.resolve(key);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      ImageShardCodec.write(images, out);
    }
  }

  private static Map<String, LabeledImages> npz(String relative) throws IOException {
    try (InputStream in = Files.newInputStream(data(relative))) {
      return MedMnistNpz.read(in, relative);
    }
  }

  private static Path data(String relative) {
    return Archives.DATA.resolve(relative);
  }

  private static DatasetCard card(TaskType task, String... classes) {
    List<String> names = new ArrayList<>(List.of(classes));
    return new DatasetCard("bench", task, names, "", "");
  }

  private static ImportRequest npzRequest(DatasetCard card) {
    return request(DatasetFormat.MEDMNIST_NPZ, card, 0);
  }

  private static ImportRequest request(DatasetFormat format, DatasetCard card, int imageSize) {
    return new ImportRequest("bench", "", format, "", card, imageSize, Optional.empty(), null);
  }
}
