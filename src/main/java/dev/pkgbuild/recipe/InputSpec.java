package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;

/**
 * One declared input of a pipeline definition.
 *
 * @param description free text
 * @param defaultValue the default, or null when none is declared
 * @param required whether callers must pass it
 * @param pos where it is declared
 */
public record InputSpec(String description, String defaultValue, boolean required, SourcePos pos) {}
