#include "keymap.h"
#include "../i18n.h"
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../core/util.h"

#define CTRL(c) ((c) & 0x1f)

const struct binding keymap[] = {
	{KEYCTX_GLOBAL, ACT_PANE_TIMELINE, L'1', false, "1", N_("show the timeline of every region")},
	{KEYCTX_GLOBAL, ACT_PANE_INBOX, L'2', false, "2", N_("show the inbox of submissions")},
	{KEYCTX_GLOBAL, ACT_PANE_ANSWERS, L'3', false, "3", N_("show the answers per question")},
	{KEYCTX_GLOBAL, ACT_PANE_NEXT, L'\t', false, "Tab", N_("next pane")},
	{KEYCTX_GLOBAL, ACT_PANE_PREV, KEY_BTAB, true, "Shift-Tab", N_("previous pane")},
	{KEYCTX_GLOBAL, ACT_HELP, L'?', false, "?", N_("show this help; ? or q closes it")},
	{KEYCTX_GLOBAL, ACT_HELP, KEY_F(1), true, "F1", NULL},
	{KEYCTX_GLOBAL, ACT_REDRAW, CTRL(L'l'), false, "Ctrl-L", N_("redraw the screen")},
	{KEYCTX_GLOBAL, ACT_CANCEL, 27, false, "Esc", N_("cancel: close a view, end a search or a ';'")},
	{KEYCTX_GLOBAL, ACT_QUIT, L'q', false, "q", N_("quit")},
	{KEYCTX_LIST, ACT_DOWN, L'j', false, "j", N_("move down")},
	{KEYCTX_LIST, ACT_DOWN, KEY_DOWN, true, "Down", NULL},
	{KEYCTX_LIST, ACT_UP, L'k', false, "k", N_("move up")},
	{KEYCTX_LIST, ACT_UP, KEY_UP, true, "Up", NULL},
	{KEYCTX_LIST, ACT_PAGE_DOWN, KEY_NPAGE, true, "PgDn", N_("one page down")},
	{KEYCTX_LIST, ACT_PAGE_DOWN, L' ', false, "Space", NULL},
	{KEYCTX_LIST, ACT_PAGE_UP, KEY_PPAGE, true, "PgUp", N_("one page up")},
	{KEYCTX_LIST, ACT_PAGE_UP, L'-', false, "-", NULL},
	{KEYCTX_LIST, ACT_FIRST, L'g', false, "g", N_("go to the first row")},
	{KEYCTX_LIST, ACT_FIRST, KEY_HOME, true, "Home", NULL},
	{KEYCTX_LIST, ACT_LAST, L'G', false, "G", N_("go to the last row")},
	{KEYCTX_LIST, ACT_LAST, KEY_END, true, "End", NULL},
	{KEYCTX_TIMELINE, ACT_OPEN, L'\r', false, "Enter", N_("open the region: milestones and members; on a member, its submission")},
	{KEYCTX_TIMELINE, ACT_OPEN, KEY_ENTER, true, "Enter", NULL},
	{KEYCTX_TIMELINE, ACT_UPCOMING, L'u', false, "u", N_("upcoming milestones in every region")},
	{KEYCTX_TIMELINE, ACT_TO_INBOX, L'i', false, "i", N_("the inbox limited to the region")},
	{KEYCTX_TIMELINE, ACT_SORT, L's', false, "s", N_("sort the region's members: number, name, state, received")},
	{KEYCTX_ANSWERS, ACT_OPEN, L'\r', false, "Enter", N_("read and code the answers to a free-text question")},
	{KEYCTX_ANSWERS, ACT_OPEN, KEY_ENTER, true, "Enter", NULL},
	{KEYCTX_ANSWERS, ACT_BASIS, L'v', false, "v", N_("count approved answers or all received")},
	{KEYCTX_ANSWERS, ACT_SCOPE, L's', false, "s", N_("scope: all regions, one region after another, the nation")},
	{KEYCTX_ANSWERS, ACT_YOY, L'y', false, "y", N_("show the same question in the earlier cycle")},
	{KEYCTX_ANSWERS, ACT_WRITE, L'w', false, "w", N_("write the region's answer in your editor ($VISUAL, $EDITOR)")},
	{KEYCTX_ANSWERS, ACT_EXPORT, L'e', false, "e", N_("export the answers (Markdown, CSV or HTML)")},
	{KEYCTX_CODING, ACT_NEXT_ANSWER, L' ', false, "Space", N_("next answer")},
	{KEYCTX_CODING, ACT_NEXT_ANSWER, L'n', false, "n", NULL},
	{KEYCTX_CODING, ACT_PREV_ANSWER, L'p', false, "p", N_("previous answer")},
	{KEYCTX_CODING, ACT_PREV_ANSWER, KEY_BACKSPACE, true, "Backspace", NULL},
	{KEYCTX_CODING, ACT_CODE_TOGGLE, L'1', false, "1-9, 0", N_("set or clear code 1-10 on this answer")},
	{KEYCTX_CODING, ACT_CODE_TOGGLE, L'2', false, "1-9, 0", NULL},
	{KEYCTX_CODING, ACT_CODE_TOGGLE, L'3', false, "1-9, 0", NULL},
	{KEYCTX_CODING, ACT_CODE_TOGGLE, L'4', false, "1-9, 0", NULL},
	{KEYCTX_CODING, ACT_CODE_TOGGLE, L'5', false, "1-9, 0", NULL},
	{KEYCTX_CODING, ACT_CODE_TOGGLE, L'6', false, "1-9, 0", NULL},
	{KEYCTX_CODING, ACT_CODE_TOGGLE, L'7', false, "1-9, 0", NULL},
	{KEYCTX_CODING, ACT_CODE_TOGGLE, L'8', false, "1-9, 0", NULL},
	{KEYCTX_CODING, ACT_CODE_TOGGLE, L'9', false, "1-9, 0", NULL},
	{KEYCTX_CODING, ACT_CODE_TOGGLE, L'0', false, "1-9, 0", NULL},
	{KEYCTX_CODING, ACT_NEW_CODE, L'c', false, "c", N_("new code, set on this answer")},
	{KEYCTX_CODING, ACT_RENAME_CODE, L'R', false, "R", N_("rename a code")},
	{KEYCTX_CODING, ACT_MERGE_CODE, L'M', false, "M", N_("merge a code into another")},
	{KEYCTX_CODING, ACT_CODE_FILTER, L'\r', false, "Enter", N_("read only the answers with a code (again: all)")},
	{KEYCTX_CODING, ACT_CODE_FILTER, KEY_ENTER, true, "Enter", NULL},
	{KEYCTX_CODING, ACT_TO_INBOX, L'i', false, "i", N_("open this answer's submission in the inbox")},
	{KEYCTX_CODING, ACT_CANCEL, 27, false, "Esc", N_("back to the questions")},
	{KEYCTX_INBOX, ACT_OPEN, L'\r', false, "Enter", N_("open or close the selected submission")},
	{KEYCTX_INBOX, ACT_OPEN, KEY_ENTER, true, "Enter", NULL},
	{KEYCTX_INBOX, ACT_NEXT_NEW, L'n', false, "n", N_("next new submission, or next search hit")},
	{KEYCTX_INBOX, ACT_PREV_NEW, L'p', false, "p", N_("previous new submission, or search hit")},
	{KEYCTX_INBOX, ACT_APPROVE, L'a', false, "a", N_("approve")},
	{KEYCTX_INBOX, ACT_FOLLOW_UP, L'f', false, "f", N_("needs follow-up")},
	{KEYCTX_INBOX, ACT_REJECT, L'r', false, "r", N_("reject (or duplicate)")},
	{KEYCTX_INBOX, ACT_REOPEN, L'o', false, "o", N_("back to new")},
	{KEYCTX_INBOX, ACT_UNDO, L'u', false, "u", N_("undo the last status change")},
	{KEYCTX_INBOX, ACT_NOTE, L'N', false, "N", N_("add a note")},
	{KEYCTX_INBOX, ACT_SEARCH, L'/', false, "/", N_("search texts, answers and notes")},
	{KEYCTX_INBOX, ACT_LIMIT, L'l', false, "l", N_("limit: region:CODE status:new late text:WORD missing unmatched")},
	{KEYCTX_INBOX, ACT_TAG, L't', false, "t", N_("tag or untag the row")},
	{KEYCTX_INBOX, ACT_TAG_ALL, L'T', false, "T", N_("tag every row the limit shows (again: untag)")},
	{KEYCTX_INBOX, ACT_TAG_PREFIX, L';', false, ";", N_("apply the next key to the tagged rows shown")},
	{KEYCTX_INBOX, ACT_SORT, L's', false, "s", N_("change the order: received, member, region, status")},
	{KEYCTX_INBOX, ACT_ASSIGN, L'm', false, "m", N_("choose the member of an unmatched mail")},
	{KEYCTX_INBOX, ACT_SPLIT, L'S', false, "S", N_("split lines of the resolution into an answer")},
	{KEYCTX_INBOX, ACT_ATTACHMENT, L'v', false, "v", N_("read a text attachment")},
	{KEYCTX_INBOX, ACT_IMPORT, L'i', false, "i", N_("import a CSV file, a mail or a maildir")},
	{KEYCTX_INBOX, ACT_GIVE, L'A', false, "A", N_("give the submission (or the tagged ones) to a reviewer")},
	{KEYCTX_INBOX, ACT_HISTORY, L'L', false, "L", N_("the submission's history: who, when, before, after")},
	{KEYCTX_INBOX, ACT_LOG, L'W', false, "W", N_("the log, newest 2 000: user:LOGIN region:CODE since:DATE")},
	{KEYCTX_INBOX, ACT_SCROLL_DOWN, L'J', false, "J", N_("scroll the open submission down")},
	{KEYCTX_INBOX, ACT_SCROLL_UP, L'K', false, "K", N_("scroll the open submission up")},
};
const int keymap_len = (int)(sizeof keymap / sizeof keymap[0]);

