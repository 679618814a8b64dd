/* The member register: municipalities and county municipalities, read from the
 * public register files (CSV as published, UTF-8). */
#ifndef INNSPILL_MEMBERS_H
#define INNSPILL_MEMBERS_H
#include "diag.h"
#include <stdbool.h>

enum member_kind { MEMBER_MUNICIPALITY, MEMBER_COUNTY };

struct member {
	char number[5]; /* "0301" or, for a county, "03" */
	char county[3]; /* the county it lies in */
	enum member_kind kind;
	char *name;
};

struct member_register {
	char *id;
	char *municipalities_path, *counties_path;
	struct member *members; /* municipalities first, then counties */
	int n_members;
	int n_municipalities, n_counties;
	struct _GHashTable *by_number; /* number -> member, made once loaded (GLib's) */
};

/* Loads both files into reg (whose id and paths are set). Problems go to errs
 * as file:line; returns 0 or -1. */
int members_load(struct member_register *reg, struct diags *errs);
void members_free(struct member_register *reg);
const struct member *members_find(const struct member_register *reg, const char *number);
/* The county named by a two-digit number, or NULL. */
const struct member *members_county(const struct member_register *reg, const char *county);
/* The member meant by text, as people write it in files and mails: a number
 * (4 digits for a municipality, 2 for a county; no padding is added) or a
 * name. A name matches the register's whole name or any of its " - "-separated
 * parts ("Kautokeino" is "Guovdageaidnu - Kautokeino"), also without a
 * parenthesised qualifier ("Herøy" is "Herøy (Nordland)" but also "Herøy (Møre
 * og Romsdal)"). Case, Unicode normal form and surrounding blanks do not
 * matter. Returns 0 with *out set; -1 when no member matches (or text is not
 * valid UTF-8); -2 when more than one does, with *out and *other (which may be
 * NULL) set to two of them, so the caller can name them. */
int members_lookup(const struct member_register *reg, const char *text, const struct member **out,
		   const struct member **other);

#endif
