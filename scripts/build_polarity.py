#!/usr/bin/env python3
"""Builds the general polarity lists lexicons/polarity/{en,nb,nn}.tsv from openly licensed sources.

Usage: .venv/bin/python scripts/build_polarity.py [SOURCES_DIR [OUT_DIR]]

SOURCES_DIR defaults to ../shared/data/lexicon-sources and OUT_DIR to lexicons/polarity, both
relative to the repository root. Each output row is `word<TAB>score<TAB>source`, score in -1..1 with
two decimals, rows sorted by word in code-point order; the files are written with LF line ends and
no timestamp, so running the script twice gives identical bytes. The licence files that must travel
with the lists are copied next to them.

- en: VADER (MIT; valence -4..4, divided by 4) and AFINN-en-165 (ODbL 1.0; -5..5, divided by 5).
  Single lower-case words only (no emoticons, no multi-word entries, no clitics such as "can't",
  which the tokenizer splits); the mean where both list a word; rounded to 2 decimals (half to even);
  rows with |score| < 0.1 dropped.
- nb: AFINN-da-32 (ODbL 1.0; divided by 5), keeping Danish words whose spelling is also standard
  Bokmål. A word is kept when wordfreq (pinned to 3.1.1 in requirements-train.txt) finds it at least
  as often in Bokmål as 1/10 of its Danish frequency (Zipf nb >= 2.5 and nb >= da - 1) and it is not
  in DANISH_ONLY (false friends and Danish senses). Then TOLK_NB, a hand-written list of Norwegian
  evaluative words, is added; it wins over AFINN-da where both have a word.
- nn: the nb list turned into Nynorsk by NB_TO_NN (hand-written pairs), then by the rules in
  nynorsk_forms() (-lig > -leg, -løs > -laus, -inger > -ingar, -ende > -ande, participle -et/-ede >
  -a, frem- > fram-, selv- > sjølv-; -het and -else nouns are dropped unless paired), then TOLK_NN,
  hand-written additions, is added. Forms no rule covers are copied: Nynorsk shares most evaluative
  words with Bokmål, and a Bokmål-only form left in nn.tsv only costs a row that never matches.
- All languages: NEWS_NEUTRAL_* stoplists remove words that are neutral in news about the Venezuela
  talks (crisis, party, united, support, peace, hope, solution, ...), so that a neutral wire report
  does not look polarised.
"""

import importlib.metadata
import re
import shutil
import sys
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from pathlib import Path

import wordfreq

WORDFREQ_VERSION = "3.1.1"
MIN_SCORE = Fraction(1, 10)

# --- English -----------------------------------------------------------------------------------

# Neutral in news about the talks, or another sense dominates there (Supreme Court, Popular Will,
# Justice First, United States, "like" as a preposition, "no" as negation handled by the stance cues).
NEWS_NEUTRAL_EN = """
ability active admit admitted advanced affected agree agreed agreement agreements alert alive allow
alone anti approved arrest arrested arrests asset assets attack attacked attacks authority award
awarded awards backed backing ban banned battle benefit benefits big block blocked blocks cancelled
care certain certainly challenge challenges chance chances charged charges clear clearly combat
commit commitment committed comprehensive conflict conflicts create created creating creation credit
crises crisis cut cuts cutting darkness dead death deaths debt defence defense defensive delay
demand demands denied determined die died dies disappeared dispute disputes drop dropped dying
dynamic emergency energy engage engaged engagement ensure entitled escape exclusive excuse expand
extend fair fallen falling favor favour feeling fight fighter fighting fire fired fit force forced
free freedom freely gain giving god gold grand grant granted growing growth guarantee gun hand hard
help helped helping helps homeless hope hoped hopes hoping huge importance important impression
increase increased intelligence intense interest interested interests invite join justice kill
killed killing killings kills kind lack launched leadership leading leave legal liberty like limited
limits losses lost low lower lowest matter matters miss missed missing natural no number
opportunities opportunity original parties party pay peace penalty play played playing plays please
popular poverty prepared pressure pretty prison prisoner prisoners profit profits prominent promise
promised promote promoting protect protected protest protested protesters protests reach reached
reaching ready recognition refused resolution respectively responsibility responsible rise risk
risks rose safety save saved savings secure secured securities security sentence serious seriously
settlement share shared shares shoot significant solution solutions solve special spirit stop
stopped stops straight strike strikes strong struck substantial sue support supported supporter
supporters supporting supports supreme sure survived suspect suspended tension tensions top treasury
treat true unable unemployment united value values victim victims vision vital want wanted wants war
warning wars weapon weapons well wells win winning wins won worth yes
""".split()

