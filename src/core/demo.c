/* The demo data set. Every choice comes from a small PRNG seeded by the cycle
 * and member number, so a member's submission does not depend on the order of
 * the register or on the other members, and `today` only decides how much of
 * the fixed schedule has happened yet. */
#include "demo.h"
#include "../i18n.h"
#include "store_int.h"
#include "submissions.h"
#include "util.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Shares of the expected members that answer at all, that answer after their
 * region's deadline, and how review has gone for what arrived in time to be
 * looked at. Tuned so that on 2024-02-20 about 70% have answered; some of the
 * late ones still lie ahead then, so about 10% of those in are late. */
enum {
	SUBMIT_PERCENT = 74,
	LATE_PERCENT = 15,
	LATE_MAX_DAYS = 7,
	FIRST_ARRIVAL_AFTER_SENT = 68,
	REVIEW_LAG_DAYS = 3,
	APPROVED_PERCENT = 55,
	FOLLOW_UP_PERCENT = 10,
	REJECTED_PERCENT = 3,
	SKIP_ANSWER_PERCENT = 8,
	SECOND_PARAGRAPH_PERCENT = 2,
};

/* Separate streams per purpose, so that e.g. a change in the questions does
 * not move anyone's received date. */
enum stream { STREAM_SCHEDULE = 1, STREAM_TEXT, STREAM_ANSWERS, STREAM_REVIEW };

/* ---- PRNG (splitmix64) ---- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* 0 .. n-1; n > 0. The multiply keeps the high bits, which are the good ones. */
static int rng_below(struct rng *r, int n)
{
	return (int)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static bool rng_percent(struct rng *r, int percent)
{
	return rng_below(r, 100) < percent;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (h ^ 0xFF) * 1099511628211ULL;
}

static struct rng rng_for(const char *cycle_id, const char *number, enum stream stream)
{
	uint64_t h = hash_str(0x6B73696E6E7370ULL ^ 14695981039346656037ULL, cycle_id);
	h = hash_str(h, number);
	struct rng r = {h ^ ((uint64_t)stream << 56)};
	rng_next(&r); /* one round so that nearby seeds part ways */
	return r;
}

/* ---- growing strings and templates ---- */

struct var {
	const char *key, *value;
};

enum { MAX_VARS = 16 };

/* The words a text uses for its author: "{who}" is "Narvik kommunestyre". */
struct voice {
	struct var v[MAX_VARS];
	int n;
	char *name, *who;
	char yes[12], no[12];
};

static void voice_set(struct voice *w, const char *key, const char *value)
{
	if (w->n < MAX_VARS)
		w->v[w->n++] = (struct var){key, value};
}

static const char *voice_get(const struct voice *w, const char *key, size_t len)
{
	for (int i = 0; i < w->n; i++)
		if (strlen(w->v[i].key) == len && memcmp(w->v[i].key, key, len) == 0)
			return w->v[i].value;
	return NULL;
}

/* Copies tmpl, replacing each "{key}" by the voice's value. */
static void expand(struct sbuf *b, const char *tmpl, const struct voice *w)
{
	const char *p = tmpl;
	while (*p) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (!close) {
			sb_puts(b, p);
			return;
		}
		sb_add(b, p, (size_t)(open - p));
		const char *value = voice_get(w, open + 1, (size_t)(close - open - 1));
		if (value)
			sb_puts(b, value);
		else
			sb_add(b, open, (size_t)(close - open + 1));
		p = close + 1;
	}
}

/* The register names some members in several languages ("Nordland -
 * Nordlánnda"); running text uses the first. */
static char *short_name(const char *name)
{
	const char *dash = strstr(name, " - ");
	return dash ? xstrndup(name, (size_t)(dash - name)) : xstrdup(name);
}

