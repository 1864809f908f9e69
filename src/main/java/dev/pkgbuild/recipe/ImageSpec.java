package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The subset of apko's image configuration a base image needs (shared/docs/environments.md §6.2),
 * as written, with the places of what later checks may refuse.
 *
 * @param file the configuration file
 * @param repositories {@code contents.repositories}
 * @param keyring {@code contents.keyring}
 * @param packages {@code contents.packages} (world atoms), each with its place
 * @param users {@code accounts.users}
 * @param groups {@code accounts.groups}
 * @param runAs {@code accounts.run-as}, or null
 * @param entrypoint {@code entrypoint.command}, split as a shell would, or empty
 * @param cmd {@code cmd}, split as a shell would, or empty
 * @param environment {@code environment}
 * @param workDir {@code work-dir}, or null
 * @param paths {@code paths}
 * @param archs {@code archs} as apk architectures (empty: the host's)
 * @param annotations {@code annotations}
 */
public record ImageSpec(Path file, List<String> repositories, List<String> keyring, List<Text> packages,
    List<User> users, List<Group> groups, Text runAs, List<String> entrypoint, List<String> cmd,
    Map<String, String> environment, String workDir, List<PathSpec> paths, List<String> archs,
    Map<String, String> annotations) {
  public ImageSpec {
    repositories = List.copyOf(repositories);
    keyring = List.copyOf(keyring);
    packages = List.copyOf(packages);
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    environment = Map.copyOf(environment);
    paths = List.copyOf(paths);
    archs = List.copyOf(archs);
    annotations = Map.copyOf(annotations);
  }

  /** An account; {@code gid} null means the group of the same id as the user. */
  public record User(String username, int uid, Integer gid, String shell, String homedir, SourcePos pos) {}

  /** A group and its members. */
  public record Group(String groupname, int gid, List<String> members, SourcePos pos) {
    public Group {
      members = List.copyOf(members);
    }
  }

  /**
   * One {@code paths} entry.
   *
   * @param type {@code directory}, {@code empty-file}, {@code symlink}, {@code hardlink} or {@code permissions}
   * @param uid owner, or null to leave it
   * @param gid group, or null to leave it
   * @param permissions mode bits, or null for the type's default
   * @param source a link's target
   */
  public record PathSpec(String path, String type, Integer uid, Integer gid, Integer permissions, String source,
      boolean recursive, SourcePos pos) {}
}
