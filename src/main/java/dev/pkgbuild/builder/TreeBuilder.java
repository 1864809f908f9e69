package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.graph.Needed;
import dev.pkgbuild.graph.Outcome;
import dev.pkgbuild.env.RepositoryIndex;
import dev.pkgbuild.graph.Holdings;
import dev.pkgbuild.graph.Plan;
import dev.pkgbuild.graph.Scheduler;
import dev.pkgbuild.graph.TreePlanner;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.sandbox.Sandbox;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Builds what a tree lacks, like make: plan, then run the builds in dependency order,
 * several at once, each with its own log; a failure stops only its dependents.
 */
public final class TreeBuilder {
  private final Reporter reporter;
  private final Builder.SandboxFactory sandboxes;
  private final Clock clock;

  public TreeBuilder(Reporter reporter, Builder.SandboxFactory sandboxes, Clock clock) {
    this.reporter = reporter;
    this.sandboxes = sandboxes;
    this.clock = clock;
  }

  /** The plan alone, for {@code pkgbuild plan}: it reads, and never creates a key. */
  public Plan plan(TreeRequest req) throws PkgbuildException {
    Arch arch = Hosts.arch(req.template().arch());
    SigningKey key = KeyResolver.existing(req.template().signingKey(), req.template().keysDir());
    // key may be null for a read-only plan: the repository is then only read, never written.
    Repository repo = Repository.open(req.template().outDir(), arch.apkName(), key, reporter);
    return new TreePlanner(req.template().pipelineDirs(), arch, reporter)
        .plan(req.recipes(), repo, req.repositories(), remoteHoldings(req.template(), arch.apkName()),
            req.published(), req.rebuildChanged(), req.forced());
  }

  /** What the remote repositories given with {@code -r} hold (local ones the planner reads itself). */
  private Holdings remoteHoldings(BuildRequest template, String arch) throws PkgbuildException {
    Holdings all = Holdings.none();
    for (RepositoryIndex index : BuildRoots.remoteIndexes(template, arch, reporter)) {
      all = all.and(Holdings.of(index.location(), index.entries()));
    }
    return all;
  }

  /**
   * Plans and builds.
   *
   * @param listener hears each start and end (the CLI draws its status from it)
   * @throws PkgbuildException when planning fails or the tree needs packages no repository
   *     holds yet (the bootstrap set); build failures are in the result
   */
  public TreeResult build(TreeRequest req, Scheduler.Listener listener) throws PkgbuildException {
    // Plan first with the key that exists: a bad tree is reported before any key is made.
    Plan plan = plan(req);
    List<Needed> bootstrap = plan.graph().bootstrapSet();
    if (!bootstrap.isEmpty()) {
      String count = bootstrap.size() == 1 ? "1 package" : bootstrap.size() + " packages";
      throw PkgbuildException.badInput("the tree needs " + count + " that no repository holds "
          + "and no recipe of it can be built before; pass a repository holding them with -r REPO:\n  "
          + String.join("\n  ", bootstrap.stream().map(Needed::describe).toList()));
    }
    if (plan.toBuild().isEmpty()) {
      return new TreeResult(plan, outcomes(plan), Map.of());
    }
    KeyResolver.Resolved key = KeyResolver.resolvePath(req.template().signingKey(), req.template().keysDir(), reporter);
    Sandbox sandbox = sandboxes.create(req.template().runner());
    Builder builder = new Builder(Reporter.silent(), runner -> sandbox, clock);
    Map<String, Exception> failures = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, Outcome> result;
    try {
      result = new Scheduler(plan.graph(), req.jobs(), req.failFast()).run(plan.toBuild(), id -> {
        Path file = plan.byId().get(id).file();
        try {
          builder.build(req.forRecipe(file, key.file()));
        } catch (PkgbuildException | RuntimeException e) {
          failures.put(id, e);
          throw e;
        }
      }, listener);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PkgbuildException.failed("interrupted");
    }
    return new TreeResult(plan, result, failures);
  }

  private static Map<String, Outcome> outcomes(Plan plan) {
    Map<String, Outcome> m = new java.util.TreeMap<>();
    plan.byId().keySet().forEach(id -> m.put(id, Outcome.PRESENT));
    return m;
  }
}