static enum action find(enum keyctx ctx, wint_t ch, bool is_key)
{
	for (int i = 0; i < keymap_len; i++)
		if (keymap[i].ctx == ctx && keymap[i].ch == ch && keymap[i].is_key == is_key)
			return keymap[i].action;
	return ACT_NONE;
}

enum action keymap_lookup(enum keyctx ctx, wint_t ch, bool is_key)
{
	enum action a = find(ctx, ch, is_key);
	if (a == ACT_NONE && ctx != KEYCTX_GLOBAL)
		a = find(KEYCTX_LIST, ch, is_key);
	if (a == ACT_NONE)
		a = find(KEYCTX_GLOBAL, ch, is_key);
	return a;
}

/* Enter and the keypad's Enter are one key to the user: name it once. */
static bool named_before(int i)
{
	for (int j = 0; j < i; j++)
		if (keymap[j].ctx == keymap[i].ctx && keymap[j].action == keymap[i].action &&
		    strcmp(keymap[j].name, keymap[i].name) == 0)
			return true;
	return false;
}

void keymap_keys_of(enum keyctx ctx, enum action a, char *buf, int size)
{
	buf[0] = '\0';
	for (int i = 0; i < keymap_len; i++) {
		if (keymap[i].ctx != ctx || keymap[i].action != a || named_before(i))
			continue;
		size_t len = strlen(buf);
		snprintf(buf + len, (size_t)size - len, "%s%s", len ? ", " : "", keymap[i].name);
	}
}

