/* Mail reader: being written. */
#include "import.h"
#include "../i18n.h"

int import_mail_file(struct import_ctx *ctx, const char *path)
{
	diags_add(ctx->errs, path, 0, _("mail import is not available yet"));
	return -1;
}