WORD_EN = re.compile(r"[a-z]+(-[a-z]+)*")

# --- Bokmål --------------------------------------------------------------------------------------

# AFINN-da words that pass the frequency test but mean something else in Bokmål, are English, or
# carry a Danish score that is wrong for Norwegian (lyve "lie" is +3 in AFINN-da).
DANISH_ONLY = """
ak aktiver begå begår blah boost boring bort brilliant brutto bryster comeback comebacket cover-up
drop dyrt error excellence fitness ftw fuck funny fy-ord fyre fyrer fyring generer gift grand grine
griner ha hade hadet haha hahaha halt halte heaven held helst hit ikke-forsikret jokke kasserer let
lmao lo lol lover lovet lure lurer lyve lyver miss misset nasser nå når rager rar rase raser romance
sand sexy shit snyder so son-of-a-bitch spam spar streng strengt stupid sund super superb superior
supporter tak tom top toppe toppen understøtter understøttet vagt vision win win-win woo wow wtf
yeah yes
""".split()

# Neutral in Norwegian news about the talks, or common in a neutral sense ("svært" is "very",
# "styrker" is "forces", "ønsker" is "wants", "tro" is "believe", "fred" is in every mediation story).
NEWS_NEUTRAL_NB = """
aktiv alene anholdt anmelde anmeldt anmeldte annullere annullering anti appellere appellerer
begravelse begravelser beskytte beskytter beskyttet bestemt betale betydning blind bombe brød
diamant dom drukne drukner dø død døde dødt enig enige enker enorm etiske eventyr evne evner fange
fanger fanget fattig fattigdom fattige fattigere fattigste fest forberedt fordele forebygge forene
forenet forhindre forhindrer forhørt forsikrer forsikret forsikring forvaring fred freden fremme
fremmer fri frivillig fryse fryser følelse garantere garanterer garanti grav grå hacket hard hektisk
hektiske hilse hilsen hilste hjalp hjulpet håp håper håpet intens intenst interesse interesser
intriger invitere ja juvel juveler kamp klappe klapper klar klart knappe konflikt konflikter krav
krig krise krisen kriser lavest legende lette levende lobby lyse lyseste lysstyrke løfte løse løser
løsning løsninger løsrevet løst mangel mangelvare mangler medalje menneskelig menneskelige miste
mister mistet moden modent modne mørke naturlig nerver nobel oase oasen obligatorisk offer offline
ofre ombord omfattende overbevise overbeviser overbevist overlevende passe presserende presset
protest protesten protester protestere protesterer pålagt påvirket rednings ren renere revet rydder
ryddet samtykke samtykker savn savne savnet signifikant sikker sikre sikrer sikret sikring skatte
skyld slå smitte smittede smitten smitter smittet steg stikke stoppe stopper stoppet straffe
straffer straffes strid stride stridende strider styrke styrker styrket størst støtte støtten
støttende støtter sult svært tildelt tro tydelig tydelige uro uroen varm varme venter vitamin
voksende voldsomt ånd ønske ønsker ønsket
""".split()

WORD_NB = re.compile(r"[a-zæøå]+")

