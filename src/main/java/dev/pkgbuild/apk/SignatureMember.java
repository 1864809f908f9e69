package dev.pkgbuild.apk;

import dev.pkgbuild.archive.Gzip;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarSegmentWriter;
import dev.pkgbuild.sign.SignatureType;
import dev.pkgbuild.sign.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Builds the signature gzip member shared by packages and indexes: {@code .SIGN.*} files, end blocks cut. */
final class SignatureMember {
  private SignatureMember() {}

  /** Signs {@code signed} with each type, in order, and returns the gzip member bytes. */
  static byte[] build(SigningKey key, List<SignatureType> types, byte[] signed, long mtime) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (OutputStream gz = Gzip.member(buf, Gzip.SMALL_LEVEL)) {
      TarSegmentWriter tar = new TarSegmentWriter(gz);
      for (SignatureType type : types) {
        byte[] sig = key.sign(signed, type);
        tar.write(TarEntry.file(type.fileName(key.keyName()), 0644, sig.length, mtime, null), sig);
      }
      tar.finish(TarSegmentWriter.Trailer.OMIT);
    }
    return buf.toByteArray();
  }
}