static void vote_counts(struct voice *w, struct rng *r, bool county)
{
	int seats = county ? 35 + 2 * rng_below(r, 27) : 15 + 2 * rng_below(r, 11);
	int against = 1 + rng_below(r, seats / 2 - 1);
	snprintf(w->yes, sizeof w->yes, "%d", seats - against);
	snprintf(w->no, sizeof w->no, "%d", against);
}

static void voice_init(struct voice *w, const struct member *m, const struct region *reg,
		       const struct cycle *c, struct rng *r)
{
	bool county = m->kind == MEMBER_COUNTY;
	memset(w, 0, sizeof *w);
	w->name = short_name(m->name);
	w->who = xasprintf("%s %s", w->name, county ? "fylkesting" : "kommunestyre");
	vote_counts(w, r, county);
	voice_set(w, "name", w->name);
	voice_set(w, "who", w->who);
	voice_set(w, "title", c->title);
	voice_set(w, "council", county ? "fylkestinget" : "kommunestyret");
	voice_set(w, "Council", county ? "Fylkestinget" : "Kommunestyret");
	voice_set(w, "org", county ? "fylkeskommunen" : "kommunen");
	voice_set(w, "Org", county ? "Fylkeskommunen" : "Kommunen");
	voice_set(w, "exec", county ? "fylkesutvalgets" : "formannskapets");
	voice_set(w, "admin", county ? "fylkeskommunedirektørens" : "kommunedirektørens");
	voice_set(w, "ks", reg ? reg->name : "");
	voice_set(w, "yes", w->yes);
	voice_set(w, "no", w->no);
}

static void voice_free(struct voice *w)
{
	free(w->name);
	free(w->who);
}

/* ---- text pools ---- */

struct pool {
	const char *const *v;
	int n;
};

#define POOL(a) ((struct pool){(a), (int)(sizeof(a) / sizeof((a)[0]))})

static const char *const openings[] = {
	"{who} slutter seg til KS' vurderinger i «{title}» og ber om at innspillene nedenfor tas med i det videre arbeidet.",
	"{who} har behandlet «{title}» og gir sin tilslutning til hovedlinjene i KS' arbeidsgiverpolitikk.",
	"{who} viser til «{title}» og gir følgende innspill til KS.",
	"{who} takker for muligheten til å gi innspill til «{title}» og støtter i hovedsak KS' vurderinger.",
	"{who} har drøftet spørsmålene i «{title}» og slutter seg til saksframlegget med merknadene som følger.",
	"{who} støtter at KS i forhandlingene prioriterer å sikre sektoren tilstrekkelig kompetanse og arbeidskraft.",
	"{who} vedtar innspillet til «{title}» slik det går fram av saksframlegget, med følgende tillegg.",
	"{who} gir KS fullmakt til å forhandle på vegne av {org} og slutter seg til vurderingene i «{title}».",
	"{who} mener «{title}» tar opp de viktigste utfordringene kommunesektoren står overfor.",
	"{who} har ingen vesentlige merknader til KS' vurderinger i «{title}», men vil understreke følgende.",
	"{who} slutter seg til {exec} innstilling om innspill til «{title}».",
	"{who} ser det som viktig at KS samler sektoren om en felles arbeidsgiverpolitikk, og slutter seg til vurderingene i «{title}».",
	"{who} er enig i at det kommende lønnsoppgjøret må styrke sektorens evne til å rekruttere og beholde ansatte.",
	"{who} har behandlet debattheftet og slutter seg til {admin} forslag til innspill.",
};

