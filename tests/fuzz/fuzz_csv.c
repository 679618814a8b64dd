/* Fuzz target: a survey file, imported as `innspill import --dry-run` would
 * (the CSV reader, member matching, dates, answers). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import("survey.csv", data, size);
	return 0;
}
