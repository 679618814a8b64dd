-- Fills a database that innspill has made (schema, cycles, members,
-- milestones) with 100 000 submissions, deterministically: every choice is
-- modulo arithmetic on the pair number p = cycle index * 372 + member index.
-- Run with the sqlite3 CLI: sqlite3 bench.db < fill.sql
-- Texts are built from the sentence pools below (those of src/core/demo.c),
-- 300-1200 bytes a resolution, with the member's and region's names in them.

PRAGMA synchronous = OFF;
PRAGMA foreign_keys = ON;
BEGIN;

CREATE TEMP TABLE frag (pool TEXT, i INTEGER, t TEXT, PRIMARY KEY (pool, i));
INSERT INTO frag VALUES
 ('open',0,'{who} slutter seg til KS'' vurderinger i «{title}» og ber om at innspillene nedenfor tas med i det videre arbeidet.'),
 ('open',1,'{who} har behandlet «{title}» og gir sin tilslutning til hovedlinjene i KS'' arbeidsgiverpolitikk.'),
 ('open',2,'{who} viser til «{title}» og gir følgende innspill til KS.'),
 ('open',3,'{who} takker for muligheten til å gi innspill til «{title}» og støtter i hovedsak KS'' vurderinger.'),
 ('open',4,'{who} har drøftet spørsmålene i «{title}» og slutter seg til saksframlegget med merknadene som følger.'),
 ('open',5,'{who} støtter at KS i forhandlingene prioriterer å sikre sektoren tilstrekkelig kompetanse og arbeidskraft.'),
 ('open',6,'{who} vedtar innspillet til «{title}» slik det går fram av saksframlegget, med følgende tillegg.'),
 ('open',7,'{who} gir KS fullmakt til å forhandle på vegne av {org} og slutter seg til vurderingene i «{title}».'),
 ('open',8,'{who} mener «{title}» tar opp de viktigste utfordringene kommunesektoren står overfor.'),
 ('open',9,'{who} har ingen vesentlige merknader til KS'' vurderinger i «{title}», men vil understreke følgende.'),
 ('open',10,'{who} ser det som viktig at KS samler sektoren om en felles arbeidsgiverpolitikk, og slutter seg til vurderingene i «{title}».'),
 ('open',11,'{who} er enig i at det kommende lønnsoppgjøret må styrke sektorens evne til å rekruttere og beholde ansatte.'),
 ('pos',0,'Økonomiske rammer som ikke holder tritt med kostnadsveksten, gjør det krevende å omstille tjenestene samtidig som de skal opprettholdes.'),
 ('pos',1,'Mangelen på sykepleiere, helsefagarbeidere og lærere er den største utfordringen {org} står overfor de neste ti årene.'),
 ('pos',2,'Flere heltidsstillinger er avgjørende for å rekruttere og beholde medarbeidere i helse og omsorg.'),
 ('pos',3,'Lønnsdannelsen må ta hensyn til at distriktene konkurrerer med både staten og privat sektor om den samme kompetansen.'),
 ('pos',4,'{Org} opplever at statlige føringer og øremerkede tilskudd begrenser det lokale handlingsrommet.'),
 ('pos',5,'Lokal lønnspolitikk er et viktig verktøy for å beholde nøkkelkompetanse, og en større del av rammen bør kunne fordeles lokalt.'),
 ('pos',6,'Det er viktig at lønnsoppgjøret ikke svekker evnen til å gi gode tjenester til innbyggerne.'),
 ('pos',7,'Tidlig innsats overfor barn og unge og et tett samarbeid mellom skole, helsetjeneste og NAV er nøkkelen til å forebygge utenforskap.'),
 ('pos',8,'Digitalisering og ny teknologi kan frigjøre tid, men krever at ansatte får opplæring og støtte til å ta verktøyene i bruk.'),
 ('pos',9,'Sykefraværet i {org} er fortsatt for høyt, og et godt arbeidsmiljø må stå sentralt i arbeidsgiverpolitikken.'),
 ('pos',10,'Lærlingordningen bør styrkes slik at flere unge får fagbrev og fast arbeid i sektoren.'),
 ('pos',11,'Pensjonsordningen bør ikke være til hinder for at seniorer kan stå lenger i arbeid.'),
 ('pos',12,'Som mange andre har {org} store utfordringer med å rekruttere til stillinger som krever høyere utdanning.'),
 ('pos',13,'Økt bruk av vikarer og innleie er kostbart og svekker kvaliteten i tjenestene.'),
 ('req',0,'{Council} ber KS arbeide for at lønnsoppgjøret gir et reelt løft for grupper med lang utdanning.'),
 ('req',1,'{Council} ber KS prioritere tiltak som gir flere hele stillinger.'),
 ('req',2,'{Council} ber om at KS tydeliggjør overfor staten at nye oppgaver må følges av tilstrekkelige midler.'),
 ('req',3,'{Council} ber KS videreføre arbeidet med heltidskultur i samarbeid med arbeidstakerorganisasjonene.'),
 ('req',4,'Det bes om at KS legger vekt på ordninger som gjør det lettere å beholde seniorer i arbeid.'),
 ('req',5,'{Council} ber KS arbeide for en mer forutsigbar finansiering av kommunesektoren.'),
 ('req',6,'{Council} forventer at KS løfter fram distriktenes særlige rekrutteringsutfordringer i forhandlingene.'),
 ('req',7,'{Council} ber om at KS tar initiativ til et forpliktende samarbeid med staten om tiltak mot ungt utenforskap.'),
 ('req',8,'KS bes arbeide for at kompetanseutvikling og videreutdanning får en tydelig plass i tariffavtalene.'),
 ('req',9,'{Council} ber KS være en pådriver for enklere rapporteringskrav, slik at mer tid kan brukes på tjenestene.'),
 ('req',10,'{Council} ber KS sørge for at lønnsoppgjøret holder seg innenfor rammen som frontfaget setter.'),
 ('req',11,'KS bes vurdere hvordan lokale tillegg kan brukes mer målrettet for å beholde kritisk kompetanse.'),
 ('req',12,'{Council} ber om at erfaringene fra {org} tas med når KS utformer sitt forhandlingsmandat.'),
 ('close',0,'Vedtaket oversendes KS {ks}.'),
 ('close',1,'Innspillet er utarbeidet i samarbeid med de tillitsvalgte.'),
 ('close',2,'{Council} vil følge opp saken i arbeidet med {org}s arbeidsgiverpolitikk.'),
 ('close',3,'Saken er behandlet etter drøftinger med hovedtillitsvalgte.'),
 ('close',4,'{Org} bidrar gjerne i KS'' videre arbeid med disse spørsmålene.'),
 ('close',5,'{Council} understreker at innspillene må ses i sammenheng med {org}s økonomiske situasjon.'),
 ('close',6,'Innspillet ble vedtatt uten endringer i forhold til innstillingen.'),
 ('close',7,'Det vises for øvrig til saksframlegget for en nærmere begrunnelse.'),
 ('close',8,'{Council} ønsker at KS gir tilbakemelding på hvordan innspillene blir fulgt opp.'),
 ('close',9,'Innspillet legges også til grunn for {org}s arbeid med ny arbeidsgiverstrategi.'),
 ('close',10,'{Council} ber om å bli holdt orientert om det videre arbeidet.'),
 ('close',11,'Vedtaket er i tråd med {org}s arbeidsgiverpolitiske plattform.'),
 ('min',0,'Vedtaket var enstemmig.'),
 ('min',1,'Vedtaket ble fattet med {yes} mot {no} stemmer.'),
 ('min',2,'Et alternativt forslag fra Senterpartiet om å prioritere distriktstillegg falt med {yes} mot {no} stemmer.'),
 ('min',3,'Tilleggsforslag fra Høyre om økt vekt på lokale forhandlinger ble enstemmig vedtatt.'),
 ('min',4,'Protokolltilførsel: Representanten fra SV ber om at likelønn får en tydeligere plass i innspillet.'),
 ('min',5,'Innstillingen ble vedtatt med {yes} mot {no} stemmer.'),
 ('min',6,'Saken ble utsatt fra forrige møte for å innhente synspunkter fra ungdomsrådet.'),
 ('min',7,'Ungdomsrådet og eldrerådet har uttalt seg i saken, og uttalelsene følger vedlagt.'),
 ('min',8,'Arbeiderpartiets endringsforslag til punkt 2 ble vedtatt med {yes} mot {no} stemmer.'),
 ('min',9,'Vedtaket er fattet med forbehold om at tallgrunnlaget blir kvalitetssikret.'),
 ('min',10,'Hovedtillitsvalgte har fått saken til uttalelse og slutter seg til innspillet.'),
 ('min',11,'Fellesforslag fra Arbeiderpartiet og Høyre ble enstemmig vedtatt.'),
 ('hr',0,'Handlingsrommet er for lite til å gjennomføre nødvendig omstilling uten å svekke tjenestene.'),
 ('hr',1,'Handlingsrommet er i dag svært begrenset, særlig på grunn av økte kostnader til ressurskrevende tjenester.'),
 ('hr',2,'Vi har noe handlingsrom, men det blir mindre for hvert år etter hvert som befolkningen blir eldre.'),
 ('hr',3,'Økte renter og prisvekst har spist opp det meste av det økonomiske handlingsrommet.'),
 ('hr',4,'Omstilling krever investeringer i kompetanse og teknologi som {org} ikke har rom for innenfor dagens rammer.'),
 ('hr',5,'Statlige normer og bemanningskrav gir lite rom for lokale løsninger.'),
 ('hr',6,'Handlingsrommet kan økes ved at staten gir større frihet i hvordan oppgavene løses.'),
 ('hr',7,'Omstillingen lykkes bare dersom den skjer i tett dialog med de ansatte og de tillitsvalgte.'),
 ('hr',8,'Interkommunalt samarbeid har gitt oss noe handlingsrom, men ikke nok til å møte behovene framover.'),
 ('hr',9,'Rammetilskuddet må økes dersom sektoren skal kunne omstille seg uten å kutte i tjenestetilbudet.'),
 ('rek',0,'Flere hele og faste stillinger er det viktigste tiltaket for å rekruttere og beholde medarbeidere.'),
 ('rek',1,'Vi må bli bedre til å utvikle egne ansatte gjennom videreutdanning og desentraliserte studietilbud.'),
 ('rek',2,'Lønn betyr mye, men et godt arbeidsmiljø og sterke fagmiljøer er like viktig for å beholde folk.'),
 ('rek',3,'Lærlinger og ansatte med fagbrev må få tydelige karriereveier i {org}.'),
 ('rek',4,'Boliger og jobb til partner er avgjørende for å lykkes med rekruttering i distriktene.'),
 ('rek',5,'Seniortiltak og fleksible arbeidstidsordninger kan bidra til at erfarne medarbeidere står lenger i jobb.'),
 ('rek',6,'Kommunene i regionen bør samarbeide om rekruttering i stedet for å konkurrere om de samme fagfolkene.'),
 ('rek',7,'Bedre oppgavedeling mellom faggruppene gjør at knapp kompetanse brukes der den trengs mest.'),
 ('rek',8,'Tiltak som får flere med innvandrerbakgrunn i arbeid i sektoren, bør prioriteres.'),
 ('rek',9,'Tett oppfølging av nyutdannede det første året gir færre som slutter.'),
 ('ute',0,'Tidlig innsats i barnehage og skole er det viktigste for å forhindre utenforskap.'),
 ('ute',1,'Flere unge må fullføre videregående opplæring, blant annet gjennom flere læreplasser.'),
 ('ute',2,'NAV, skole og helsetjenesten må samarbeide tettere om unge som står i fare for å falle utenfor.'),
 ('ute',3,'Fritidstilbud som er gratis og åpne for alle, bidrar til inkludering.'),
 ('ute',4,'Vi trenger flere lavterskeltilbud innen psykisk helse for barn og unge.'),
 ('ute',5,'Ungdom bør få være med på å utforme tiltakene som gjelder dem, for eksempel gjennom ungdomsrådet.'),
 ('ute',6,'Arbeidstrening og sommerjobber i {org} kan gi unge en første fot innenfor arbeidslivet.'),
 ('ute',7,'Fattigdom i barnefamilier må bekjempes for å hindre at utenforskap går i arv.'),
 ('ute',8,'Oppfølgingstjenesten må styrkes slik at ingen unge blir gående uten skole eller arbeid.'),
 ('ute',9,'Frivillige lag og foreninger er viktige samarbeidspartnere i arbeidet mot utenforskap.'),
 ('gen',0,'{Org} slutter seg til KS'' vurderinger i debattheftet.'),
 ('gen',1,'Spørsmålet er drøftet med de tillitsvalgte, og {org} støtter KS'' vurderinger.'),
 ('gen',2,'Dette bør løses gjennom et tettere samarbeid mellom kommunesektoren og staten.'),
 ('gen',3,'Vi viser til saksframlegget, der spørsmålet er nærmere drøftet.'),
 ('gen',4,'Det trengs mer kunnskap før {org} kan ta endelig stilling til spørsmålet.'),
 ('gen',5,'Lokale forhold må tillegges vekt når KS utformer sin politikk på dette området.'),
 ('gen',6,'Erfaringene i {org} tilsier at dette må prioriteres høyere enn i dag.'),
 ('gen',7,'Vi har ingen ytterligere merknader til dette spørsmålet.');