const char *keyctx_title(enum keyctx ctx)
{
	switch (ctx) {
	case KEYCTX_GLOBAL: return _("Everywhere");
	case KEYCTX_LIST: return _("In lists");
	case KEYCTX_TIMELINE: return _("Timeline");
	case KEYCTX_INBOX: return _("Inbox");
	case KEYCTX_ANSWERS: return _("Answers");
	case KEYCTX_CODING: return _("Coding answers");
	}
	return "";
}

/* Every key with its help, a heading per context, in the help screen's order:
 * the help screen, `innspill keys` and the man page all come from here. */
int keymap_lines(char ***out, bool roff)
{
	static const enum keyctx order[] = {KEYCTX_GLOBAL, KEYCTX_LIST, KEYCTX_TIMELINE,
					    KEYCTX_INBOX, KEYCTX_ANSWERS, KEYCTX_CODING};
	int n = 0;
	*out = NULL;
	for (size_t c = 0; c < sizeof order / sizeof order[0]; c++) {
		bool title = false;
		for (int i = 0; i < keymap_len; i++) {
			const struct binding *b = &keymap[i];
			if (b->ctx != order[c] || !b->help)
				continue;
			if (!title)
				ptrs_push((void ***)out, &n, xasprintf(roff ? ".SS %s" : "%s",
								      keyctx_title(order[c])));
			title = true;
			char keys[64];
			keymap_keys_of(b->ctx, b->action, keys, sizeof keys);
			ptrs_push((void ***)out, &n,
				  roff ? xasprintf(".TP\n.B %s\n%s", keys, _(b->help))
				       : xasprintf("  %-16s %s", keys, _(b->help)));
		}
	}
	return n;
}

void keymap_print(FILE *out, bool roff)
{
	char **lines;
	int n = keymap_lines(&lines, roff);
	for (int i = 0; i < n; i++) {
		fprintf(out, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
}