static const char *const positions[] = {
	"Økonomiske rammer som ikke holder tritt med kostnadsveksten, gjør det krevende å omstille tjenestene samtidig som de skal opprettholdes.",
	"Mangelen på sykepleiere, helsefagarbeidere og lærere er den største utfordringen {org} står overfor de neste ti årene.",
	"Flere heltidsstillinger er avgjørende for å rekruttere og beholde medarbeidere i helse og omsorg.",
	"Lønnsdannelsen må ta hensyn til at distriktene konkurrerer med både staten og privat sektor om den samme kompetansen.",
	"{Org} opplever at statlige føringer og øremerkede tilskudd begrenser det lokale handlingsrommet.",
	"Lokal lønnspolitikk er et viktig verktøy for å beholde nøkkelkompetanse, og en større del av rammen bør kunne fordeles lokalt.",
	"Det er viktig at lønnsoppgjøret ikke svekker evnen til å gi gode tjenester til innbyggerne.",
	"Tidlig innsats overfor barn og unge og et tett samarbeid mellom skole, helsetjeneste og NAV er nøkkelen til å forebygge utenforskap.",
	"Digitalisering og ny teknologi kan frigjøre tid, men krever at ansatte får opplæring og støtte til å ta verktøyene i bruk.",
	"Sykefraværet i {org} er fortsatt for høyt, og et godt arbeidsmiljø må stå sentralt i arbeidsgiverpolitikken.",
	"Lærlingordningen bør styrkes slik at flere unge får fagbrev og fast arbeid i sektoren.",
	"Pensjonsordningen bør ikke være til hinder for at seniorer kan stå lenger i arbeid.",
	"Som mange andre har {org} store utfordringer med å rekruttere til stillinger som krever høyere utdanning.",
	"Økt bruk av vikarer og innleie er kostbart og svekker kvaliteten i tjenestene.",
};

static const char *const requests[] = {
	"{Council} ber KS arbeide for at lønnsoppgjøret gir et reelt løft for grupper med lang utdanning.",
	"{Council} ber KS prioritere tiltak som gir flere hele stillinger.",
	"{Council} ber om at KS tydeliggjør overfor staten at nye oppgaver må følges av tilstrekkelige midler.",
	"{Council} ber KS videreføre arbeidet med heltidskultur i samarbeid med arbeidstakerorganisasjonene.",
	"Det bes om at KS legger vekt på ordninger som gjør det lettere å beholde seniorer i arbeid.",
	"{Council} ber KS arbeide for en mer forutsigbar finansiering av kommunesektoren.",
	"{Council} forventer at KS løfter fram distriktenes særlige rekrutteringsutfordringer i forhandlingene.",
	"{Council} ber om at KS tar initiativ til et forpliktende samarbeid med staten om tiltak mot ungt utenforskap.",
	"KS bes arbeide for at kompetanseutvikling og videreutdanning får en tydelig plass i tariffavtalene.",
	"{Council} ber KS være en pådriver for enklere rapporteringskrav, slik at mer tid kan brukes på tjenestene.",
	"{Council} ber KS sørge for at lønnsoppgjøret holder seg innenfor rammen som frontfaget setter.",
	"KS bes vurdere hvordan lokale tillegg kan brukes mer målrettet for å beholde kritisk kompetanse.",
	"{Council} ber om at erfaringene fra {org} tas med når KS utformer sitt forhandlingsmandat.",
};

static const char *const closings[] = {
	"Vedtaket oversendes KS {ks}.",
	"Innspillet er utarbeidet i samarbeid med de tillitsvalgte.",
	"{Council} vil følge opp saken i arbeidet med {org}s arbeidsgiverpolitikk.",
	"Saken er behandlet etter drøftinger med hovedtillitsvalgte.",
	"{Org} bidrar gjerne i KS' videre arbeid med disse spørsmålene.",
	"{Council} understreker at innspillene må ses i sammenheng med {org}s økonomiske situasjon.",
	"Innspillet ble vedtatt uten endringer i forhold til innstillingen.",
	"Det vises for øvrig til saksframlegget for en nærmere begrunnelse.",
	"{Council} ønsker at KS gir tilbakemelding på hvordan innspillene blir fulgt opp.",
	"Innspillet legges også til grunn for {org}s arbeid med ny arbeidsgiverstrategi.",
	"{Council} ber om å bli holdt orientert om det videre arbeidet.",
	"Vedtaket er i tråd med {org}s arbeidsgiverpolitiske plattform.",
};