CREATE TEMP TABLE fragn AS SELECT pool, count(*) AS n FROM frag GROUP BY pool;
CREATE TEMP VIEW f AS SELECT frag.pool, frag.i, frag.t, fragn.n FROM frag JOIN fragn USING (pool);

-- Cycles by their place (k = 0 the oldest), members by number (m = 0..371).
CREATE TEMP TABLE cyc AS
  SELECT seq - 1 AS k, id, title, sent, national_deadline AS nd,
         CAST(julianday(national_deadline) - julianday(sent) AS INTEGER) AS len,
         seq = (SELECT max(seq) FROM cycle) AS last
  FROM cycle;
CREATE TEMP TABLE mem AS
  SELECT row_number() OVER (ORDER BY number) - 1 AS m, number, kind,
         CASE WHEN instr(name, ' - ') > 0 THEN substr(name, 1, instr(name, ' - ') - 1)
              ELSE name END AS short,
         rc.region_code AS region
  FROM member JOIN region_county rc ON rc.county = member.county;

-- Every (cycle, member) pair; 100 000 of the 270 x 372 are kept: p * 7919 is a
-- permutation of the residues mod 100 440, so exactly 100 000 fall below.
CREATE TEMP TABLE pair AS
  SELECT cyc.k * 372 + mem.m AS p, cyc.*, mem.m, mem.number, mem.kind, mem.short, mem.region,
         r.name AS region_name
  FROM cyc, mem JOIN region r ON r.code = mem.region
  WHERE (cyc.k * 372 + mem.m) * 7919 % 100440 < 100000;

