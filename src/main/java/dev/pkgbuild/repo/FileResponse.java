package dev.pkgbuild.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The HTTP answer for one file: validators, conditional requests and a single byte range.
 *
 * @param status 200, 206, 304 or 416
 * @param start first byte to send
 * @param length bytes to send
 * @param size the whole file's length
 * @param etag strong validator from size and modification time (files are replaced by rename, never edited)
 * @param lastModified the HTTP date of the modification time
 */
record FileResponse(int status, long start, long length, long size, String etag, String lastModified) {
  static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

  /** Decides the answer from the request's conditional and range headers. */
  static FileResponse decide(Path file, String ifNoneMatch, String ifModifiedSince, String range) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    long size = a.size();
    Instant mtime = a.lastModifiedTime().toInstant();
    String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(a.lastModifiedTime().toMillis()) + "\"";
    String lm = HTTP_DATE.format(ZonedDateTime.ofInstant(mtime, ZoneOffset.UTC));
    if (ifNoneMatch != null ? matches(ifNoneMatch, etag) : notModifiedSince(ifModifiedSince, mtime)) {
      return new FileResponse(304, 0, 0, size, etag, lm);
    }
    long[] r = range == null ? null : parseRange(range, size);
    if (r == null) {
      return new FileResponse(200, 0, size, size, etag, lm);
    }
    if (r.length == 0) {
      return new FileResponse(416, 0, 0, size, etag, lm);
    }
    return new FileResponse(206, r[0], r[1] - r[0] + 1, size, etag, lm);
  }

  private static boolean matches(String header, String etag) {
    for (String t : header.split(",")) {
      String tag = t.trim();
      if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean notModifiedSince(String header, Instant mtime) {
    if (header == null) {
      return false;
    }
    try {
      Instant since = ZonedDateTime.parse(header.trim(), HTTP_DATE).toInstant();
      return mtime.getEpochSecond() <= since.getEpochSecond();
    } catch (DateTimeParseException e) {
      return false; // an unparsable date is ignored, as HTTP says
    }
  }

  /**
   * One range {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}: {start, end}; an empty
   * array when it cannot be satisfied; null (whole file) when malformed or several ranges.
   */
  static long[] parseRange(String header, long size) {
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
      return null;
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long n = Long.parseLong(b);
        return n <= 0 || size == 0 ? new long[0] : new long[] {Math.max(0, size - n), size - 1};
      }
      long start = Long.parseLong(a);
      long end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (start < 0 || (!b.isEmpty() && Long.parseLong(b) < start)) {
        return null;
      }
      return start >= size ? new long[0] : new long[] {start, end};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The content type by file name. */
  static String contentType(String name) {
    if (name.endsWith(".tar.gz") || name.endsWith(".gz")) {
      return "application/gzip";
    }
    if (name.endsWith(".pub") || name.endsWith(".txt")) {
      return "text/plain; charset=us-ascii";
    }
    if (name.endsWith(".json")) {
      return "application/json";
    }
    return "application/octet-stream"; // .apk too: vnd.android.package-archive is Android's format, not this one
  }
}
