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
    VerifyResult sig = VerifyResult.UNTRUSTED;
    String keyName = null;
    boolean signed = !first.isEmpty() && first.keySet().stream().allMatch(n -> n.startsWith(".SIGN."));
    if (signed) {
      long from = g.offset();
      byte[] signedBytes = Arrays.copyOfRange(bytes, (int) from, bytes.length);
      for (Map.Entry<String, byte[]> e : first.entrySet()) {
        var parsed = SignatureType.parse(e.getKey());
        if (parsed.isPresent() && keys.key(parsed.get().keyName()).isPresent()) {
          keyName = parsed.get().keyName();
          sig = keys.verify(keyName, parsed.get().type(), signedBytes, e.getValue());
          break;
        }
      }
      if (!g.atMember()) {
        throw new java.io.EOFException("no index member after the signature");
      }
      body = member(g, false);
    }
    if (g.hasMore()) {
      problems.add("trailing bytes after the last gzip member");
    }
    addSignatureProblem(signed, sig, keyName);
    byte[] text = body.get("APKINDEX");
    if (text == null) {
      throw new IOException("no APKINDEX member (apk: archive does not contain expected data)");
    }
    byte[] desc = body.get("DESCRIPTION");
    ApkIndex index = ApkIndex.parse(desc == null ? null : new String(desc, StandardCharsets.UTF_8),
        new String(text, StandardCharsets.UTF_8));
    return new IndexArchive.Read(index, sig, keyName, problems);
  }

  private void addSignatureProblem(boolean signed, VerifyResult sig, String keyName) {
    if (!signed) {
      problems.add("unsigned index (apk: UNTRUSTED signature)");
    } else if (sig == VerifyResult.UNTRUSTED) {
      problems.add("UNTRUSTED signature: no trusted key for this index");
    } else if (sig == VerifyResult.BAD) {
      problems.add("BAD signature (key " + keyName + ")");
    }
  }

  private Map<String, byte[]> member(GzipMembers g, boolean maybeSignature) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream m = g.next((b, o, l) -> {})) {
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
