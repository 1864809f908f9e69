package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.SourcePos;
import dev.pkgbuild.recipe.RecipeLoader;
import dev.pkgbuild.recipe.StepSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds {@code uses:} pipelines: each pipeline dir in order, then the built-in catalog
 * shipped as resources under {@code /dev/pkgbuild/pipeline/catalog/}. Definitions are parsed
 * once and cached.
 */
public final class PipelineResolver {
  static final String CATALOG = "/dev/pkgbuild/pipeline/catalog/";
  private final List<Path> dirs;
  // Concurrent: a tree's recipes compile side by side with one resolver (a race parses twice).
  private final Map<String, StepSpec> cache = new ConcurrentHashMap<>();

  /** A resolver over {@code dirs} and then the built-in catalog. */
  public PipelineResolver(List<Path> dirs) {
    this.dirs = List.copyOf(dirs);
  }

  /**
   * The definition of pipeline {@code name}.
   *
   * @param name the {@code uses:} value
   * @param pos the step that uses it, for messages
   * @return the parsed definition
   * @throws PkgbuildException when the name is unsafe, unknown, or its file is invalid
   */
  public StepSpec resolve(String name, SourcePos pos) throws PkgbuildException {
    StepSpec cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    if (name.isBlank() || name.startsWith("/") || List.of(name.split("/")).contains("..")) {
      throw new PositionedException(pos, "invalid pipeline name '" + name + "': must be relative, without '..'");
    }
    StepSpec def = find(name, pos);
    cache.put(name, def);
    return def;
  }

  private StepSpec find(String name, SourcePos pos) throws PkgbuildException {
    for (Path dir : dirs) {
      Path f = dir.resolve(name + ".yaml");
      if (Files.isRegularFile(f)) {
        try {
          return RecipeLoader.loadPipeline(f, Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw PkgbuildException.badInput(f + ": cannot read: " + e.getMessage());
        }
      }
    }
    try (InputStream in = PipelineResolver.class.getResourceAsStream(CATALOG + name + ".yaml")) {
      if (in != null) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return RecipeLoader.loadPipeline(Path.of("builtin", name + ".yaml"), text);
      }
    } catch (IOException e) {
      throw PkgbuildException.badInput("builtin pipeline " + name + ": cannot read: " + e.getMessage());
    }
    String where = dirs.isEmpty() ? "the built-in catalog" : "--pipeline-dir " + dirs + " or the built-in catalog";
    throw new PositionedException(pos, "unknown pipeline '" + name + "' (not in " + where + ")");
  }
}
