package dev.pkgbuild.env;

import java.util.List;
import java.util.TreeSet;

/** The one-line explanations of a goal no candidate can meet. */
final class Messages {
  private Messages() {}

  /** Only tagged repositories have it, and nobody asked for their tag. */
  static String onlyTagged(Goal g, Candidate c, Universe u) {
    String tag = u.repository(c.repos().get(0)).tag();
    return g.dep().format() + " (needed by " + g.requirer() + ") is only in repository @" + tag + " ("
        + c.label() + "): ask for " + g.dep().name() + "@" + tag;
  }

  /** A virtual name whose providers apk will not pick on its own. */
  static String virtual(Goal g, List<Candidate> providers) {
    TreeSet<String> names = new TreeSet<>();
    providers.forEach(c -> names.add(c.name()));
    return g.dep().name() + " (needed by " + g.requirer() + ") is a virtual name: select one of its providers"
        + " explicitly: " + String.join(", ", names);
  }
}
