package dev.pkgbuild.image;

import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarSegmentWriter;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One image as a tarball both {@code docker load} and OCI tools read: the image's own blobs
 * under {@code blobs/sha256/} with {@code oci-layout} and an {@code index.json} tagging it
 * (an OCI layout in a tar, {@code oci-archive:}), plus the {@code manifest.json} docker's
 * loader reads, whose {@code Config} and {@code Layers} point at those blobs (Docker 25's
 * {@code docker save} shape; the loader un-gzips layers itself). Entries are sorted, root
 * owned, with mtime 0: the archive adds nothing that varies.
 */
public final class DockerArchive {
  private DockerArchive() {}

  /**
   * Writes {@code image}, read from {@code layoutDir}, to {@code tarFile} tagged {@code repoTag}.
   *
   * @param repoTag a tagged reference such as {@code pkgbuild/base:1} ({@code docker load} refuses a bare name)
   * @throws PkgbuildException when {@code repoTag} has no tag or holds a digest
   * @throws IOException when a blob cannot be read or the file written
   */
  public static void write(Path layoutDir, WrittenImage image, String repoTag, Path tarFile)
      throws IOException, PkgbuildException {
    String tag = tagOf(repoTag);
    Blobs blobs = new Blobs(layoutDir);
    Map<String, Descriptor> byHex = new TreeMap<>();
    byHex.put(image.manifest().hex(), image.manifest());
    byHex.put(image.config().hex(), image.config());
    image.layers().forEach(l -> byHex.put(l.blob().hex(), l.blob()));

    Map<String, Object> load = new LinkedHashMap<>();
    load.put("Config", "blobs/sha256/" + image.config().hex());
    load.put("RepoTags", List.of(repoTag));
    load.put("Layers", image.layers().stream().map(l -> "blobs/sha256/" + l.blob().hex()).toList());
    Descriptor tagged = new Descriptor(image.manifest().mediaType(), image.manifest().digest(),
        image.manifest().size(), image.manifest().platform(), Map.of(
            Descriptor.REF_NAME, tag, "io.containerd.image.name", fullName(repoTag)));

    AtomicFiles.write(tarFile, out -> {
      TarSegmentWriter tar = new TarSegmentWriter(out);
      tar.write(dir("blobs"), InputStream.nullInputStream());
      tar.write(dir("blobs/sha256"), InputStream.nullInputStream());
      for (Descriptor d : byHex.values()) {
        Path blob = blobs.path(d);
        try (InputStream in = Files.newInputStream(blob)) {
          tar.write(file("blobs/sha256/" + d.hex(), Files.size(blob)), in);
        }
      }
      bytes(tar, "index.json", ImageJson.index(List.of(tagged), Map.of()));
      bytes(tar, "manifest.json", ImageJson.bytes(List.of(load)));
      bytes(tar, "oci-layout", ImageJson.layoutMarker());
      tar.finish(TarSegmentWriter.Trailer.END_BLOCKS);
    });
  }

  /** The tag of {@code name:tag}, after the last slash (a registry port is not a tag). */
  static String tagOf(String repoTag) throws PkgbuildException {
    int slash = repoTag.lastIndexOf('/');
    int colon = repoTag.lastIndexOf(':');
    if (repoTag.contains("@") || colon <= slash + 1 || colon == repoTag.length() - 1) {
      throw PkgbuildException.badInput("image tag '" + repoTag + "' is not a tagged name such as name:tag");
    }
    return repoTag.substring(colon + 1);
  }

  /** containerd's full form: {@code base:1} is {@code docker.io/library/base:1}. */
  static String fullName(String repoTag) {
    List<String> parts = new ArrayList<>(List.of(repoTag.split("/")));
    String first = parts.get(0);
    boolean hasRegistry = parts.size() > 1 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    if (hasRegistry) {
      return repoTag;
    }
    return (parts.size() == 1 ? "docker.io/library/" : "docker.io/") + repoTag;
  }

  private static void bytes(TarSegmentWriter tar, String name, byte[] content) throws IOException {
    tar.write(file(name, content.length), content);
  }

  private static TarEntry dir(String name) {
    return new TarEntry(name, TarEntry.Type.DIRECTORY, 0755, 0, 0, "", "", 0, 0, null, null);
  }

  private static TarEntry file(String name, long size) {
    return new TarEntry(name, TarEntry.Type.FILE, 0644, 0, 0, "", "", size, 0, null, null);
  }
}
