#include "panes.h"

extern const struct pane pane_timeline, pane_inbox, pane_answers;

const struct pane *const ui_panes[PANE_COUNT] = {
	[PANE_TIMELINE] = &pane_timeline,
	[PANE_INBOX] = &pane_inbox,
	[PANE_ANSWERS] = &pane_answers,
};
