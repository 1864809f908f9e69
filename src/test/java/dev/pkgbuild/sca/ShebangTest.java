package dev.pkgbuild.sca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShebangTest {
  private static Optional<String> of(String s) {
    return Shebang.command(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void command_variousLines_followMelangeRules() {
    assertEquals(Optional.of("bash"), of("#!/bin/bash -e\n"));
    assertEquals(Optional.of("ruby"), of("#!/usr/bin/env ruby\n"));
    assertEquals(Optional.of("node"), of("#!/usr/bin/env -S node --flag\n"));
    assertEquals(Optional.of("perl"), of("#! /usr/bin/perl"));
    assertEquals(Optional.empty(), of("#!/bin/sh\n"));
    assertEquals(Optional.empty(), of("#!/usr/bin/env python3\n"));
    assertEquals(Optional.empty(), of("#!/usr/bin/awk -f\n"));
    assertEquals(Optional.empty(), of("#!\n"));
    assertEquals(Optional.empty(), of("#!/usr/bin/env\n"));
    assertEquals(Optional.empty(), of("echo hi\n"));
  }
}
