/* Shared state of the terminal program and the pane interface. */
#ifndef INNSPILL_UI_H
#define INNSPILL_UI_H
#include "../app.h"
#include "keymap.h"
#include "list.h"
#include <curses.h>

#define UI_MIN_COLS 60
#define UI_MIN_ROWS 12

/* What a handler asks the main loop to redraw; only the loop draws. */
enum redraw {
	REDRAW_NONE = 0,
	REDRAW_BODY = 1,
	REDRAW_STATUS = 2,
	REDRAW_ALL = 0xff,
};

enum color { COLOR_PAIR_TAB = 1, COLOR_PAIR_WARN, COLOR_PAIR_LATE, COLOR_PAIR_OK,
	     COLOR_PAIR_TITLE };

struct ui;

/* The panes, in the order of their tabs (the registry in panes.c). */
enum pane_id { PANE_TIMELINE, PANE_INBOX, PANE_ANSWERS, PANE_COUNT };

/* A jump to another pane: "this submission in the inbox", "the inbox limited
 * to this region". A pane asks with ui_request(); the main loop switches to
 * the pane after the key is handled and hands it the request. */
struct ui_request {
	bool pending;
	enum pane_id to;
	char *limit;   /* a limit expression for the list there, or NULL */
	long long id;  /* the row to put the cursor on and open, 0: none */
};

/* A pane is a small table of functions and the size of its state, which the
 * main loop allocates (zeroed) and hands to each of them, as tig's view_ops
 * with its private size. No pane keeps its state anywhere else. */
struct pane {
	const char *title; /* untranslated */
	enum keyctx ctx;
	size_t state_size;
	void (*init)(void *state); /* once, on the zeroed state; may be NULL */
	void (*open)(struct ui *ui, void *state); /* (re)load its data */
	void (*draw)(struct ui *ui, void *state, WINDOW *w);
	int (*action)(struct ui *ui, void *state, enum action a); /* returns enum redraw */
	void (*close)(struct ui *ui, void *state); /* frees what the state holds */
	const char *(*hint)(const void *state); /* the keys line */
	/* The key context now, when it changes with the pane's mode; may be NULL. */
	enum keyctx (*context)(const void *state);
	/* Shows what a request asks for, after open; may be NULL. */
	void (*request)(struct ui *ui, void *state, const struct ui_request *r);
};

struct ui {
	const struct app_options *opt;
	struct settings *s;
	struct store *st;
	const struct cycle *cycle;
	const struct user *user; /* NULL: not listed, a reader */
	bool demo;
	bool colors;
	WINDOW *top, *body, *keys, *status;
	const struct pane *const *panes; /* the registry, PANE_COUNT of them */
	void *state[PANE_COUNT];         /* each pane's own */
	int pane;                        /* the one shown */
	struct ui_request request;       /* asked for by a key, not followed yet */
	struct pager *pager; /* a text view over the pane (help, errors), or NULL */
	char message[256];
	int cursor_y; /* the body row the hardware cursor sits on */
	wint_t key;   /* the key being handled, for actions that take any of several */
	int data_version;        /* the database's, when last read */
	long polled_at, counted_at;
	int active_others;       /* others who wrote or read lately */
	long long presence_id;   /* the submission we have open, marked for others */
	long presence_at;
};

