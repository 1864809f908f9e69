package dev.pkgbuild.image;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes an installed root as an image into an OCI image layout ({@code oci-layout},
 * {@code blobs/sha256/}, {@code index.json}), byte for byte the same for the same root, owners
 * and config whatever the disk's owners and times (docs/images.md, "OCI layout").
 */
public final class OciImage {
  private OciImage() {}

  /**
   * Writes an untagged image; {@code index.json} lists only it.
   *
   * @see #write(Path, Map, List, ImageConfig, Path, String)
   */
  public static WrittenImage write(Path rootfs, Map<String, Owner> owners, List<Set<String>> layerGroups,
      ImageConfig config, Path layoutDir) throws IOException, PkgbuildException {
    return write(rootfs, owners, layerGroups, config, layoutDir, null);
  }

  /**
   * Writes the image's blobs into {@code layoutDir} and an {@code index.json} listing only its
   * manifest; blobs already there stay (a layout may hold several images, {@link #index} lists
   * them together).
   *
   * @param owners recorded owner and mode by relative path ({@link InstalledOwners#read}); others are root's
   * @param layerGroups empty for one layer of the whole root; else one layer per group of
   *     relative paths, in order, each with every path it names and the parent directories they
   *     need, then one for what no group names; layers with no entry are left out
   * @param refName the tag ({@code org.opencontainers.image.ref.name}), or null for none
   * @throws PkgbuildException when the architecture has no OCI name
   * @throws IOException when the root cannot be read (devices, FIFOs, files over 4 GiB) or the layout written
   */
  public static WrittenImage write(Path rootfs, Map<String, Owner> owners, List<Set<String>> layerGroups,
      ImageConfig config, Path layoutDir, String refName) throws IOException, PkgbuildException {
    Platform platform = Platform.ofApkArch(config.apkArch());
    Blobs blobs = new Blobs(layoutDir);
    List<RootTree.Node> nodes = RootTree.read(rootfs);
    List<WrittenImage.Layer> layers = new ArrayList<>();
    List<List<RootTree.Node>> parts = split(nodes, layerGroups);
    for (int i = 0; i < parts.size(); i++) {
      boolean rest = i == parts.size() - 1;
      if (parts.get(i).isEmpty() && !(rest && layers.isEmpty())) {
        continue; // an empty layer says nothing; an image keeps at least one
      }
      LayerTar.Written w = LayerTar.write(blobs, rootfs, parts.get(i), owners, config.created());
      layers.add(new WrittenImage.Layer(w.blob(), w.diffId(), rest ? -1 : i));
    }
    List<String> diffIds = layers.stream().map(WrittenImage.Layer::diffId).toList();
    Descriptor cfg = blobs.put(MediaTypes.CONFIG, ImageJson.config(config, platform, diffIds));
    Map<String, String> annotations = new TreeMap<>(config.annotations());
    annotations.putIfAbsent(ImageJson.CREATED, ImageJson.rfc3339(config.created()));
    Descriptor manifest = blobs.put(MediaTypes.MANIFEST,
        ImageJson.manifest(cfg, layers.stream().map(WrittenImage.Layer::blob).toList(), annotations))
        .withPlatform(platform);
    if (refName != null) {
      manifest = manifest.withAnnotation(Descriptor.REF_NAME, refName);
    }
    WrittenImage image = new WrittenImage(manifest, cfg, layers);
    index(layoutDir, List.of(manifest), Map.of());
    return image;
  }

  /**
   * Writes {@code oci-layout} and an {@code index.json} listing {@code manifests} (each with its
   * platform and annotations, e.g. one per architecture), replacing the one there.
   *
   * @param annotations the index's own annotations, may be empty
   * @throws IOException when the layout cannot be written
   */
  public static void index(Path layoutDir, List<Descriptor> manifests, Map<String, String> annotations)
      throws IOException {
    AtomicFiles.write(layoutDir.resolve("oci-layout"), ImageJson.layoutMarker());
    AtomicFiles.write(layoutDir.resolve("index.json"), ImageJson.index(manifests, new TreeMap<>(annotations)));
  }

  /**
   * The nodes of each group's layer, then the rest's, each with the parents its entries need. A
   * group's layer holds every path it names, even one an earlier group names too (a directory
   * two packages share), so it never depends on the other groups.
   */
  static List<List<RootTree.Node>> split(List<RootTree.Node> nodes, List<Set<String>> groups) {
    List<Set<String>> wanted = new ArrayList<>();
    for (int i = 0; i <= groups.size(); i++) {
      wanted.add(new HashSet<>());
    }
    Set<String> rest = wanted.get(groups.size());
    for (RootTree.Node n : nodes) {
      boolean named = false;
      for (int i = 0; i < groups.size(); i++) {
        if (groups.get(i).contains(n.name())) {
          named = true;
          take(wanted.get(i), n.name());
        }
      }
      if (!named) {
        take(rest, n.name());
      }
    }
    List<List<RootTree.Node>> out = new ArrayList<>();
    for (Set<String> w : wanted) {
      out.add(nodes.stream().filter(n -> w.contains(n.name())).toList());
    }
    return out;
  }

  private static void take(Set<String> layer, String name) {
    if (layer.add(name)) {
      layer.addAll(RootTree.parents(name));
    }
  }
}
