/* One table of actions and their keys. The help screen and the man page's key
 * list are made from it, so they cannot drift from what the keys do. */
#ifndef INNSPILL_KEYMAP_H
#define INNSPILL_KEYMAP_H
#include <stdbool.h>
#include <stdio.h>
#include <wchar.h>

enum action {
	ACT_NONE,
	ACT_QUIT,
	ACT_HELP,
	ACT_PANE_TIMELINE,
	ACT_PANE_INBOX,
	ACT_PANE_ANSWERS,
	ACT_PANE_NEXT,
	ACT_PANE_PREV,
	ACT_REDRAW,
	ACT_CANCEL,
	ACT_DOWN,
	ACT_UP,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_FIRST,
	ACT_LAST,
	ACT_OPEN,
	ACT_NEXT_NEW,
	ACT_PREV_NEW,
	ACT_APPROVE,
	ACT_FOLLOW_UP,
	ACT_REJECT,
	ACT_REOPEN,
	ACT_NOTE,
	ACT_UNDO,
	ACT_SEARCH,
	ACT_LIMIT,
	ACT_TAG,
	ACT_TAG_ALL,
	ACT_TAG_PREFIX,
	ACT_SORT,
	ACT_ASSIGN,
	ACT_SPLIT,
	ACT_IMPORT,
	ACT_ATTACHMENT,
	ACT_SCROLL_DOWN,
	ACT_SCROLL_UP,
	ACT_UPCOMING,
	ACT_TO_INBOX,
	ACT_BASIS,
	ACT_SCOPE,
	ACT_YOY,
	ACT_WRITE,
	ACT_EXPORT,
	ACT_NEXT_ANSWER,
	ACT_PREV_ANSWER,
	ACT_NEW_CODE,
	ACT_RENAME_CODE,
	ACT_MERGE_CODE,
	ACT_CODE_TOGGLE,
	ACT_CODE_FILTER,
	ACT_GIVE,
	ACT_HISTORY,
	ACT_LOG,
	ACT_COUNT
};

/* Where a binding applies; KEYCTX_GLOBAL works everywhere. */
enum keyctx { KEYCTX_GLOBAL, KEYCTX_LIST, KEYCTX_TIMELINE, KEYCTX_INBOX, KEYCTX_ANSWERS,
	      KEYCTX_CODING };

/* One row per key. The first row of an action carries its help text; the
 * help screen joins the names of all keys of the action. */
struct binding {
	enum keyctx ctx;
	enum action action;
	wint_t ch;
	bool is_key;       /* ch is a KEY_* code rather than a character */
	const char *name;  /* the key as shown to the user */
	const char *help;  /* untranslated; shown through gettext */
};

extern const struct binding keymap[];
extern const int keymap_len;

/* The action a key does in a pane context (ctx), looking at the pane's own
 * bindings, then list movement, then global ones. is_key says whether ch is
 * a KEY_* code rather than a character. */
enum action keymap_lookup(enum keyctx ctx, wint_t ch, bool is_key);
const char *keyctx_title(enum keyctx ctx);
/* "j, Down": the names of every key bound to an action in a context. */
/* The key list as lines (roff for the man page, or text); caller frees. */
int keymap_lines(char ***out, bool roff);
/* Prints every key with its help, as roff for the man page or as text. */
void keymap_print(FILE *out, bool roff);
void keymap_keys_of(enum keyctx ctx, enum action a, char *buf, int size);

#endif