-- The numbers each pair draws its choices from.
CREATE TEMP TABLE draw AS
  SELECT p, k, id AS cycle_id, title, last, number, kind, short, region_name,
         (p * 2654435761) % 4294967291 AS h1,
         (p * 40503 + 12345) % 1000003 AS h2,
         (p * 69069 + 1) % 999983 AS h3,
         -- received: 60 days after the booklet was sent to 10 after the
         -- national deadline; the current cycle not after 2024-02-20
         CASE WHEN last THEN min(date(sent, '+' || (60 + (p * 31) % (len - 50)) || ' days'), '2024-02-20')
              ELSE date(sent, '+' || (60 + (p * 31) % (len - 50)) || ' days') END AS received
  FROM pair;

CREATE TEMP TABLE sub AS
  SELECT row_number() OVER (ORDER BY k, received, number) AS id, d.*,
         3 + h1 % 9 AS nsent,                                       -- sentences: 3..11
         CASE WHEN last THEN (CASE WHEN h2 % 100 < 45 THEN 'new' WHEN h2 % 100 < 85 THEN 'approved'
                                   WHEN h2 % 100 < 95 THEN 'follow-up' ELSE 'rejected' END)
              ELSE (CASE WHEN h2 % 100 < 2 THEN 'new' WHEN h2 % 100 < 88 THEN 'approved'
                         WHEN h2 % 100 < 96 THEN 'follow-up' ELSE 'rejected' END) END AS status,
         CASE h3 % 3 WHEN 0 THEN 'ola' WHEN 1 THEN 'kari' ELSE 'eirik' END AS reviewer,
         h3 % 10 < 7 AS is_csv
  FROM draw d;

