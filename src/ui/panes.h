/* The registry of panes: the main loop takes them from here, in the order
 * of enum pane_id (their tabs and the keys 1, 2, 3). A new pane is a new
 * file and a line in panes.c. */
#ifndef INNSPILL_PANES_H
#define INNSPILL_PANES_H
#include "ui.h"

extern const struct pane *const ui_panes[PANE_COUNT];

#endif