# Hand-written Norwegian evaluative words (source "tolk"): common in Bokmål news and commentary,
# including words Danish spells differently (sint, kjærlighet) or AFINN-da lacks.
TOLK_NB = """
0.8: utmerket utmerkede glimrende storartet storartede fortreffelig fortreffelige beundringsverdig
     beundringsverdige
0.7: flott flotte nydelig nydelige prisverdig prisverdige suksess suksessen vellykkede gledelig
     gledelige takknemlig takknemlige begeistret begeistring strålende
0.6: bra beste gjennombrudd gjennombruddet fremskritt framskritt konstruktiv konstruktive
     konstruktivt rettferdig rettferdige fornøyd fornøyde glede gleden oppmuntrende entusiastisk
     entusiastiske dyktig dyktige pålitelig pålitelige troverdig troverdige verdifull verdifulle
     fruktbar fruktbare hyggelig hyggelige deilig deilige vakker vakre vennlig vennlige heldig
     anstendig anstendige hederlig hederlige klok kloke klokt kjærlighet
0.5: håpefull håpefulle fremgang framgang tillit tilliten tillitsvekkende forsoning forsonende
     velvilje godvilje velvillig samarbeidsvilje kompromissvilje imøtekommende produktiv produktive
     fornuftig fornuftige oppriktig oppriktige ærlighet rettferdighet gunstig gunstige fordelaktig
     trygg trygge trygghet honnør hyller hyllet berømmer berømmet lovord tapper tapre jubel seier
     koselig trivelig optimist gode
0.4: anerkjennelse applaus gleder meningsfull givende morsom morsomt spennende human humane
0.3: balansert balanserte realistisk realistiske pragmatisk pragmatiske fleksibel fleksible rimelig
     rimelige akseptabel akseptabelt åpenhet feirer feiret sindig
0.2: godt
-0.2: vanskelige krevende
-0.3: alvorlig alvorlige frykter fryktet pessimist svak svake svekket splittet taper stillstand
     fastlåst fastlåste usikkerhet skeptiske
-0.4: uheldig uheldige uheldigvis bekymret engstelig redd irritert irritasjon pessimisme svakhet
     splittelse uklok uklokt flau stygg stygge stygt vond vondt vonde dødvann blindvei resultatløs
     resultatløse uforutsigbar uforutsigbare tilbakeslag nederlag bakslag tvang
-0.5: absurd absurde urettferdig urettferdige misfornøyd misfornøyde frustrert frustrerte frustrasjon
     sinne sint sinte indignert opprørt sjokkert skremt frykt mistillit mistro tvilsom tvilsomme
     tvilsomt mistenkelig mistenkelige manipulasjon manipulert manipulerer desinformasjon feilslått
     feilslåtte mislykket mislykkede sammenbrudd kollaps undertrykkelse undertrykking forfølgelse
     aggresjon fiendtlig fiendtlige beklagelig beklagelige sørgelig tabbe feilgrep bortkastet tåpelig
     tåpelige udugelig udugelige ekkel ekle vemmelig fæl fæle fælt smertefull smertefulle vilkårlig
     vilkårlige bekymringsfull bekymringsfullt skamfull misbruk hardhendt hardhendte anarki
     lovløshet usann usanne
-0.6: brutal brutale brutalt korrupsjon krenkende krenkelse krenkelser ydmykende nedverdigende
     uakseptabel uakseptabelt uakseptable sjokkerende skremmende fortvilet fortvilelse desperasjon
     håpløs håpløse håpløst håpløshet elendighet mishandling trakassering trakassert sabotasje svik
     sviktet bløff juks jukset fusk falsk kritikkverdig kritikkverdige skandaløs skandaløse farse
     ødeleggende ødelegge ødelegger nådeløs nådeløse hensynsløse hater hets hetse uverdig uverdige
     lyver lyve løy kriminell lovstridig grunnlovsstridig
-0.7: forferdelig forferdelige fryktelig fryktelige grusom grusomt skammelig skammelige hat
     hatefull hatefulle hykleri hyklersk løgnaktig løgnaktige utpressing overgrep maktmisbruk
     foraktelig forakt avsky opprørende vanstyre valgfusk
-0.8: avskyelig avskyelige grusomheter massakre massakren blodbad skrekkelig horribel motbydelig
     motbydelige
"""