static const char *const minutes[] = {
	"Vedtaket var enstemmig.",
	"Vedtaket ble fattet med {yes} mot {no} stemmer.",
	"Et alternativt forslag fra Senterpartiet om å prioritere distriktstillegg falt med {yes} mot {no} stemmer.",
	"Tilleggsforslag fra Høyre om økt vekt på lokale forhandlinger ble enstemmig vedtatt.",
	"Protokolltilførsel: Representanten fra SV ber om at likelønn får en tydeligere plass i innspillet.",
	"Innstillingen ble vedtatt med {yes} mot {no} stemmer.",
	"Saken ble utsatt fra forrige møte for å innhente synspunkter fra ungdomsrådet.",
	"Ungdomsrådet og eldrerådet har uttalt seg i saken, og uttalelsene følger vedlagt.",
	"Arbeiderpartiets endringsforslag til punkt 2 ble vedtatt med {yes} mot {no} stemmer.",
	"Vedtaket er fattet med forbehold om at tallgrunnlaget blir kvalitetssikret.",
	"Hovedtillitsvalgte har fått saken til uttalelse og slutter seg til innspillet.",
	"Fellesforslag fra Arbeiderpartiet og Høyre ble enstemmig vedtatt.",
};

static const char *const handlingsrom[] = {
	"Handlingsrommet er for lite til å gjennomføre nødvendig omstilling uten å svekke tjenestene.",
	"Handlingsrommet er i dag svært begrenset, særlig på grunn av økte kostnader til ressurskrevende tjenester.",
	"Vi har noe handlingsrom, men det blir mindre for hvert år etter hvert som befolkningen blir eldre.",
	"Økte renter og prisvekst har spist opp det meste av det økonomiske handlingsrommet.",
	"Omstilling krever investeringer i kompetanse og teknologi som {org} ikke har rom for innenfor dagens rammer.",
	"Statlige normer og bemanningskrav gir lite rom for lokale løsninger.",
	"Handlingsrommet kan økes ved at staten gir større frihet i hvordan oppgavene løses.",
	"Omstillingen lykkes bare dersom den skjer i tett dialog med de ansatte og de tillitsvalgte.",
	"Interkommunalt samarbeid har gitt oss noe handlingsrom, men ikke nok til å møte behovene framover.",
	"Rammetilskuddet må økes dersom sektoren skal kunne omstille seg uten å kutte i tjenestetilbudet.",
};

static const char *const rekruttering[] = {
	"Flere hele og faste stillinger er det viktigste tiltaket for å rekruttere og beholde medarbeidere.",
	"Vi må bli bedre til å utvikle egne ansatte gjennom videreutdanning og desentraliserte studietilbud.",
	"Lønn betyr mye, men et godt arbeidsmiljø og sterke fagmiljøer er like viktig for å beholde folk.",
	"Lærlinger og ansatte med fagbrev må få tydelige karriereveier i {org}.",
	"Boliger og jobb til partner er avgjørende for å lykkes med rekruttering i distriktene.",
	"Seniortiltak og fleksible arbeidstidsordninger kan bidra til at erfarne medarbeidere står lenger i jobb.",
	"Kommunene i regionen bør samarbeide om rekruttering i stedet for å konkurrere om de samme fagfolkene.",
	"Bedre oppgavedeling mellom faggruppene gjør at knapp kompetanse brukes der den trengs mest.",
	"Tiltak som får flere med innvandrerbakgrunn i arbeid i sektoren, bør prioriteres.",
	"Tett oppfølging av nyutdannede det første året gir færre som slutter.",
};

