import TolkCore

/// Word lists the capitalised-name rules use, by folded form. Closed-class words and cue words, not
/// names: the lexicon holds the names.
enum NameCues {
  /// Words that are capitalised at the start of a sentence or heading but never a name on their own.
  static let functionWords: Set<String> = [
    // en
    "the", "a", "an", "in", "on", "at", "of", "for", "to", "from", "by", "with", "and", "but", "or", "if", "as",
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "this", "that", "these",
    "those", "there", "here", "what", "why", "how", "when", "where", "who", "which", "while", "after", "before",
    "last", "next", "in contrast", "latest", "since", "although", "however", "meanwhile", "according",
    "mr.", "mrs.", "ms.", "dr.",
    // nb, nn
    "det", "den", "de", "dei", "han", "hun", "ho", "vi", "eg", "jeg", "du", "dere", "de", "seg", "sin", "si",
    "på", "i", "etter", "men", "og", "som", "her", "der", "sist", "til", "fra", "frå", "med", "om", "for",
    "mens", "medan", "dette", "denne", "disse", "desse", "hva", "kva", "hvorfor", "kvifor", "hvordan",
    "korleis", "når", "kor", "hvor", "ifølge", "ifylgje", "tidligere", "tidlegare", "også", "òg", "nå", "no",
    "en", "ei", "et", "eit", "ein", "samtidig", "derfor", "difor", "likevel", "dermed", "ingen", "alle",
    // months and weekdays: capitalised in English, never entities here
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "januar", "februar", "mars", "mai", "juni", "juli", "oktober", "desember", "mandag", "tirsdag", "onsdag",
    "torsdag", "fredag", "lørdag", "søndag", "måndag", "tysdag", "laurdag", "sundag",
  ]

  /// Words that qualify a title inside a capitalised run ("Foreign Affairs Minister", "Interim President").
  static let titleModifiers: Set<String> = [
    "foreign", "affairs", "prime", "interim", "former", "vice", "deputy", "acting", "opposition", "self-proclaimed",
    "defence", "defense", "finance", "justice", "interior", "chief", "general", "senior", "special",
  ]

  /// Prepositions: a name right after one is a place or an outlet more often than a speaker.
  static let prepositions: Set<String> = ["på", "i", "in", "on", "at", "fra", "frå", "til", "to", "from", "via"]

  /// Words before a name that make it a person.
  static let personTitlesBefore: Set<String> = [
    "president", "presidenten", "minister", "ministeren", "utenriksminister", "utenriksministeren",
    "utanriksminister", "utanriksministeren", "statsminister", "statsministeren", "leader", "leder", "lederen",
    "leiar", "leiaren", "opposisjonsleder", "opposisjonsleiar", "diplomat", "diplomaten", "borgermester",
    "borgermesteren", "ordfører", "ordføreren", "ordførar", "ordføraren", "ambassador", "ambassadør",
    "ambassadøren", "envoy", "utsending", "utsendingen", "senator", "governor", "general", "generalen",
    "spokesman", "spokeswoman", "spokesperson", "talsmann", "talsperson", "talskvinne", "mr.", "mrs.", "ms.",
    "dr.", "secretary", "chancellor", "mayor", "judge", "dommer", "lawyer", "advokat", "advokaten",
    "professor", "forsker", "forskar", "journalist", "journalisten", "sjef", "sjefen", "direktør", "direktøren",
    "pope", "paven", "king", "kong", "kongen", "queen", "dronning", "prince", "prins",
  ]

  /// Titles and forms of address before a person's name that are not part of it, besides
  /// ``personTitlesBefore`` ("Justice Scalia", "Lord Diplock", "Capt. Spastic").
  static let honorifics: Set<String> = [
    "miss", "lord", "lady", "sir", "aunt", "uncle", "doctor", "dr", "capt.", "captain", "justice", "emperor", "pm",
    "rev.", "gen.", "sen.", "gov.", "prof.", "col.", "lt.", "sgt.", "father", "brother", "sister", "saint",
    "dear", "kjære",
  ]

  /// Reporting verbs right after a name that make it a person.
  static let reportingVerbsAfter: Set<String> = [
    "said", "says", "told", "added", "stressed", "claimed", "sa", "sier", "seier", "mener", "meiner",
    "skriver", "forteller", "fortel", "legger", "hevder", "understreker",
  ]