# --- Nynorsk -------------------------------------------------------------------------------------

# Bokmål word -> Nynorsk form(s), "|" between alternatives, "-" to drop the word: the pairs that the
# rules in nynorsk_forms() would get wrong or cannot derive.
NB_TO_NN = """
analfabeter analfabetar
anerkjennelse anerkjenning
avskyelig avskyeleg
bedre betre
bekymre bekymre
bekymrer bekymrar
berolige -
beroligende -
beroliger -
beroliget -
berømmelse -
berømmer -
berømmet -
beundrer beundrar
bivirkning biverknad
bivirkninger biverknader
blindvei blindveg
drømme drøyme
dødstrusler -
dødvann daudvatn
elendighet elende
elske elske
elsker elskar
enestående einståande
enighet semje
fanatikere fanatikarar
fascister fascistar
foraktelig foraktleg
forbedre forbetre
forbedrer forbetrar
forbedret forbetra
forbedring forbetring
fordømme fordøme
fordømmelse fordøming
fordømmer fordømer
forfølgelse forfølging
forkaster forkastar
fornøyd nøgd
fornøyde nøgde
forsømmer forsømer
fortvilelse fortviling
framskritt framsteg
fremragende framifrå
fremskritt framsteg
fryktelig frykteleg
frykter fryktar
gjennombrudd gjennombrot
gjennombruddet gjennombrotet
gladere gladare
gleden gleda
grovere grovare
grusom grusam
grusomheter -
grusomme grusame
grusomt grusamt
hater hatar
hederlig heiderleg
hederlige heiderlege
heldigere heldigare
henrette avrette
henrettelse avretting
henrettelsen avrettinga
henrettelser avrettingar
henrettet avretta
hensynsløs omsynslaus
hensynsløse omsynslause
hjertelig hjarteleg
hyggelig hyggeleg|hyggjeleg
hyggelige hyggelege|hyggjelege
hykler hyklar
hyklere hyklarar
hyller hyllar
håpefull håpefull|vonfull
håpefulle håpefulle|vonfulle
håpløs håplaus|vonlaus
håpløse håplause|vonlause
håpløshet håpløyse|vonløyse
håpløst håplaust|vonlaust
idioter idiotar
imøtekommende imøtekomande
jubler jublar
kjærlighet kjærleik
krenkelse krenking
krenkelser krenkingar
krenkende krenkjande
krevende krevjande
kritiker kritikar
kritikere kritikarar
kritikerne kritikarane
lovløshet lovløyse
lykkelig lukkeleg|lykkeleg
lykkelige lukkelege|lykkelege
lykkes lukkast|lykkast
lyve ljuge
lyver lyg
løgn lygn
løgnaktig lygnaktig
løgnaktige lygnaktige
løgner lygner|lygar
løgnere lygarar
løy laug
meningsfull meiningsfull
meningsløs meiningslaus
meningsløse meiningslause
meningsløst meiningslaust
misfornøyd misnøgd
misfornøyde misnøgde
mislykkede mislukka
mislykkes mislukkast
mislykket mislukka
mistenkelig mistenkjeleg
mistenkelige mistenkjelege
mistro mistru
morder mordar
morsom morosam
morsomt morosamt
myrder myrdar
nådeløs nådelaus
nådeløse nådelause
nøden nauda
overdriver overdriv
overrasker overraskar
problemer -
respektløs respektlaus
respektløst respektlaust
resultatløs resultatlaus
resultatløse resultatlause
rettferdighet rettferd
roser rosar
roste -
sammenbrudd samanbrot
seier siger
skeptikere skeptikarar
skuffelse skuffing|vonbrot
skuffelsen vonbrotet
skuffelser -
skuffer skuffar
smartere smartare
smarteste smartaste
spennende spanande
splittelse splitting
stjålet stole
storartede storarta
svakhet svakheit
svindlere svindlarar
sørgelig sørgjeleg
sørgelige sørgjelege
takker takkar
takknemlig takksam
takknemlige takksame
talenter -
taper tapar
tillitsvekkende tillitvekkjande
tiltro tiltru
true truge
truede truga
truende trugande
truer trugar
trues trugast
truet truga
trusler trugsmål
trussel trugsmål
trygghet tryggleik
tvilsom tvilsam
tvilsomme tvilsame
tvilsomt tvilsamt
tvunget tvinga
uberegnelig uberekneleg
uenighet usemje
uforglemmelig uforgløymeleg
uforutsigbar uføreseieleg
uforutsigbare uføreseielege
ulykke ulukke
ulykkelig ulukkeleg
ulykkelige ulukkelege
ulykken ulukka
ulykker ulukker
umulig umogleg
undertrykkelse undertrykking|undertrykkjing
undertrykking undertrykking|undertrykkjing
usikkerhet usikkerheit|utryggleik
utmerkede utmerkte
utmerket utmerkt
uønsket uønskt
valgfusk valfusk
velkommen velkomen
vellykkede vellukka
vellykket vellukka
vennlig venleg
vennlige venlege
verdifull verdfull|verdifull
verdifulle verdfulle|verdifulle
vold vald
voldelig valdeleg
voldelige valdelege
voldshandlinger valdshandlingar
voldsom valdsam
voldsomme valdsame
ydmykende audmjukande
æret -
ærlighet ærlegdom
ødelagt øydelagd
ødelagte øydelagde
ødelegge øydeleggje
ødeleggende øydeleggjande
ødelegger øydelegg
"""

