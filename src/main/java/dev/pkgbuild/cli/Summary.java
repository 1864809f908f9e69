package dev.pkgbuild.cli;

import dev.pkgbuild.builder.TreeResult;
import dev.pkgbuild.graph.Outcome;
import dev.pkgbuild.graph.PlannedRecipe;
import java.io.PrintWriter;

/** The table printed at the end of a tree build. */
final class Summary {
  private final PrintWriter out;

  Summary(PrintWriter out) {
    this.out = out;
  }

  void print(TreeResult r) {
    out.println();
    out.printf("%-32s %-28s %s%n", "RECIPE", "VERSION", "RESULT");
    int failed = 0;
    for (PlannedRecipe p : r.plan().recipes()) {
      Outcome o = r.outcomes().getOrDefault(p.id(), Outcome.PRESENT);
      Exception e = r.failures().get(p.id());
      out.printf("%-32s %-28s %s%s%n", p.id(), p.fullVersion(), o.label(),
          e == null ? "" : ": " + e.getMessage());
      if (o == Outcome.FAILED) {
        failed++;
      }
    }
    long built = r.outcomes().values().stream().filter(o -> o == Outcome.BUILT).count();
    out.printf("%d built, %d failed, %d recipes in all%n", built, failed, r.plan().recipes().size());
    out.flush();
  }
}
