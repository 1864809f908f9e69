package dev.pkgbuild.builder;

import dev.pkgbuild.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A build's private folder under one temp root. It is removed when the build succeeds
 * or is interrupted, and kept only on failure or when asked, so temp dirs never pile up
 * (melange#1528).
 */
public final class Workspace implements AutoCloseable {
  private final Path root;
  private final Thread cleanupOnInterrupt;
  private volatile boolean keep;

  private Workspace(Path root) {
    this.root = root;
    this.cleanupOnInterrupt = new Thread(this::deleteQuietly, "pkgbuild-workspace-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupOnInterrupt);
  }

  /** Creates {@code <tempRoot>/<prefix>-XXXX}. */
  public static Workspace create(Path tempRoot, String prefix) throws IOException {
    Files.createDirectories(tempRoot);
    return new Workspace(Files.createTempDirectory(tempRoot, prefix + "-"));
  }

  /** The folder mounted at /home/build. */
  public Path dir() {
    return root;
  }

  /** The build log, beside the folder so the build cannot rewrite it; kept and removed with it. */
  public Path logFile() {
    return root.resolveSibling(root.getFileName() + ".log");
  }

  /** Keeps the folder after close, for inspection after a failure. */
  public void keep() {
    keep = true;
  }

  public boolean kept() {
    return keep;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnInterrupt);
    } catch (IllegalStateException shuttingDown) {
      return; // the hook itself will clean up
    }
    deleteQuietly();
  }

  private void deleteQuietly() {
    if (keep) {
      return;
    }
    try {
      FileTrees.delete(root);
      Files.deleteIfExists(logFile());
    } catch (IOException ignored) {
      // Best effort: a leftover temp dir is not worth failing a finished build.
    }
  }
}