-- {who} and the rest, as src/core/demo.c fills them.
CREATE TEMP TABLE voice AS
  SELECT id,
         short || CASE kind WHEN 'county' THEN ' fylkesting' ELSE ' kommunestyre' END AS who,
         -- (SQL names ignore case: org and Org would be one column)
         CASE kind WHEN 'county' THEN 'fylkeskommunen' ELSE 'kommunen' END AS org_lc,
         CASE kind WHEN 'county' THEN 'Fylkeskommunen' ELSE 'Kommunen' END AS org_uc,
         CASE kind WHEN 'county' THEN 'Fylkestinget' ELSE 'Kommunestyret' END AS council_uc,
         CAST(15 + h1 % 20 AS TEXT) AS yes, CAST(1 + h2 % 9 AS TEXT) AS no
  FROM sub;

CREATE TEMP TABLE body AS
  SELECT s.id,
    (SELECT t FROM f WHERE pool = 'open' AND i = s.h1 % n)
    || ' ' || (SELECT t FROM f WHERE pool = 'pos' AND i = s.h2 % n)
    || CASE WHEN nsent >= 3 THEN ' ' || (SELECT t FROM f WHERE pool = 'req' AND i = s.h3 % n) ELSE '' END
    || CASE WHEN nsent >= 4 THEN ' ' || (SELECT t FROM f WHERE pool = 'pos' AND i = (s.h2 + 5) % n) ELSE '' END
    || CASE WHEN nsent >= 5 THEN ' ' || (SELECT t FROM f WHERE pool = 'close' AND i = (s.h1 + s.h3) % n) ELSE '' END
    || CASE WHEN nsent >= 6 THEN char(10) || (SELECT t FROM f WHERE pool = 'min' AND i = s.h2 % n) ELSE '' END
    || CASE WHEN nsent >= 7 THEN ' ' || (SELECT t FROM f WHERE pool = 'req' AND i = (s.h3 + 4) % n) ELSE '' END
    || CASE WHEN nsent >= 8 THEN ' ' || (SELECT t FROM f WHERE pool = 'pos' AND i = (s.h2 + 9) % n) ELSE '' END
    || CASE WHEN nsent >= 9 THEN ' ' || (SELECT t FROM f WHERE pool = 'close' AND i = (s.h3 + 3) % n) ELSE '' END
    || CASE WHEN nsent >= 10 THEN char(10) || (SELECT t FROM f WHERE pool = 'pos' AND i = (s.h2 + 2) % n) ELSE '' END
    || CASE WHEN nsent >= 11 THEN ' ' || (SELECT t FROM f WHERE pool = 'gen' AND i = s.h3 % n) ELSE '' END
    AS t
  FROM sub s;

