package org.medxfer.trainer.infra.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.medxfer.common.images.ImageShardCodec;
import org.medxfer.common.images.InvalidImageDataException;
import org.medxfer.common.objectstore.ObjectStore;
import org.medxfer.common.objectstore.ObjectStoreException;
import org.medxfer.trainer.domain.DataSplit;
import org.medxfer.trainer.domain.ImageSet;
import org.medxfer.trainer.domain.ImageSource;

/**
 * A trial's images, streamed from the object store shard by shard; each shard's CRC is checked
 * while it is read. Nothing is read from local files.
 */
public final class ShardImageSource implements ImageSource {

  private final ObjectStore store;
  private final Map<DataSplit, String> keys;

  public ShardImageSource(ObjectStore store, String trainKey, String valKey, String testKey) {
    this.store = store;
    this.keys = Map.of(DataSplit.TRAIN, trainKey, DataSplit.VAL, valKey, DataSplit.TEST, testKey);
  }

  @Override
  public ImageSet load(DataSplit split) throws IOException {
    String key = keys.get(split);
    try (InputStream in = store.open(key)) {
      return LabeledImagesMapper.toImageSet(ImageShardCodec.read(in, key));
    } catch (ObjectStoreException | InvalidImageDataException e) {
      throw new IOException("shard " + key + ": " + e.getMessage(), e);
    }
  }
}
