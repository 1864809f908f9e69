package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuildLogTest {
  @Test
  void stamp_padsSecondsToFourAndMillisToThree() {
    assertEquals("[   0.000s] ", BuildLog.stamp(Duration.ZERO));
    assertEquals("[   1.005s] ", BuildLog.stamp(Duration.ofMillis(1005)));
    assertEquals("[  42.120s] ", BuildLog.stamp(Duration.ofMillis(42120)));
    assertEquals("[12345.999s] ", BuildLog.stamp(Duration.ofMillis(12345999)));
  }
}
