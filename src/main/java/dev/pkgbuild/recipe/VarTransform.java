package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;

/**
 * A {@code var-transforms} entry: {@code vars.<to>} = regex-replace of {@code from}.
 *
 * @param from text to transform, may hold substitutions
 * @param match regular expression (Go RE2 syntax)
 * @param replace replacement in Go's {@code $1} syntax
 * @param to name of the var to set
 * @param pos where the entry starts
 * @param matchPos where the {@code match} value is
 */
public record VarTransform(Text from, String match, String replace, String to, SourcePos pos, SourcePos matchPos) {}