static const char *const utenforskap[] = {
	"Tidlig innsats i barnehage og skole er det viktigste for å forhindre utenforskap.",
	"Flere unge må fullføre videregående opplæring, blant annet gjennom flere læreplasser.",
	"NAV, skole og helsetjenesten må samarbeide tettere om unge som står i fare for å falle utenfor.",
	"Fritidstilbud som er gratis og åpne for alle, bidrar til inkludering.",
	"Vi trenger flere lavterskeltilbud innen psykisk helse for barn og unge.",
	"Ungdom bør få være med på å utforme tiltakene som gjelder dem, for eksempel gjennom ungdomsrådet.",
	"Arbeidstrening og sommerjobber i {org} kan gi unge en første fot innenfor arbeidslivet.",
	"Fattigdom i barnefamilier må bekjempes for å hindre at utenforskap går i arv.",
	"Oppfølgingstjenesten må styrkes slik at ingen unge blir gående uten skole eller arbeid.",
	"Frivillige lag og foreninger er viktige samarbeidspartnere i arbeidet mot utenforskap.",
};

static const char *const generic[] = {
	"{Org} slutter seg til KS' vurderinger i debattheftet.",
	"Spørsmålet er drøftet med de tillitsvalgte, og {org} støtter KS' vurderinger.",
	"Dette bør løses gjennom et tettere samarbeid mellom kommunesektoren og staten.",
	"Vi viser til saksframlegget, der spørsmålet er nærmere drøftet.",
	"Det trengs mer kunnskap før {org} kan ta endelig stilling til spørsmålet.",
	"Lokale forhold må tillegges vekt når KS utformer sin politikk på dette området.",
	"Erfaringene i {org} tilsier at dette må prioriteres høyere enn i dag.",
	"Vi har ingen ytterligere merknader til dette spørsmålet.",
};

static struct pool theme_pool(const char *question_id)
{
	if (strcmp(question_id, "handlingsrom") == 0)
		return POOL(handlingsrom);
	if (strcmp(question_id, "rekruttering") == 0)
		return POOL(rekruttering);
	if (strcmp(question_id, "utenforskap") == 0)
		return POOL(utenforskap);
	return POOL(generic);
}

enum { MAX_PICK = 4 };

/* k distinct indexes into a pool of n; drawing again on a repeat is cheap
 * because k is tiny next to n. */
static int pick_distinct(struct rng *r, int n, int k, int out[MAX_PICK])
{
	if (k > n)
		k = n;
	if (k > MAX_PICK)
		k = MAX_PICK;
	for (int i = 0; i < k; i++) {
		int v, dup;
		do {
			v = rng_below(r, n);
			dup = 0;
			for (int j = 0; j < i; j++)
				dup |= out[j] == v;
		} while (dup);
		out[i] = v;
	}
	return k;
}

/* k sentences from a pool, separated by spaces. */
static void add_sentences(struct sbuf *b, struct rng *r, struct pool p, int k,
			  const struct voice *w)
{
	int idx[MAX_PICK];
	k = pick_distinct(r, p.n, k, idx);
	for (int i = 0; i < k; i++) {
		if (b->n > 0 && b->s[b->n - 1] != '\n')
			sb_puts(b, " ");
		expand(b, p.v[idx[i]], w);
	}
}

/* 2-5 sentences: an opening, then positions, a request and a closing, in the
 * order a resolution is written; now and then the minutes of the vote. */
static char *compose_body(struct rng *r, const struct voice *w)
{
	struct sbuf b = {0};
	int rest = 1 + rng_below(r, 4);
	add_sentences(&b, r, POOL(openings), 1, w);
	add_sentences(&b, r, POOL(positions), rest >= 3 ? 2 : 1, w);
	if (rest >= 2)
		add_sentences(&b, r, POOL(requests), 1, w);
	if (rest >= 4)
		add_sentences(&b, r, POOL(closings), 1, w);
	/* One sentence only: two from the minutes could contradict each other. */
	if (rng_percent(r, SECOND_PARAGRAPH_PERCENT)) {
		sb_puts(&b, "\n");
		add_sentences(&b, r, POOL(minutes), 1, w);
	}
	return sb_take(&b);
}

