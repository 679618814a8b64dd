/* What the fuzz harnesses share: a private directory, the shipped settings
 * and a database made once per process, and a way to hand the fuzzer's bytes
 * to code that reads files. The same harness is linked two ways: with
 * libFuzzer (make fuzz, clang) and with replay.c (make check), which feeds it
 * every file of the kept corpus so that a fixed defect stays fixed. */
#ifndef INNSPILL_FUZZ_H
#define INNSPILL_FUZZ_H
#include <stddef.h>
#include <stdint.h>

struct settings;
struct store;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The shipped settings (config/innspill.cfg, or $INNSPILL_FUZZ_CONFIG),
 * loaded once. Aborts when they cannot be: the harness is set up wrong. */
const struct settings *fuzz_settings(void);
/* A database with those settings and the demo's submissions, made once in
 * the private directory, open as a central user who may import. */
struct store *fuzz_store(void);
/* The private directory (removed at exit). */
const char *fuzz_dir(void);
/* Writes data to NAME in the private directory and returns its path
 * (static storage, valid until the next call). */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);
/* Imports data as the file NAME (its suffix picks the reader) with
 * --dry-run. Aborts when the import leaves a transaction open. */
void fuzz_import(const char *name, const uint8_t *data, size_t size);
/* The input as a NUL-terminated string (malloc'd; NULs inside stay). */
char *fuzz_string(const uint8_t *data, size_t size);

#endif