  /// Words inside a name that make it an organisation.
  static let organisationWords: Set<String> = [
    "radio", "tv", "news", "times", "post", "press", "party", "partiet", "parti", "bank", "banken", "council",
    "rådet", "committee", "komiteen", "komiteen", "association", "forbund", "forbundet", "group", "gruppen",
    "gruppa", "university", "universitet", "universitetet", "institute", "instituttet", "agency", "corporation",
    "company", "inc.", "ltd.", "as", "asa", "airlines", "ministry", "departement", "departementet", "front",
    "alliance", "alliansen", "union", "unionen", "foundation", "stiftelsen", "network", "televisión",
    "television", "journal", "herald", "tribune", "daily", "avis", "avisen", "avisa", "college", "school",
    "skole", "skolen", "court", "domstol", "domstolen", "library", "bibliotek", "biblioteket", "club", "klubb",
    "klubben", "academy", "akademi", "hospital", "sykehus", "sjukehus", "museum", "museet", "church", "kirke",
    "kyrkje", "commission", "kommisjon", "kommisjonen", "department", "office", "service", "authority",
    "parliament", "parlament", "parlamentet", "assembly", "senate", "congress", "team", "fc", "games",
    "gaming", "society", "selskap", "selskapet", "organization", "organisation", "organisasjon", "institutt",
    "universiteit", "bibliotheek", "centre", "center", "senter", "senteret",
    // the last word of a company's or a publication's name ("Rodale Books", "Carr Futures")
    "books", "motors", "motorsports", "futures", "records", "studios", "pictures", "productions", "publishing",
    "publishers", "industries", "enterprises", "holdings", "partners", "associates", "technologies",
    "laboratories", "labs", "pharmaceuticals", "airways", "railways", "communications", "insurance",
    "securities", "investments", "ventures", "consulting", "magazine", "monthly", "weekly", "gazette",
    "chronicle", "courier", "telegraph", "bulletin", "army", "navy", "marines", "police",
  ]

  /// Words inside a name that make it a place.
  static let placeWords: Set<String> = [
    "city", "county", "river", "mountain", "mountains", "island", "islands", "street", "avenue", "road", "park",
    "bay", "lake", "sea", "ocean", "valley", "beach", "coast", "fjord", "fjorden", "elva", "elv", "fjell",
    "fjellet", "øya", "øy", "gate", "gata", "vei", "veien", "vegen", "plass", "plassen", "sjø", "sjøen",
    "havet", "dal", "dalen", "kommune", "fylke", "airport", "lufthavn", "square", "bridge", "canyon", "desert",
  ]

  /// Words inside a name that make it something other than a person, organisation or place: laws,
  /// wars, prizes, storms, events.
  static let otherNameWords: Set<String> = [
    "act", "law", "lov", "loven", "war", "krig", "krigen", "prize", "prisen", "award", "cup", "olympics",
    "festival", "cyclone", "hurricane", "storm", "title", "day", "dagen", "treaty", "avtale", "avtalen", "olympic",
    "agreement", "plan", "research", "programme", "program", "project", "prosjekt", "prosjektet",
  ]

  /// Words for a storm, which makes the name with them an event, not a person ("Cyclone Phailin",
  /// "Hurricane Rita", "ekstremværet Dagmar"). Not "storm", which is also a given name.
  static let stormWords: Set<String> = [
    "cyclone", "hurricane", "typhoon", "syklon", "syklonen", "orkan", "orkanen", "tyfon", "tyfonen", "uværet",
    "ekstremværet", "uvêret", "ekstremvêret",
  ]

  /// Words right before a name that make it an organisation (an outlet, an agency, a party).
  static let organisationCuesBefore: Set<String> = [
    "newspaper", "nettavisen", "nettavisa", "avisen", "avisa", "magazine", "channel", "kanalen", "byrået",
    "nyhetsbyrået", "nyheitsbyrået", "agency", "broadcaster", "kringkasteren", "partiet", "party", "outlet",
  ]

  /// Greetings and sign-offs before a name on a line of its own, as folded words ("Good Morning Debra",
  /// "Thanks, Vince", "Hilsen Kari"): ``EntityTagger/nameLineCandidates(in:excluding:)``.
  static let greetings: [[String]] = [
    ["good", "morning"], ["good", "afternoon"], ["good", "evening"], ["thank", "you"], ["best", "regards"],
    ["kind", "regards"], ["vennlig", "hilsen"], ["venleg", "helsing"], ["god", "morgen"], ["hi"], ["hello"],
    ["hey"], ["dear"], ["thanks"], ["regards"], ["cheers"], ["hei"], ["hallo"], ["kjære"], ["takk"], ["mvh"],
    ["hilsen"], ["helsing"],
  ]

  /// Exclamations that may stand on a line of their own and are not a name there, though the person-name
  /// list has some of them ("Ah!").
  static let interjections: Set<String> = [
    "ah", "oh", "eh", "aw", "ha", "aha", "ooh", "wow", "yay", "hmm", "um", "uh", "yes", "no", "okay", "ok",
    "yeah", "bye", "amen", "bravo", "ja", "nei", "jo", "huff", "uff", "æsj", "hurra",
  ]

  /// The number of words of the longest of ``greetings``.
  static let longestGreeting = greetings.map(\.count).max() ?? 0

  /// Lower-case words that join the capitalised words of an organisation's name ("Bank of England",
  /// "National Library of the Netherlands", "Food and Drug Administration").
  static let organisationConnectors: Set<String> = ["of", "the", "and", "for", "&"]

  /// Words that end a company's name and never start one ("Google Inc.", "Equinor ASA").
  static let companySuffixes: Set<String> = ["inc.", "inc", "ltd.", "ltd", "llc", "plc", "corp.", "co.", "as", "asa"]

  /// Lower-case words that may sit inside a name ("Simón de Bolívar", "Bank of England").
  static let connectors: Set<String> = [
    "de", "del", "la", "los", "las", "da", "do", "dos", "van", "von", "der", "of", "y", "e",
  ]
}