/* Drawing helpers (draw.c). */
/* Writes s at (y, x) fitted to exactly width columns. */
void draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
void draw_text_right(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
attr_t ui_attr(const struct ui *ui, enum color c, attr_t mono);
void draw_bar(WINDOW *w, int y, int x, int width, double frac, attr_t attr);
/* "16.02" or "28.02–01.03" */
void draw_span(char *buf, size_t n, date_t from, date_t to);

/* The columns of a table (table.c). */
struct column {
	const char *title; /* the heading, translated; NULL: none */
	int width;         /* a fixed column's width; a flexible one's least */
	bool flex;         /* shares the room the fixed columns leave */
	bool right;        /* aligned right */
	int pad;           /* blank columns before it beyond the table's gap */
	int x, w;          /* where table_layout put it */
};
/* Places n columns from x up to (not including) column right, gap blank
 * columns between two. */
void table_layout(struct column *c, int n, int x, int right, int gap);
void table_header(WINDOW *w, int y, const struct column *c, int n, attr_t attr);
/* Writes s fitted to the column, aligned as it says. */
void table_cell(WINDOW *w, int y, const struct column *c, const char *s, attr_t attr);

/* A text view over the pane: help, error lists, attachments (pager.c). */
struct pager {
	char *title;
	char **lines;
	int n;
	struct list list;
};
/* Opens a pager with the lines (taken over) and a title. */
void pager_open(struct ui *ui, const char *title, char **lines, int n);
void pager_close(struct ui *ui);
void pager_draw(struct ui *ui, WINDOW *w);
int pager_action(struct ui *ui, enum action a);
/* The help screen's lines, from the keymap (help.c). */
void help_open(struct ui *ui);

/* Modal input (prompt.c, picker.c): they draw and read keys themselves, as
 * mutt's prompts do; the main loop redraws what they covered. */
char *prompt_read(struct ui *ui, const char *label, const char *initial);

/* The user's editor as a shell command ($VISUAL, $EDITOR, sensible-editor,
 * editor, vi), or NULL when there is none (caller frees). */
char *editor_command(void);
/* Edits text in that editor, the terminal handed over meanwhile; the new
 * text, or NULL (tried false: no editor at all; true: it failed). */
char *editor_edit(struct ui *ui, const char *text, bool *tried);
/* Index of the chosen item, or -1. */
int picker_run(struct ui *ui, const char *title, const char *const *items, int n);

/* Keys and the signals that end the program (input.c). */
/* Catches SIGTERM, SIGHUP and SIGINT: they end the program from any loop. */
void input_catch_signals(void);
/* The signal that ends the program, 0 while none came. A terminal that is
 * gone (EOF or EIO) counts as SIGHUP. */
int input_signal(void);
/* The next key from w: OK with a character (U+FFFD for bytes that are not
 * one), KEY_CODE_YES with a key code (KEY_RESIZE too), ERR when ms (-1: no
 * limit) went by with none, or at once when the program must end. */
int input_key(WINDOW *w, int ms, wint_t *ch);
/* For work that reads no keys: true when the terminal has hung up (then
 * input_signal() says SIGHUP). Keys typed meanwhile stay where they are. */
bool input_terminal_gone(void);
/* Milliseconds on a clock that only goes forward. */
long long ui_clock_ms(void);

/* The frame around the panes (screen.c): the tabs, keys and status lines,
 * the windows, the modal key loop. It reaches the panes only through
 * ui->panes, so no pane depends on the main loop. */
/* True when the program is ending (a signal, the terminal gone, q): every
 * loop stops and every prompt cancels. */
bool ui_interrupted(void);
/* The next key for a prompt or picker, waiting as long as it takes. A resize
 * redraws the screen and returns KEY_RESIZE, for the caller to draw itself
 * again; while the terminal is too small it says so and waits. ERR: the
 * program is ending, cancel. */
int ui_modal_key(struct ui *ui, wint_t *ch);
/* Follows a change of the window's size now (terminal.c): for long work
 * that reads no keys. */
void ui_follow_size(struct ui *ui);
/* Ends the program at once from inside long work (an import) after a
 * signal: the open transaction rolled back, the presence mark removed, the
 * terminal restored. */
_Noreturn void ui_abort(struct ui *ui);
void ui_resize(struct ui *ui);
void ui_touch_keys(struct ui *ui);
/* Marks for others which submission we have open (0: none). */
void ui_presence(struct ui *ui, long long id);
/* Shows pane i (its data read again); what needs redrawing. */
int ui_switch_pane(struct ui *ui, int i);
/* Asks the main loop to show r.to with r's limit and row (copied). */
void ui_request(struct ui *ui, enum pane_id to, const char *limit, long long id);
/* Whether the terminal is smaller than the program needs. */
bool ui_too_small(void);
/* Makes the windows for the terminal's size (none while it is too small). */
void ui_layout(struct ui *ui);
void ui_free_windows(struct ui *ui);
/* Draws what `what` (enum redraw) names, then one doupdate(). */
void ui_draw(struct ui *ui, int what);
/* The window keys are read from. */
WINDOW *ui_input_window(struct ui *ui);
/* Renews our presence mark before it lapses. */
void ui_keep_presence(struct ui *ui, long now);
/* Draws everything now (the progress bar of a long import). */
void ui_draw_now(struct ui *ui);

/* Shows on the status line whose write a change waits for, and lets Esc
 * cancel the wait (wait.c); off again before the terminal is let go. */
void ui_wait_install(struct ui *ui, bool on);

void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
