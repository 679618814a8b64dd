#include "status.h"
#include "../i18n.h"
#include <string.h>

static const char *const status_keys[STATUS_COUNT] = {"new", "approved", "follow-up", "rejected"};

const char *status_key(enum sub_status s)
{
	return status_keys[s];
}

/* By the first letter, then the whole word: the inbox list parses one for
 * each of 100 000 rows. */
bool status_parse(const char *key, enum sub_status *out)
{
	enum sub_status st = key[0] == 'a' ? STATUS_APPROVED
			     : key[0] == 'f' ? STATUS_FOLLOW_UP
			     : key[0] == 'r' ? STATUS_REJECTED : STATUS_NEW;
	if (strcmp(key, status_keys[st]) != 0)
		return false;
	*out = st;
	return true;
}

const char *status_label(enum sub_status s)
{
	switch (s) {
	case STATUS_APPROVED: return _("approved");
	case STATUS_FOLLOW_UP: return _("follow-up");
	case STATUS_REJECTED: return _("rejected");
	case STATUS_NEW: break;
	}
	return _("new");
}
