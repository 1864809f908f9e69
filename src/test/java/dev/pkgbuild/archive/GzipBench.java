package dev.pkgbuild.archive;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Benchmark driver for bench/packaging.sh, not a test: {@code GzipBench LEVEL THREADS} gzips
 * stdin to stdout; {@code GzipBench LEVEL THREADS DIR} tars DIR in-process (sorted walk,
 * commons-compress) and gzips that to stdout, as packaging does.
 */
public final class GzipBench {
  private GzipBench() {}

  public static void main(String[] args) throws IOException {
    int level = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    try (var gz = new ParallelGzipOutputStream(stdout, level, threads)) {
      if (args.length > 2) {
        tar(Path.of(args[2]), gz);
      } else {
        System.in.transferTo(gz);
      }
    }
  }

  private static void tar(Path root, OutputStream sink) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted().toList();
    }
    var tar = new TarArchiveOutputStream(new BufferedOutputStream(sink, 1 << 16));
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    for (Path p : paths) {
      String name = root.relativize(p).toString();
      if (name.isEmpty() || Files.isSymbolicLink(p)) {
        continue;
      }
      var entry = new TarArchiveEntry(p.toFile(), name);
      tar.putArchiveEntry(entry);
      if (Files.isRegularFile(p)) {
        try (InputStream in = Files.newInputStream(p)) {
          in.transferTo(tar);
        }
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
    tar.flush();
  }
}
