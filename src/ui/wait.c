/* While a change waits for someone else's long write (an import), the
 * status line says whose, a resize or Ctrl-L redraws the screen, Esc gives
 * the change up, and SIGTERM or SIGHUP end the wait (the main loop then
 * ends the program). The store calls this between its tries for the lock,
 * outside any SQLite call, so drawing (which reads) is allowed. */
#include "ui.h"
#include "../i18n.h"
#include <stdio.h>
#include <string.h>

/* A moment's wait (another person's single change) is not worth a word. */
#define SHOW_AFTER_MS 300

static bool shown;

static void waiting_message(const struct store_holder *who, char *buf, size_t n)
{
	if (who->known && strcmp(who->kind, "import") == 0)
		snprintf(buf, n, _("Waiting for %s's import… Esc cancels"), who->login);
	else if (who->known && strcmp(who->kind, "rebuild") == 0)
		snprintf(buf, n, _("Waiting for %s's rebuild of the search index… Esc cancels"),
			 who->login);
	else if (who->known)
		snprintf(buf, n, _("Waiting for %s to finish writing… Esc cancels"), who->login);
	else
		snprintf(buf, n, "%s", _("Waiting for another program to finish writing… Esc cancels"));
}

/* Reads the keys typed meanwhile: true when Esc was among them. A resize
 * and Ctrl-L redraw; other keys are dropped, as the change they would act
 * on is not made yet. */
static bool read_keys(struct ui *ui, bool *redraw)
{
	bool cancel = false;
	for (;;) {
		WINDOW *in = ui->body ? ui->body : stdscr;
		wtimeout(in, 0);
		wint_t ch;
		int r = wget_wch(in, &ch);
		wtimeout(in, 1000);
		if (r == ERR)
			return cancel;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui_resize(ui);
			*redraw = false;
		} else if (r == OK && ch == 27) {
			cancel = true;
		} else if (r == OK && ch == 12) {
			clearok(curscr, TRUE);
			*redraw = true;
		}
	}
}

static bool on_wait(void *ctx, const struct store_holder *who, long waited_ms)
{
	struct ui *ui = ctx;
	if (!who) {
		/* Over: the action's own message follows. */
		if (shown)
			ui->message[0] = '\0';
		shown = false;
		return true;
	}
	if (ui_interrupted())
		return false;
	bool redraw = false;
	if (waited_ms >= SHOW_AFTER_MS) {
		char msg[sizeof ui->message];
		waiting_message(who, msg, sizeof msg);
		if (!shown || strcmp(msg, ui->message) != 0) {
			snprintf(ui->message, sizeof ui->message, "%s", msg);
			redraw = true;
		}
		shown = true;
	}
	bool cancel = read_keys(ui, &redraw);
	if (redraw)
		ui_draw_now(ui);
	return !cancel && !ui_interrupted();
}

void ui_wait_install(struct ui *ui, bool on)
{
	shown = false;
	store_set_wait(ui->st, on ? on_wait : NULL, on ? ui : NULL);
}
