package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.repo.RepoServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild serve}: a read-only HTTP server for a repository, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Serve a repository over HTTP (read-only) for apk and apko; runs until interrupted.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "repo",
      description = "Repository root (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on; 0.0.0.0 to reach it from containers (default: ${DEFAULT-VALUE}).")
  String bind;

  @Override
  public Integer call() throws PkgbuildException, InterruptedException {
    RepoServer server = RepoServer.start(dir, bind, port, RepoOptions.reporter(spec));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    spec.commandLine().getOut().println("serving " + dir.toAbsolutePath().normalize() + " at " + server.url() + "/");
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitStatus.OK.code();
  }
}
