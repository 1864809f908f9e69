package dev.pkgbuild.image;

import java.util.List;

/**
 * An image written into a layout.
 *
 * @param manifest the manifest's descriptor, with its platform (and {@code ref.name} when tagged)
 * @param config the config blob
 * @param layers the layers, lowest first
 */
public record WrittenImage(Descriptor manifest, Descriptor config, List<Layer> layers) {
  /**
   * One layer.
   *
   * @param blob the compressed blob
   * @param diffId {@code sha256:} of the uncompressed tar, as the config's {@code rootfs} lists it
   * @param group the index of the layer group it holds, or -1 for the rest (or the whole root)
   */
  public record Layer(Descriptor blob, String diffId, int group) {}

  /** Copies the list. */
  public WrittenImage {
    layers = List.copyOf(layers);
  }

  /** The config's {@code rootfs.diff_ids}, lowest layer first. */
  public List<String> diffIds() {
    return layers.stream().map(Layer::diffId).toList();
  }
}