/* ---- schedule ---- */

static date_t weekday_back(date_t d)
{
	int wd = date_weekday(d);
	return wd >= 5 ? d - (wd - 4) : d;
}

static date_t weekday_forward(date_t d)
{
	int wd = date_weekday(d);
	return wd >= 5 ? d + (7 - wd) : d;
}

/* The member's region deadline; the national one when the settings give the
 * region no member deadline for this cycle. */
static date_t member_deadline(const struct settings *s, const struct cycle *c,
			      const struct member *m)
{
	const struct region *reg = settings_region_of_county(s, m->county);
	const struct region_timeline *t = reg ? region_timeline_for(reg, c->id) : NULL;
	const struct milestone *ms = t ? timeline_milestone(t, MILESTONE_MEMBER_DEADLINE) : NULL;
	return ms ? ms->to : c->national_deadline;
}

struct plan {
	date_t received, decided;
};

/* Whether the member has answered by today, and when. The draw does not look
 * at today, so a later today only adds submissions, never moves them. */
static bool plan_member(const struct settings *s, const struct cycle *c, const struct member *m,
			date_t today, struct plan *p)
{
	struct rng r = rng_for(c->id, m->number, STREAM_SCHEDULE);
	if (!rng_percent(&r, SUBMIT_PERCENT))
		return false;
	date_t first = c->sent + FIRST_ARRIVAL_AFTER_SENT;
	date_t deadline = member_deadline(s, c, m);
	int span = deadline > first ? deadline - first + 1 : 1;
	/* Councils meet late in the period, so arrivals pile up at the deadline. */
	int u1 = rng_below(&r, span), u2 = rng_below(&r, span);
	date_t on_time = weekday_back(first + (u1 > u2 ? u1 : u2));
	if (on_time < first)
		on_time = weekday_forward(first);
	bool late = rng_percent(&r, LATE_PERCENT);
	date_t late_day = weekday_forward(deadline + 1 + rng_below(&r, LATE_MAX_DAYS));
	p->received = late ? late_day : on_time;
	p->decided = weekday_back(p->received - 1 - rng_below(&r, 10));
	return p->received <= today;
}

/* ---- answers ---- */

/* Skewed towards the first options, as real answers are. */
static const char *pick_option(struct rng *r, const struct question *q)
{
	static const int head[] = {45, 35, 20};
	int total = 0;
	for (int i = 0; i < q->n_options; i++)
		total += i < 3 ? head[i] : 10;
	int u = rng_below(r, total);
	for (int i = 0; i < q->n_options; i++) {
		u -= i < 3 ? head[i] : 10;
		if (u < 0)
			return q->options[i];
	}
	return q->options[q->n_options - 1];
}

struct answers {
	struct answer_in *v;
	char **texts; /* owned, parallel to v */
	int n;
};

static void answers_build(struct answers *a, const struct cycle *c, const struct member *m,
			  const struct voice *w)
{
	struct rng r = rng_for(c->id, m->number, STREAM_ANSWERS);
	a->v = xcalloc((size_t)c->n_questions, sizeof *a->v);
	a->texts = xcalloc((size_t)c->n_questions, sizeof *a->texts);
	a->n = 0;
	for (int i = 0; i < c->n_questions; i++) {
		const struct question *q = &c->questions[i];
		/* Drawn before the skip, so a skipped answer does not shift the next. */
		const char *choice = q->n_options > 0 ? pick_option(&r, q) : NULL;
		struct sbuf b = {0};
		add_sentences(&b, &r, theme_pool(q->id), 1 + rng_below(&r, 3), w);
		char *text = sb_take(&b);
		if (rng_percent(&r, SKIP_ANSWER_PERCENT)) {
			free(text);
			continue;
		}
		struct answer_in *ai = &a->v[a->n];
		ai->question_id = q->id;
		if (q->kind == QUESTION_CHOICE && choice) {
			ai->choice = choice;
			free(text);
		} else {
			ai->text = a->texts[a->n] = text;
		}
		a->n++;
	}
}