# Nouns in -et that are the same in Nynorsk (the participle rule would turn them into -a).
NN_SAME_ET = {"analfabet", "diktaturet", "mordet", "talentet"}

# Hand-written Nynorsk additions (source "tolk"): words Nynorsk has and Bokmål lacks or spells apart.
TOLK_NN = """
0.8: framifrå
0.5: gild gilde rettvis djerv djerve
0.4: kjekk kjekt dugande
0.3: forsvarleg
-0.3: rådvill
-0.4: uroleg otte uhøveleg tullete
-0.5: vonbroten vonbrotne vonbrot arg harm oppøst redsle urettvis tøv vrøvl sjølvgod hovmodig naud
-0.6: ufyseleg skrekk ansvarslaus hjartelaus dårskap uforsvarleg lygar lygarar svikefull
-0.7: skamlaus
-0.8: grufull
"""

# Neutral in Nynorsk news about the talks (as NEWS_NEUTRAL_NB, in Nynorsk forms).
NEWS_NEUTRAL_NN = """
von vona vonar semje
""".split()


def parse_scored(text):
    """Reads `score: word word ...` blocks (continuation lines indented) into {word: Fraction}."""
    result = {}
    score = None
    for line in text.strip().splitlines():
        if ":" in line:
            head, line = line.split(":", 1)
            score = Fraction(head.strip())
        for word in line.split():
            if word in result:
                raise SystemExit(f"build_polarity: {word!r} is listed twice in a hand-written list")
            result[word] = score
    return result


def parse_pairs(text):
    pairs = {}
    for line in text.strip().splitlines():
        source, target = line.split()
        if source in pairs:
            raise SystemExit(f"build_polarity: {source!r} is mapped twice in NB_TO_NN")
        pairs[source] = [] if target == "-" else target.split("|")
    return pairs


