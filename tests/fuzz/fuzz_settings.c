/* Fuzz target: a settings file, loaded as `innspill check-config` would, in a
 * directory that holds the shipped member registers (so that inputs that
 * name them get past the registers to the cycles, regions and users). When
 * the settings load, every lookup the program makes on them must work. */
#include "fuzz.h"

#include "diag.h"
#include "settings.h"
#include <stdio.h>
#include <stdlib.h>

static void copy_register(const char *name)
{
	char src[256];
	snprintf(src, sizeof src, "config/%s", name);
	FILE *f = fopen(src, "rb");
	if (!f) {
		fprintf(stderr, "fuzz: cannot read %s (run from the repository's root)\n", src);
		abort();
	}
	static uint8_t buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	fuzz_write(name, buf, n);
}

static void look_up_everything(const struct settings *s)
{
	for (int i = 0; i < s->n_cycles; i++) {
		const struct cycle *c = &s->cycles[i];
		if (!c->id || !c->reg || settings_cycle(s, c->id) == NULL)
			abort(); /* a loaded cycle has an id, a register, and is found by it */
		for (int r = 0; r < s->n_regions; r++) {
			const struct region_timeline *t = region_timeline_for(&s->regions[r], c->id);
			for (int k = 0; t && k <= MILESTONE_MAIN_BOARD; k++)
				timeline_milestone(t, (enum milestone_kind)k);
		}
	}
	for (int r = 0; r < s->n_regions; r++)
		if (!s->regions[r].code || settings_region(s, s->regions[r].code) == NULL)
			abort();
	for (int u = 0; u < s->n_users; u++)
		if (!s->users[u].login || !settings_user(s, s->users[u].login))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	if (!ready) {
		copy_register("kommuner-2024.csv");
		copy_register("fylker-2024.csv");
		ready = true;
	}
	const char *path = fuzz_write("settings.cfg", data, size);
	struct settings s;
	struct diags errs = {0};
	if (settings_load(path, &s, &errs) == 0) {
		if (errs.n > 0)
			abort(); /* loaded, yet with problems reported */
		look_up_everything(&s);
		settings_free(&s);
	} else if (errs.n == 0) {
		abort(); /* refused without a word */
	}
	diags_free(&errs);
	return 0;
}
