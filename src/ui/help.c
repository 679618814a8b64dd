/* The help screen, made from the keymap table so it tells the truth. */
#include "ui.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>

void help_open(struct ui *ui)
{
	static const enum keyctx order[] = {KEYCTX_GLOBAL, KEYCTX_LIST, KEYCTX_TIMELINE,
					    KEYCTX_INBOX, KEYCTX_ANSWERS, KEYCTX_CODING};
	char **lines = NULL;
	int n = 0;
	for (size_t c = 0; c < sizeof order / sizeof order[0]; c++) {
		bool title = false;
		for (int i = 0; i < keymap_len; i++) {
			const struct binding *b = &keymap[i];
			if (b->ctx != order[c] || !b->help)
				continue;
			if (!title) {
				if (n)
					ptrs_push((void ***)&lines, &n, xstrdup(""));
				ptrs_push((void ***)&lines, &n, xasprintf("%s", keyctx_title(order[c])));
				title = true;
			}
			char keys[64];
			keymap_keys_of(b->ctx, b->action, keys, sizeof keys);
			ptrs_push((void ***)&lines, &n, xasprintf("  %-16s %s", keys, _(b->help)));
		}
	}
	char *title = xasprintf(_("Help: innspill %s"), VERSION);
	pager_open(ui, title, lines, n);
	free(title);
}
