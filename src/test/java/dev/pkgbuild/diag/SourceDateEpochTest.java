package dev.pkgbuild.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceDateEpochTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"0|0", "1700000000|1700000000", "' 42\n'|42", "0010|10",
      "8589934591|8589934591", "000000000008589934591|8589934591"})
  void parse_wholeSecondsInRange_givesThem(String text, long seconds) throws PkgbuildException {
    assertEquals(seconds, SourceDateEpoch.parse("SOURCE_DATE_EPOCH", text).seconds());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "abc|SOURCE_DATE_EPOCH is not a whole number of seconds since 1970: 'abc'",
      "''|SOURCE_DATE_EPOCH is not a whole number of seconds since 1970: ''",
      "1.5|SOURCE_DATE_EPOCH is not a whole number of seconds since 1970: '1.5'",
      "+5|SOURCE_DATE_EPOCH is not a whole number of seconds since 1970: '+5'",
      "1e9|SOURCE_DATE_EPOCH is not a whole number of seconds since 1970: '1e9'",
      "-1|SOURCE_DATE_EPOCH must not be negative: '-1'",
      "-99999999999999999999|SOURCE_DATE_EPOCH must not be negative: '-99999999999999999999'",
      "8589934592|SOURCE_DATE_EPOCH is out of range: '8589934592' (at most 8589934591, the latest time a tar header holds)",
      "9223372036854775808|SOURCE_DATE_EPOCH is out of range: '9223372036854775808' (at most 8589934591, the latest time a tar header holds)"})
  void parse_badValue_isBadInputNamingSourceAndValue(String text, String message) {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> SourceDateEpoch.parse("SOURCE_DATE_EPOCH", text));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertEquals(message, e.getMessage());
  }

  @Test
  void of_secondsOutsideTheRange_nameTheSource() {
    assertEquals("a commit must not be negative: '-3'",
        assertThrows(PkgbuildException.class, () -> SourceDateEpoch.of("a commit", -3)).getMessage());
    assertEquals("a commit is out of range: '8589934592' (at most 8589934591, the latest time a tar header holds)",
        assertThrows(PkgbuildException.class, () -> SourceDateEpoch.of("a commit", 8589934592L)).getMessage());
  }
}
