package dev.pkgbuild.apk;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.sign.VerifyResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Checks a package's signature with apk's rules, and collects its format problems. */
public final class ApkVerifier {
  private ApkVerifier() {}

  /**
   * The outcome of verifying one package.
   *
   * @param contents what was read
   * @param signature OK, BAD or UNTRUSTED (also for an unsigned package)
   * @param keyName the key whose signature was checked, or null
   * @param problems every problem, signature first; empty when the package is good
   */
  public record Result(ApkContents contents, VerifyResult signature, String keyName, List<String> problems) {
    /** Copies the list. */
    public Result {
      problems = List.copyOf(problems);
    }

    /** Whether the signature is good and no problem was found. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Reads and verifies {@code apk}. The signature over the control member is checked first: a
   * package whose signature does not verify has its data member left unread.
   *
   * @throws PkgbuildException when it cannot be read at all
   */
  public static Result verify(java.nio.file.Path apk, TrustedKeys keys) throws PkgbuildException {
    return verify(ApkReader.read(apk, head -> controlSignature(head, keys)), keys);
  }

  /** Why the data need not be read: the signature over the control member is missing or does not verify. */
  private static String controlSignature(ApkContents head, TrustedKeys keys) {
    if (head.info().datahash() == null) {
      return null; // a legacy signature covers the data too, so it is checked after reading
    }
    for (ApkContents.Signature s : head.signatures()) {
      if (keys.key(s.keyName()).isPresent()) {
        return keys.verify(s.keyName(), s.type(), head.controlMember(), s.value()) == VerifyResult.OK ? null
            : "the signature does not verify";
      }
    }
    return "no trusted signature";
  }

  /**
   * Checks the first signature whose key is trusted (as apk does: later ones are ignored)
   * over the control member, or over control and data when there is no {@code datahash}.
   *
   * @throws PkgbuildException when the file cannot be re-read for a legacy signature
   */
  public static Result verify(ApkContents c, TrustedKeys keys) throws PkgbuildException {
    List<String> problems = new ArrayList<>();
    VerifyResult result = VerifyResult.UNTRUSTED;
    String keyName = null;
    for (ApkContents.Signature s : c.signatures()) {
      if (keys.key(s.keyName()).isPresent()) {
        keyName = s.keyName();
        result = check(c, s, keys);
        break;
      }
    }
    if (c.signatures().isEmpty()) {
      problems.add("unsigned package (apk: UNTRUSTED signature)");
    } else if (result == VerifyResult.UNTRUSTED) {
      problems.add("UNTRUSTED signature: no trusted key named " + c.signatures().stream()
          .map(ApkContents.Signature::keyName).toList());
    } else if (result == VerifyResult.BAD) {
      problems.add("BAD signature (key " + keyName + ")");
    }
    problems.addAll(c.problems());
    return new Result(c, result, keyName, problems);
  }

  private static VerifyResult check(ApkContents c, ApkContents.Signature s, TrustedKeys keys) throws PkgbuildException {
    if (c.info().datahash() != null) {
      return keys.verify(s.keyName(), s.type(), c.controlMember(), s.value());
    }
    try (InputStream data = Files.newInputStream(c.file())) {
      data.skipNBytes(c.dataOffset());
      return keys.verify(s.keyName(), s.type(),
          new SequenceInputStream(new ByteArrayInputStream(c.controlMember()), data), s.value());
    } catch (IOException e) {
      throw PkgbuildException.badInput(c.file() + ": cannot re-read for the signature check: " + e.getMessage());
    }
  }
}
