#include <stdio.h>
#include <string.h>
#include "hello.h"

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--version") == 0) {
    puts("hello 1.2.0");
    return 0;
  }
  puts(hello_greeting(argc > 1 ? argv[1] : NULL));
  return 0;
}