static void answers_free(struct answers *a)
{
	for (int i = 0; i < a->n; i++)
		free(a->texts[i]);
	free(a->texts);
	free(a->v);
}

/* ---- review ---- */

static bool may_review(const struct user *u, const struct region *reg)
{
	if (u->role == ROLE_CENTRAL)
		return true;
	if (u->role != ROLE_REGIONAL || !reg)
		return false;
	for (int i = 0; i < u->n_regions; i++)
		if (strcmp(u->regions[i], reg->code) == 0)
			return true;
	return false;
}

/* Someone who could have set the status in the program: central staff or the
 * region's own. */
static const char *pick_reviewer(struct rng *r, const struct settings *s, const struct region *reg)
{
	int n = 0;
	for (int i = 0; i < s->n_users; i++)
		n += may_review(&s->users[i], reg);
	if (n == 0)
		return "demo";
	int k = rng_below(r, n);
	for (int i = 0; i < s->n_users; i++)
		if (may_review(&s->users[i], reg) && k-- == 0)
			return s->users[i].login;
	return "demo";
}

static enum sub_status pick_status(struct rng *r)
{
	int u = rng_below(r, 100);
	if (u < APPROVED_PERCENT)
		return STATUS_APPROVED;
	if (u < APPROVED_PERCENT + FOLLOW_UP_PERCENT)
		return STATUS_FOLLOW_UP;
	if (u < APPROVED_PERCENT + FOLLOW_UP_PERCENT + REJECTED_PERCENT)
		return STATUS_REJECTED;
	return STATUS_NEW;
}

static int set_status(struct store *st, long long id, enum sub_status status,
		      const char *reviewer, const char *at)
{
	sqlite3_stmt *q = store_prepare(st,
		"UPDATE submission SET status = ?, reviewer = ?, reviewed_at = ?,"
		" version = version + 1 WHERE id = ?");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, status_key(status), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, reviewer, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, id);
	int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	store_release(st, q);
	if (rc == 0)
		rc = store_audit(st, "set-status", "submission", id, status_key(STATUS_NEW),
				 status_key(status));
	return rc;
}

/* Reviews what arrived a few days before today, on a working day in the
 * fortnight after it arrived. */
static int review(struct store *st, const struct settings *s, const struct cycle *c,
		  const struct member *m, long long id, date_t received, date_t today)
{
	struct rng r = rng_for(c->id, m->number, STREAM_REVIEW);
	enum sub_status status = pick_status(&r);
	const struct region *reg = settings_region_of_county(s, m->county);
	const char *reviewer = pick_reviewer(&r, s, reg);
	date_t day = received + 1 + rng_below(&r, 14);
	int hour = 7 + rng_below(&r, 7), minute = rng_below(&r, 60);
	if (status == STATUS_NEW || today - received < REVIEW_LAG_DAYS)
		return 0;
	if (day >= today)
		day = today - 1;
	day = weekday_back(day);
	if (day < received)
		day = received;
	char iso[DATE_BUFSZ], at[48];
	date_iso(day, iso);
	snprintf(at, sizeof at, "%sT%02d:%02d:00Z", iso, hour, minute);
	return set_status(st, id, status, reviewer, at);
}

/* ---- filling ---- */

static char *reference_for(struct rng *r, date_t decided)
{
	int y, mo, d;
	date_to_ymd(decided, &y, &mo, &d);
	/* Archive case numbers run through the year, so later means larger. */
	int day_of_year = decided - date_from_ymd(y, 1, 1);
	return xasprintf("%02d/%d", y % 100, 1 + rng_below(r, 20 + 6 * day_of_year));
}