def read_tsv(path, columns):
    """Rows of a source file as tuples of its first `columns` cells, after its header line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")[:columns]) for line in lines[1:] if line]


def rounded(value):
    """Fraction -> Decimal with two places, half to even (exact, so the same on every machine)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def english(sources):
    vader = {token: Fraction(valence) / 4
             for token, valence in read_tsv(sources / "vader" / "vader_lexicon.tsv", 2)}
    afinn = {token: Fraction(score) / 5
             for token, score in read_tsv(sources / "afinn" / "AFINN-en-165.tsv", 2)}
    stop = set(NEWS_NEUTRAL_EN)
    rows = {}
    for word in sorted(set(vader) | set(afinn)):
        if not WORD_EN.fullmatch(word) or len(word) < 3 or word in stop:
            continue
        scores = [table[word] for table in (vader, afinn) if word in table]
        names = [name for name, table in (("afinn-en", afinn), ("vader", vader)) if word in table]
        rows[word] = (sum(scores) / len(scores), "|".join(names))
    return rows


def bokmal(sources):
    afinn = read_tsv(sources / "afinn" / "AFINN-da-32.tsv", 2)
    excluded = set(DANISH_ONLY) | set(NEWS_NEUTRAL_NB)
    rows = {}
    for word, score in afinn:
        if not WORD_NB.fullmatch(word) or word in excluded:
            continue
        nb = wordfreq.zipf_frequency(word, "nb", wordlist="best")
        da = wordfreq.zipf_frequency(word, "da", wordlist="best")
        if nb >= 2.5 and nb >= da - 1:
            rows[word] = (Fraction(score) / 5, "afinn-da")
    for word, score in parse_scored(TOLK_NB).items():
        rows[word] = (score, "tolk")
    return rows


def nynorsk_forms(word, pairs):
    """The Nynorsk form(s) of a Bokmål list word: a hand-written pair, the rules, or the word itself."""
    if word in pairs:
        return pairs[word]
    if re.search(r"(het|heten|heter|hetene|else|elsen|elser)$", word):
        return []  # -het/-heit/-leik/-skap and -else/-ing vary too much to derive
    form = word
    for bokmal_start, nynorsk_start in (("selv", "sjølv"), ("frem", "fram")):
        if form.startswith(bokmal_start):
            form = nynorsk_start + form[len(bokmal_start):]
    if form.endswith(("llig", "llige", "itet")):
        return [form]  # frivillig, velvillig and -itet nouns are the same in Nynorsk
    for bokmal_end, nynorsk_end in (
            ("ligste", "legaste"), ("ligst", "legast"), ("ligere", "legare"), ("lige", "lege"),
            ("lig", "leg"),  # dårlig > dårleg
            ("løse", "lause"), ("løst", "laust"), ("løs", "laus"),  # rastløs > rastlaus
            ("inger", "ingar"), ("ingen", "inga")):  # belastninger > belastningar
        if form.endswith(bokmal_end) and not re.search(r"[aiouy]løs[et]?$", form):  # skandaløs
            return [form[: -len(bokmal_end)] + nynorsk_end]
    if form.endswith("ende") and len(form) > 6:
        return [form[:-4] + "ande"]  # present participle: skuffende > skuffande
    if form.endswith("ede") and len(form) > 5:
        return [form[:-3] + "a"]  # participle plural: anklagede > anklaga
    if form.endswith("et") and len(form) > 4 and form not in NN_SAME_ET:
        return [form[:-2] + "a"]  # participle: skuffet > skuffa
    return [form]


def nynorsk(bokmal_rows):
    pairs = parse_pairs(NB_TO_NN)
    candidates = {}
    for word, (score, source) in sorted(bokmal_rows.items()):
        for form in nynorsk_forms(word, pairs):
            candidates.setdefault(form, []).append((score, source))
    stop = set(NEWS_NEUTRAL_NN)
    rows = {}
    for form, found in sorted(candidates.items()):
        if form in stop:
            continue
        score = sum(score for score, _ in found) / len(found)
        rows[form] = (score, "|".join(sorted({source for _, source in found})))
    for word, score in parse_scored(TOLK_NN).items():
        rows[word] = (score, "tolk")
    return rows


