/* Translation: every string a user reads goes through _(). */
#ifndef INNSPILL_I18N_H
#define INNSPILL_I18N_H
#include <libintl.h>
#define _(s) gettext(s)
#define N_(s) (s)
#endif
