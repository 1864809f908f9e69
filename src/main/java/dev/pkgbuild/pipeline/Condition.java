package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.recipe.Subst;
import dev.pkgbuild.recipe.Text;
import java.util.Map;

/**
 * Evaluates melange {@code if:} expressions: quoted strings and {@code ${{name}}} values
 * compared with {@code ==} or {@code !=}, joined by {@code &&} and {@code ||} strictly left
 * to right (no precedence between them, as in melange), with parentheses for grouping. A
 * {@code ${{name}}} is one value, whatever its text: {@code ${{package.name}} == 'hello'}
 * compares the name, it is not pasted in as a bare word. Errors point into the expression.
 */
public final class Condition {
  private final Text expr;
  private final String text;
  private final Map<String, String> vars;
  private int i;

  private Condition(Text expr, Map<String, String> vars) {
    this.expr = expr;
    this.text = expr.value();
    this.vars = vars;
  }

  /**
   * Evaluates {@code expr}; an empty expression is true.
   *
   * @param expr the condition as written, or null
   * @param vars substitution values by name
   * @return the value
   * @throws PositionedException on a syntax error or an unknown name, at its place in the expression
   */
  public static boolean evaluate(Text expr, Map<String, String> vars) throws PositionedException {
    if (expr == null || expr.value().isBlank()) {
      return true;
    }
    Condition c = new Condition(expr, vars);
    boolean v = c.expression();
    c.skipSpace();
    if (c.i < c.text.length()) {
      throw c.error("unexpected '" + c.text.substring(c.i) + "'");
    }
    return v;
  }

  private boolean expression() throws PositionedException {
    boolean v = primary();
    while (true) {
      skipSpace();
      if (text.startsWith("&&", i)) {
        i += 2;
        boolean r = primary();
        v = v && r;
      } else if (text.startsWith("||", i)) {
        i += 2;
        boolean r = primary();
        v = v || r;
      } else {
        return v;
      }
    }
  }

  private boolean primary() throws PositionedException {
    skipSpace();
    if (i < text.length() && text.charAt(i) == '(') {
      i++;
      boolean v = expression();
      skipSpace();
      if (i >= text.length() || text.charAt(i) != ')') {
        throw error("missing ')'");
      }
      i++;
      return v;
    }
    String left = value();
    skipSpace();
    boolean equal;
    if (text.startsWith("==", i)) {
      equal = true;
    } else if (text.startsWith("!=", i)) {
      equal = false;
    } else {
      throw error("expected '==' or '!=' after '" + left + "'");
    }
    i += 2;
    String right = value();
    return left.equals(right) == equal;
  }

  private String value() throws PositionedException {
    skipSpace();
    if (i >= text.length()) {
      throw error("expected a value at the end");
    }
    char c = text.charAt(i);
    if (c == '\'' || c == '"') {
      return quoted(c);
    }
    if (text.startsWith("${{", i)) {
      int close = text.indexOf("}}", i);
      if (close < 0) {
        throw error("unclosed '${{'");
      }
      int start = i;
      i = close + 2;
      return substitute(text.substring(start, i));
    }
    throw error("expected a quoted string or ${{...}} at '" + text.substring(i) + "'");
  }

  private String quoted(char quote) throws PositionedException {
    StringBuilder sb = new StringBuilder();
    for (i++; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote) {
        i++;
        return substitute(sb.toString());
      }
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      sb.append(c);
    }
    throw error("unclosed string");
  }

  /** Substitutes one value; quoted strings may hold {@code ${{...}}} too. */
  private String substitute(String s) throws PositionedException {
    try {
      return Subst.strict(s, vars);
    } catch (Subst.UnknownName e) {
      throw new PositionedException(expr.posOf(e.name()), e.getMessage() + " in if '" + text + "'");
    }
  }

  private void skipSpace() {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
  }

  private PositionedException error(String msg) {
    return new PositionedException(expr.at(Math.min(i, text.length())), "invalid if '" + text + "': " + msg);
  }
}
