/* Fuzz target: a mail (an .eml file), imported as `innspill import --dry-run`
 * would (MIME, charsets, HTML to text, attachments, member matching). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import("mail.eml", data, size);
	return 0;
}