static int fill_member(struct store *st, const struct settings *s, const struct cycle *c,
		       const struct member *m, date_t today, struct demo_stats *stats)
{
	struct plan p;
	if (!plan_member(s, c, m, today, &p))
		return 0;
	struct rng r = rng_for(c->id, m->number, STREAM_TEXT);
	struct voice w;
	voice_init(&w, m, settings_region_of_county(s, m->county), c, &r);
	char *body = compose_body(&r, &w);
	char *reference = reference_for(&r, p.decided);
	struct answers a;
	answers_build(&a, c, m, &w);
	struct submission_in in = {
		.cycle_id = c->id,
		.member = m->number,
		.received = p.received,
		.decided = p.decided,
		.body_by = m->kind == MEMBER_COUNTY ? "fylkestinget" : "kommunestyret",
		.reference = reference,
		.body = body,
		.source = "demo",
		.answers = a.v,
		.n_answers = a.n,
	};
	long long id = 0;
	int rc = submission_insert(st, &in, &id);
	if (rc == 0)
		rc = review(st, s, c, m, id, p.received, today);
	if (rc == 0) {
		stats->submissions++;
		stats->answers += a.n;
	}
	answers_free(&a);
	free(reference);
	free(body);
	voice_free(&w);
	return rc;
}

static int fill_cycle(struct store *st, const struct settings *s, const struct cycle *c,
		      date_t today, struct demo_stats *stats)
{
	for (int i = 0; i < c->reg->n_members; i++) {
		const struct member *m = &c->reg->members[i];
		if (cycle_member_expected(c, m->number) &&
		    fill_member(st, s, c, m, today, stats) != 0)
			return -1;
	}
	return 0;
}

static int count(struct store *st, const char *sql, long long *n)
{
	sqlite3_stmt *q = store_prepare(st, sql);
	if (!q)
		return -1;
	int rc = sqlite3_step(q) == SQLITE_ROW ? 0 : -1;
	if (rc == 0)
		*n = sqlite3_column_int64(q, 0);
	store_release(st, q);
	return rc;
}

static int fill_all(struct store *st, const struct settings *s, date_t today,
		    struct demo_stats *stats)
{
	for (int i = 0; i < s->n_cycles; i++)
		if (fill_cycle(st, s, &s->cycles[i], today, stats) != 0)
			return -1;
	/* A member answers each cycle at most once, but may do so in several. */
	long long members = 0;
	if (count(st, "SELECT COUNT(DISTINCT member) FROM submission", &members) != 0)
		return -1;
	stats->members = (int)members;
	char iso[DATE_BUFSZ];
	date_iso(today, iso);
	return store_meta_set(st, "demo", iso);
}

int demo_fill(struct store *st, const struct settings *s, date_t today, struct demo_stats *stats,
	      struct diags *errs)
{
	struct demo_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (store_begin(st) != 0) {
		diags_add(errs, st->path, 0, _("cannot write the demo data: %s"), store_errmsg(st));
		return -1;
	}
	/* Counted inside the transaction, so no one can add a submission between
	 * the check and the fill. */
	long long existing = 0;
	if (count(st, "SELECT COUNT(*) FROM submission", &existing) != 0 || existing > 0) {
		if (existing > 0)
			diags_add(errs, st->path, 0,
				  _("the database already holds %lld submissions; demo data goes only into a database without any"),
				  existing);
		else
			diags_add(errs, st->path, 0, _("cannot write the demo data: %s"),
				  store_errmsg(st));
		store_rollback(st);
		return -1;
	}
	if (fill_all(st, s, today, stats) != 0 || store_commit(st) != 0) {
		diags_add(errs, st->path, 0, _("writing the demo data failed; nothing was changed: %s"),
			  store_errmsg(st));
		store_rollback(st);
		memset(stats, 0, sizeof *stats);
		return -1;
	}
	return 0;
}