INSERT INTO submission (id, cycle_id, member, received, decided, body_by, reference, body, source,
                        status, reviewer, reviewed_at, current, version, created_at,
                        message_id, sender, subject, origin)
SELECT s.id, s.cycle_id, s.number, s.received, date(s.received, '-' || (s.h2 % 9) || ' days'),
       CASE s.kind WHEN 'county' THEN 'fylkestinget' ELSE 'kommunestyret' END,
       substr(s.received, 1, 4) || '/' || (100 + s.h3 % 9000),
       replace(replace(replace(replace(replace(replace(replace(replace(b.t,
         '{who}', v.who), '{title}', s.title), '{org}', v.org_lc), '{Org}', v.org_uc),
         '{Council}', v.council_uc), '{ks}', s.region_name), '{yes}', v.yes), '{no}', v.no),
       CASE WHEN s.is_csv THEN 'csv' ELSE 'mail' END,
       s.status,
       CASE WHEN s.status = 'new' THEN NULL ELSE s.reviewer END,
       CASE WHEN s.status = 'new' THEN NULL ELSE date(s.received, '+3 days') || 'T10:00:00Z' END,
       1, CASE WHEN s.status = 'new' THEN 1 ELSE 2 END,
       s.received || 'T09:15:00Z',
       CASE WHEN s.is_csv THEN NULL ELSE '<vedtak-' || s.id || '@' || lower(s.number) || '.kommune.no>' END,
       CASE WHEN s.is_csv THEN NULL ELSE 'postmottak@' || s.number || '.kommune.no' END,
       CASE WHEN s.is_csv THEN NULL ELSE 'Vedtak: innspill til ' || s.title END,
       CASE WHEN s.is_csv THEN 'survey-' || s.cycle_id || '.csv:' || (2 + s.p % 372) ELSE 'maildir' END
