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
};

/* Loads both files into reg (whose id and paths are set). Problems go to errs
 * as file:line; returns 0 or -1. */
int members_load(struct member_register *reg, struct diags *errs);
void members_free(struct member_register *reg);
const struct member *members_find(const struct member_register *reg, const char *number);
/* The county named by a two-digit number, or NULL. */
const struct member *members_county(const struct member_register *reg, const char *county);

#endif
