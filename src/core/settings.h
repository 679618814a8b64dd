/* The settings file (libconfig) read into validated structs. Every problem is
 * reported with the file and line it is on, not only the first. */
#ifndef INNSPILL_SETTINGS_H
#define INNSPILL_SETTINGS_H
#include "date.h"
#include "diag.h"
#include "members.h"

enum question_kind { QUESTION_TEXT, QUESTION_CHOICE };

struct question {
	char *id, *title, *text;
	char *key; /* the same key in two cycles: the same question, compared year over year */
	enum question_kind kind;
	char **options;
	int n_options;
};

struct cycle {
	char *id, *title;
	date_t sent, national_deadline, main_board;
	char *register_id;
	const struct member_register *reg; /* points into settings.registers */
	char **not_expected;               /* member numbers outside the expected set */
	int n_not_expected;
	char *not_expected_reason;
	struct question *questions;
	int n_questions;
};

enum milestone_kind {
	MILESTONE_AUTUMN_CONFERENCE,
	MILESTONE_MEMBER_DEADLINE,
	MILESTONE_STRATEGY_CONFERENCE,
	MILESTONE_COUNTY_BOARD,
	MILESTONE_EXTRA,
	/* Cycle-wide ones, the same for every region. */
	MILESTONE_SENT,
	MILESTONE_NATIONAL_DEADLINE,
	MILESTONE_MAIN_BOARD,
};

struct milestone {
	enum milestone_kind kind;
	char *name; /* only for MILESTONE_EXTRA */
	date_t from, to; /* to == from for one day */
};

struct region_timeline {
	char *cycle_id;
	struct milestone *milestones;
	int n_milestones;
};

struct region {
	char *code, *name;
	char **counties;
	int n_counties;
	struct region_timeline *timelines;
	int n_timelines;
};

enum role { ROLE_READER, ROLE_REGIONAL, ROLE_CENTRAL };

struct user {
	char *login;
	enum role role;
	char **regions;
	int n_regions;
};

#define SETTINGS_MAX_REMINDERS 8

struct settings {
	char *path;     /* the file it was read from */
	int reminders[SETTINGS_MAX_REMINDERS]; /* lead times in days before a deadline */
	int n_reminders;
	char *database; /* NULL when not set; absolute or relative to the file */
	int database_mode; /* for a new database file; 0660 unless set */
	struct member_register *registers;
	int n_registers;
	struct cycle *cycles;
	int n_cycles;
	struct region *regions;
	int n_regions;
	struct user *users;
	int n_users;
};

/* Reads and validates path. Returns 0, or -1 with every problem in errs
 * (then *s is freed and zeroed). */
int settings_load(const char *path, struct settings *s, struct diags *errs);
void settings_free(struct settings *s);

const struct cycle *settings_cycle(const struct settings *s, const char *id);
const struct region *settings_region(const struct settings *s, const char *code);
/* The region a county belongs to, or NULL. */
const struct region *settings_region_of_county(const struct settings *s, const char *county);
const struct user *settings_user(const struct settings *s, const char *login);
const struct region_timeline *region_timeline_for(const struct region *r, const char *cycle_id);
/* The milestone of a kind in a timeline, or NULL. */
const struct milestone *timeline_milestone(const struct region_timeline *t, enum milestone_kind k);
bool cycle_member_expected(const struct cycle *c, const char *number);
const char *role_name(enum role r);
/* Translated name of a milestone kind ("member deadline"). */
const char *milestone_kind_label(enum milestone_kind k);

#endif
