package dev.pkgbuild.sandbox;

import java.util.Map;

/** What the runners share about starting their host-side launcher. */
final class Launch {
  /**
   * The launcher's own environment: just enough to find setpriv, bwrap or unshare. The
   * sandboxed command never sees it; it gets exactly the request's environment.
   */
  static final Map<String, String> HOST_ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

  private Launch() {}
}
