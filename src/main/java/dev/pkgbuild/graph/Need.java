package dev.pkgbuild.graph;

import dev.pkgbuild.diag.SourcePos;

/**
 * A name a recipe needs from another: a build-environment package, a test package or a
 * runtime dependency.
 *
 * @param name the package or provided name needed (no version constraint)
 * @param kind "environment", "test" or "runtime", for messages
 * @param pos where the recipe says so
 */
public record Need(String name, String kind, SourcePos pos) {}
