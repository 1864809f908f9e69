#ifndef HELLO_H
#define HELLO_H
/* Returns the greeting for name; the caller does not free it. */
const char *hello_greeting(const char *name);
#endif
