package dev.pkgbuild.repo;

import java.nio.file.Path;
import java.time.Duration;

/** Holds the lock of arch folder {@code args[0]} until killed: {@code ArchLock} across processes. */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (ArchLock lock = ArchLock.acquire(Path.of(args[0]), Duration.ofSeconds(30))) {
      java.nio.file.Files.writeString(Path.of(args[1]), "locked\n");
      Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
  }
}