FROM sub s JOIN body b ON b.id = s.id JOIN voice v ON v.id = s.id
ORDER BY s.id;

-- Five answers each: three texts of one or two sentences, two choices.
INSERT INTO answer (submission_id, cycle_id, question_id, choice, text)
SELECT s.id, s.cycle_id, q.qid,
       CASE q.qid WHEN 'prioritering' THEN (CASE s.h1 % 3 WHEN 0 THEN 'Lærere' WHEN 1 THEN 'Sykepleiere' ELSE 'Generelt tillegg' END)
                  WHEN 'lokalt' THEN (CASE s.h3 % 3 WHEN 0 THEN 'Enig' WHEN 1 THEN 'Delvis enig' ELSE 'Uenig' END) END,
       CASE WHEN q.pool IS NULL THEN NULL ELSE
         replace(replace(
           (SELECT t FROM f WHERE pool = q.pool AND i = (s.h1 + q.off) % n)
           || CASE WHEN (s.h2 + q.off) % 3 = 0 THEN ' ' || (SELECT t FROM f WHERE pool = 'gen' AND i = (s.h3 + q.off) % n) ELSE '' END,
           '{org}', v.org_lc), '{Org}', v.org_uc) END
FROM sub s JOIN voice v ON v.id = s.id,
     (SELECT 'handlingsrom' AS qid, 'hr' AS pool, 1 AS off UNION ALL SELECT 'prioritering', NULL, 2
      UNION ALL SELECT 'rekruttering', 'rek', 3 UNION ALL SELECT 'lokalt', NULL, 4
      UNION ALL SELECT 'utenforskap', 'ute', 5) q
ORDER BY s.id, q.qid;

-- The search index, from the texts it reads (the view submission_text).
INSERT INTO submission_fts (submission_fts) VALUES ('rebuild');

-- The audit log an import and a review would have left.
INSERT INTO audit_event (at, user, action, entity, entity_id, before, after)
SELECT created_at, 'bench', 'insert', 'submission', id, NULL, member FROM submission;
INSERT INTO audit_event (at, user, action, entity, entity_id, before, after)
SELECT reviewed_at, reviewer, 'set-status', 'submission', id, 'new', status
FROM submission WHERE status <> 'new';

COMMIT;
PRAGMA optimize;
