/* Who may change what. The acting user is the Unix login; the settings give
 * each login a role: central staff write everywhere, regional staff in their
 * own regions, readers nowhere. A login that is not listed is a reader,
 * except in a demo database, where everyone may try everything. Every write
 * function of core/ asks here first, inside its transaction. */
#ifndef INNSPILL_ACCESS_H
#define INNSPILL_ACCESS_H
#include "diag.h"
#include "settings.h"
#include "store.h"

/* The acting user's role, and whether it comes from a demo database. */
enum role access_role(struct store *st, bool *demo);
/* May the user write in this region? NULL: a submission with no member yet,
 * which any central or regional user may sort out. */
int access_region(struct store *st, const char *region, struct diags *errs);
/* May the user change this submission (by its member's region)? */
int access_submission(struct store *st, long long id, struct diags *errs);
/* May the user write at all (codes, which belong to no region)? */
int access_write(struct store *st, struct diags *errs);

#endif
