#include "access.h"
#include "../i18n.h"
#include "store_int.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

enum role access_role(struct store *st, bool *demo)
{
	*demo = false;
	const struct user *u = st->settings ? settings_user(st->settings, st->user) : NULL;
	if (u)
		return u->role;
	/* A demo database holds no real data; `make run` should let anyone try. */
	char *d = store_meta_get(st, "demo");
	*demo = d != NULL;
	free(d);
	return *demo ? ROLE_CENTRAL : ROLE_READER;
}

static int refuse(struct store *st, struct diags *errs, const char *why)
{
	diags_add(errs, NULL, 0, "%s: %s", st->user, why);
	return -1;
}

int access_write(struct store *st, struct diags *errs)
{
	bool demo;
	if (!st->settings)
		return refuse(st, errs, _("no settings are loaded, so nothing may be changed"));
	if (access_role(st, &demo) == ROLE_READER)
		return refuse(st, errs, settings_user(st->settings, st->user)
					       ? _("a reader may not change anything")
					       : _("not listed in the settings' users, so a reader"));
	return 0;
}

int access_region(struct store *st, const char *region, struct diags *errs)
{
	if (access_write(st, errs) != 0)
		return -1;
	bool demo;
	if (access_role(st, &demo) == ROLE_CENTRAL || !region)
		return 0;
	const struct user *u = settings_user(st->settings, st->user);
	for (int i = 0; u && i < u->n_regions; i++)
		if (strcmp(u->regions[i], region) == 0)
			return 0;
	const struct region *r = settings_region(st->settings, region);
	char *why = xasprintf(_("works for other regions than %s"), r ? r->name : region);
	refuse(st, errs, why);
	free(why);
	return -1;
}

int access_submission(struct store *st, long long id, struct diags *errs)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT rc.region_code FROM submission s LEFT JOIN member m ON m.number = s.member"
		" LEFT JOIN region_county rc ON rc.county = m.county WHERE s.id = ?");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	char *region = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		region = xstrdup((const char *)sqlite3_column_text(s, 0));
	store_release(st, s);
	int rc = access_region(st, region, errs);
	free(region);
	return rc;
}
