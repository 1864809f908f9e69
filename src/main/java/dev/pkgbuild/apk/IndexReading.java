package dev.pkgbuild.apk;

import dev.pkgbuild.archive.GzipMembers;
import dev.pkgbuild.archive.TarReader;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.SignatureType;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.sign.VerifyResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One pass over index bytes: signature member, then the tar with DESCRIPTION and APKINDEX. */
final class IndexReading {
  private final byte[] bytes;
  private final TrustedKeys keys;
  private final List<String> problems = new ArrayList<>();
  private VerifyResult sig = VerifyResult.UNTRUSTED;
  private String keyName;

  IndexReading(byte[] bytes, TrustedKeys keys) {
    this.bytes = bytes;
    this.keys = keys;
  }

  IndexArchive.Read run() throws IOException, PkgbuildException {
    GzipMembers g = new GzipMembers(new ByteArrayInputStream(bytes));
    if (!g.atMember()) {
      throw new IOException("not a gzip file");
    }
    Map<String, byte[]> first = member(g, true);
    Map<String, byte[]> body = first;
    boolean signed = !first.isEmpty() && first.keySet().stream().allMatch(n -> n.startsWith(".SIGN."));
    if (signed) {
      checkSignature(first, Arrays.copyOfRange(bytes, (int) g.offset(), bytes.length));
      if (!g.atMember()) {
        throw new java.io.EOFException("no index member after the signature");
      }
      body = member(g, false);
    }
    if (g.hasMore()) {
      problems.add("trailing bytes after the last gzip member");
    }
    addSignatureProblem(signed);
    byte[] text = body.get("APKINDEX");
    if (text == null) {
      throw new IOException("no APKINDEX member (apk: archive does not contain expected data)");
    }
    byte[] desc = body.get("DESCRIPTION");
    ApkIndex index = ApkIndex.parse(desc == null ? null : new String(desc, StandardCharsets.UTF_8),
        new String(text, StandardCharsets.UTF_8));
    return new IndexArchive.Read(index, sig, keyName, problems);
  }

  /** apk checks the first signature whose key it has, and only that one. */
  private void checkSignature(Map<String, byte[]> sigFiles, byte[] signedBytes) {
    for (Map.Entry<String, byte[]> e : sigFiles.entrySet()) {
      var parsed = SignatureType.parse(e.getKey());
      if (parsed.isPresent() && keys.key(parsed.get().keyName()).isPresent()) {
        keyName = parsed.get().keyName();
        sig = keys.verify(keyName, parsed.get().type(), signedBytes, e.getValue());
        return;
      }
    }
  }

  private void addSignatureProblem(boolean signed) {
    if (!signed) {
      problems.add(IndexArchive.UNSIGNED);
    } else if (sig == VerifyResult.UNTRUSTED) {
      problems.add(IndexArchive.UNTRUSTED);
    } else if (sig == VerifyResult.BAD) {
      problems.add("BAD signature (key " + keyName + ")");
    }
  }

  private Map<String, byte[]> member(GzipMembers g, boolean maybeSignature) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream m = new InflateBound(g.next((b, o, l) -> {}), bytes.length, "the index")) {
      TarReader r = new TarReader(m);
      for (TarReader.Item i; (i = r.next()) != null; ) {
        out.put(i.entry().name(), r.content().readAllBytes());
        problems.addAll(i.issues());
      }
      int zeros = r.countTrailingZeroBlocks();
      boolean isSig = maybeSignature && out.keySet().stream().allMatch(n -> n.startsWith(".SIGN."));
      if (isSig && zeros > 0) {
        problems.add(zeros + " end-of-archive block(s) left in the signature tar (apk: BAD archive)");
      }
      m.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return out;
  }
}
