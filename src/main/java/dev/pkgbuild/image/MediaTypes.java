package dev.pkgbuild.image;

/** The image-spec media types pkgbuild writes. */
public final class MediaTypes {
  /** An image index: {@code index.json} and multi-platform images. */
  public static final String INDEX = "application/vnd.oci.image.index.v1+json";
  /** An image manifest. */
  public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  /** An image config. */
  public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  /** A gzip-compressed tar layer. */
  public static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

  private MediaTypes() {}
}
