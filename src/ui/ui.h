/* Shared state of the terminal program and the pane interface. */
#ifndef INNSPILL_UI_H
#define INNSPILL_UI_H
#include "../app.h"
#include "keymap.h"
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

/* A scrolling list: the cursor row and the first row shown. */
struct list {
	int n, cur, top;
};

enum color { COLOR_PAIR_TAB = 1, COLOR_PAIR_WARN, COLOR_PAIR_LATE, COLOR_PAIR_OK,
	     COLOR_PAIR_TITLE };

struct ui;

/* A pane is a small table of functions over the shared state. */
struct pane {
	const char *title; /* untranslated */
	enum keyctx ctx;
	void (*open)(struct ui *ui);  /* (re)load its data */
	void (*draw)(struct ui *ui, WINDOW *w);
	int (*action)(struct ui *ui, enum action a); /* returns enum redraw */
	void (*close)(struct ui *ui);
	const char *(*hint)(void);   /* the keys line */
	/* The key context now, when it changes with the pane's mode; may be NULL. */
	enum keyctx (*context)(void);
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
	int pane;
	struct pager *pager; /* a text view over the pane (help, errors), or NULL */
	char message[256];
	int cursor_y; /* the body row the hardware cursor sits on */
	wint_t key;   /* the key being handled, for actions that take any of several */
	int data_version;        /* the database's, when last read */
	long polled_at, counted_at;
	int active_others;       /* others who wrote or read lately */
	long long presence_id;   /* the submission we have open, marked for others */
	long presence_at;
	void *pane_state[3];
};

extern const struct pane pane_timeline, pane_inbox, pane_answers;

/* Drawing helpers (draw.c). */
/* Writes s at (y, x) fitted to exactly width columns. */
void draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
void draw_text_right(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
attr_t ui_attr(const struct ui *ui, enum color c, attr_t mono);
void draw_bar(WINDOW *w, int y, int x, int width, double frac, attr_t attr);
/* "16.02" or "28.02–01.03" */
void draw_span(char *buf, size_t n, date_t from, date_t to);

/* List movement (list.c); page is the number of visible rows. */
bool list_action(struct list *l, enum action a, int page);
void list_clamp(struct list *l, int page);

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

/* From app.c, for the modal parts. */
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
/* Reads the current pane's data again (after a change it shows). */
void ui_reopen_pane(struct ui *ui);
/* Shows pane i (0 timeline, 1 inbox, 2 answers). */
void ui_switch_pane(struct ui *ui, int i);
/* Shows the inbox limited by expr, on submission id when it is shown. */
void inbox_goto(struct ui *ui, const char *expr, long long id);
/* Draws everything now (the progress bar of a long import). */
void ui_draw_now(struct ui *ui);

/* Shows on the status line whose write a change waits for, and lets Esc
 * cancel the wait (wait.c); off again before the terminal is let go. */
void ui_wait_install(struct ui *ui, bool on);

void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