HEADER = """\
# General polarity words for {language}: a weak, lower-weight signal next to the stance cues.
# Generated by `.venv/bin/python scripts/build_polarity.py`; do not edit by hand: change the script's
# lists and run it again (see NOTICE.md).
# Sources: {sources}.
# Licence: {licence}
# Columns (separated by one TAB):
#   word    one lower-case word as the tokenizer's folded form
#   score   polarity from -1 (negative) to 1 (positive), normalised from the source scale, 2 decimals
#   source  where the score comes from, | between sources: {names}
# Rows are sorted by word in Unicode code-point order.
word\tscore\tsource
"""

FILES = {
    "en": ("English (en)",
           "VADER 3.3.2 (Hutto & Gilbert 2014; MIT, LICENSE-MIT-VADER) and AFINN-en-165 (Finn Årup "
           "Nielsen 2011; ODbL 1.0, LICENSE-ODbL-1.0), mean where both list a word",
           "this list is an adapted database of AFINN and is offered under ODbL 1.0 (see NOTICE.md);\n"
           "#   VADER's MIT notice is in LICENSE-MIT-VADER.",
           "vader (valence/4), afinn-en (score/5)"),
    "nb": ("Norwegian Bokmål (nb)",
           "AFINN-da-32 (Finn Årup Nielsen; ODbL 1.0, LICENSE-ODbL-1.0), Danish words also spelt so "
           "in Bokmål, and words written by hand for Tolk",
           "this list is an adapted database of AFINN and is offered under ODbL 1.0 (see NOTICE.md);\n"
           "#   the hand-written rows (source tolk) are also CC0 1.0.",
           "afinn-da (score/5), tolk (hand-written)"),
    "nn": ("Norwegian Nynorsk (nn)",
           "the Bokmål list (AFINN-da-32, ODbL 1.0, and Tolk's hand-written words) turned into "
           "Nynorsk forms, plus words written by hand for Tolk",
           "this list is an adapted database of AFINN and is offered under ODbL 1.0 (see NOTICE.md);\n"
           "#   the hand-written rows (source tolk) are also CC0 1.0.",
           "afinn-da (score/5), tolk (hand-written); the word is the Nynorsk form"),
}


def write(path, language, rows):
    name, sources, licence, names = FILES[language]
    lines = [HEADER.format(language=name, sources=sources, licence=licence, names=names)]
    for word in sorted(rows):
        score, source = rows[word]
        if abs(score) < MIN_SCORE:
            continue
        text = f"{rounded(score):.2f}"
        if Decimal(text) == 0:
            continue
        lines.append(f"{word}\t{text}\t{source}\n")
    path.write_bytes("".join(lines).encode("utf-8"))
    return len(lines) - 1


def main(argv):
    root = Path(__file__).resolve().parent.parent
    sources = Path(argv[1]) if len(argv) > 1 else root / ".." / "shared" / "data" / "lexicon-sources"
    out = Path(argv[2]) if len(argv) > 2 else root / "lexicons" / "polarity"
    if len(argv) > 3:
        raise SystemExit(__doc__.split("\n\n")[1])
    version = importlib.metadata.version("wordfreq")
    if version != WORDFREQ_VERSION:
        raise SystemExit(f"build_polarity: needs wordfreq {WORDFREQ_VERSION} (requirements-train.txt), "
                         f"found {version}; the Bokmål filter depends on its data")
    out.mkdir(parents=True, exist_ok=True)
    bokmal_rows = bokmal(sources)
    counts = {
        "en": write(out / "en.tsv", "en", english(sources)),
        "nb": write(out / "nb.tsv", "nb", bokmal_rows),
        "nn": write(out / "nn.tsv", "nn", nynorsk(bokmal_rows)),
    }
    shutil.copyfile(sources / "afinn" / "LICENSE-ODbL-1.0", out / "LICENSE-ODbL-1.0")
    shutil.copyfile(sources / "vader" / "LICENSE", out / "LICENSE-MIT-VADER")
    print(", ".join(f"{language}.tsv {count} words" for language, count in counts.items()))


if __name__ == "__main__":
    main(sys.argv)
