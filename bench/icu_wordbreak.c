// The ICU reference points of `make bench` (issue #9): how fast plain C over system ICU can
// tokenize the benchmark corpus, single-threaded, so Tolk's tokenizer has a floor to be compared with.
//
// Usage: icu_wordbreak CORPUS.jsonl [--locale en]
// Build: cc -O2 -o icu_wordbreak bench/icu_wordbreak.c -licuuc -licui18n -licudata
//
// Reads the JSONL corpus (one object a line; only the "text" string is used, JSON escapes decoded
// to UTF-8, other keys skipped) into memory before any timing starts, then measures three passes
// over every text, each timed as a whole (wall clock and process CPU time):
//
//   wordbreak:  u_strFromUTF8 into a UTF-16 buffer, ubrk_setText on one UBRK_WORD iterator opened
//               before the clock starts, ubrk_next to the end (rule status read at each boundary).
//   nfc_fold:   the same, plus, for every segment that is not whitespace, unorm2_normalize with the
//               NFC instance and u_strFoldCase (U_FOLD_CASE_DEFAULT) of the NFC result.
//   word_sentence: the wordbreak pass plus ubrk_next to the end of a UBRK_SENTENCE iterator over the
//               same UTF-16 text (Tolk's tokenizer runs both).
//
// MB/s counts 10^6 bytes of the texts' UTF-8. Prints one JSON line on standard output:
// {"texts":N,"bytes":B,"icu_version":"72.1","wordbreak":{...},"nfc_fold":{...},"word_sentence":{...}},
// where each pass has seconds, cpu_seconds, mb_per_s and words (segments with a word, number, letter,
// kana or ideograph rule status), and nfc_fold also segments (non-whitespace break segments) and a
// checksum. Exit status 1 with a message on
// standard error when the corpus cannot be read or ICU fails.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

typedef struct {
  char *bytes;    // UTF-8, not terminated
  int32_t length; // bytes
} Text;

typedef struct {
  Text *items;
  size_t count, capacity;
  size_t bytes;
} Corpus;

static void fail(const char *message, const char *detail) {
  fprintf(stderr, "icu_wordbreak: %s%s%s\n", message, detail ? ": " : "", detail ? detail : "");
  exit(1);
}

static void append_utf8(char **out, uint32_t scalar) {
  char *p = *out;
  if (scalar < 0x80) {
    *p++ = (char)scalar;
  } else if (scalar < 0x800) {
    *p++ = (char)(0xC0 | (scalar >> 6));
    *p++ = (char)(0x80 | (scalar & 0x3F));
  } else if (scalar < 0x10000) {
    *p++ = (char)(0xE0 | (scalar >> 12));
    *p++ = (char)(0x80 | ((scalar >> 6) & 0x3F));
    *p++ = (char)(0x80 | (scalar & 0x3F));
  } else {
    *p++ = (char)(0xF0 | (scalar >> 18));
    *p++ = (char)(0x80 | ((scalar >> 12) & 0x3F));
    *p++ = (char)(0x80 | ((scalar >> 6) & 0x3F));
    *p++ = (char)(0x80 | (scalar & 0x3F));
  }
  *out = p;
}

static int hex4(const char *p, const char *end, uint32_t *value) {
  if (end - p < 4) return 0;
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= (uint32_t)(c - '0');
    else if (c >= 'a' && c <= 'f') v |= (uint32_t)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= (uint32_t)(c - 'A' + 10);
    else return 0;
  }
  *value = v;
  return 1;
}

/// Decodes the JSON string whose opening quote is at `p` into a new UTF-8 buffer; returns the
/// position after the closing quote, or NULL when the string is malformed.
static const char *decode_string(const char *p, const char *end, Text *text) {
  p++; // opening quote
  // A decoded string is never longer than its escaped form.
  char *out = malloc((size_t)(end - p) + 1);
  if (!out) fail("out of memory", NULL);
  char *w = out;
  while (p < end && *p != '"') {
    if (*p != '\\') {
      *w++ = *p++;
      continue;
    }
    if (end - p < 2) break;
    char escape = p[1];
    p += 2;
    switch (escape) {
      case '"': *w++ = '"'; break;
      case '\\': *w++ = '\\'; break;
      case '/': *w++ = '/'; break;
      case 'b': *w++ = '\b'; break;
      case 'f': *w++ = '\f'; break;
      case 'n': *w++ = '\n'; break;
      case 'r': *w++ = '\r'; break;
      case 't': *w++ = '\t'; break;
      case 'u': {
        uint32_t unit, low;
        if (!hex4(p, end, &unit)) { free(out); return NULL; }
        p += 4;
        if (unit >= 0xD800 && unit < 0xDC00 && end - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
            hex4(p + 2, end, &low) && low >= 0xDC00 && low < 0xE000) {
          unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          p += 6;
        } else if (unit >= 0xD800 && unit < 0xE000) {
          unit = 0xFFFD; // a lone surrogate, as a lenient reader would decode it
        }
        append_utf8(&w, unit);
        break;
      }
      default: free(out); return NULL;
    }
  }
  if (p >= end) { free(out); return NULL; }
  text->bytes = out;
  text->length = (int32_t)(w - out);
  return p + 1;
}

/// The "text" value of one JSON object line, found by scanning its top-level keys; 0 if none.
static int text_of_line(const char *p, const char *end, Text *text) {
  int depth = 0;
  int expecting_key = 0;
  for (; p < end; p++) {
    char c = *p;
    if (c == '{' || c == '[') {
      depth++;
      expecting_key = (c == '{' && depth == 1);
    } else if (c == '}' || c == ']') {
      depth--;
    } else if (c == ',') {
      expecting_key = depth == 1;
    } else if (c == '"') {
      Text key;
      const char *after = decode_string(p, end, &key);
      if (!after) return 0;
      int is_text_key = expecting_key && key.length == 4 && memcmp(key.bytes, "text", 4) == 0;
      free(key.bytes);
      p = after;
      while (p < end && (*p == ' ' || *p == '\t')) p++;
      if (expecting_key && p < end && *p == ':') {
        expecting_key = 0;
        p++;
        while (p < end && (*p == ' ' || *p == '\t')) p++;
        if (is_text_key && p < end && *p == '"') return decode_string(p, end, text) != NULL;
      }
      p--; // the loop's p++ moves to the character after the string (or its colon)
    }
  }
  return 0;
}

static Corpus read_corpus(const char *path) {
  FILE *file = fopen(path, "rb");
  if (!file) fail("cannot open corpus", path);
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  char *data = malloc((size_t)size + 1);
  if (!data || fread(data, 1, (size_t)size, file) != (size_t)size) fail("cannot read corpus", path);
  fclose(file);
  Corpus corpus = {0};
  const char *line = data, *end = data + size;
  long number = 0;
  while (line < end) {
    const char *newline = memchr(line, '\n', (size_t)(end - line));
    const char *line_end = newline ? newline : end;
    number++;
    if (line_end > line) {
      Text text;
      if (!text_of_line(line, line_end, &text)) {
        fprintf(stderr, "icu_wordbreak: %s:%ld: no \"text\" string\n", path, number);
        exit(1);
      }
      if (corpus.count == corpus.capacity) {
        corpus.capacity = corpus.capacity ? corpus.capacity * 2 : 1024;
        corpus.items = realloc(corpus.items, corpus.capacity * sizeof(Text));
        if (!corpus.items) fail("out of memory", NULL);
      }
      corpus.items[corpus.count++] = text;
      corpus.bytes += (size_t)text.length;
    }
    line = line_end + 1;
  }
  free(data);
  return corpus;
}

static double now(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct {
  double seconds, cpu_seconds;
  long segments, words;
  long checksum; // lengths written by normalization and folding, so no work is optimized away
} Pass;

/// Whether the segment ending at the iterator's position is all white space (ICU gives spaces
/// UBRK_WORD_NONE, as it gives punctuation; only punctuation is a token).
static int is_space(const UChar *text, int32_t start, int32_t end) {
  for (int32_t i = start; i < end;) {
    UChar32 c;
    U16_NEXT(text, i, end, c);
    if (!u_isUWhiteSpace(c)) return 0;
  }
  return 1;
}

/// What a pass does besides word break: nothing (the floor), NFC and case folding of every segment that
/// is not white space, or a second pass of sentence break over the same text (Tolk's tokenizer runs
/// both, words and sentences).
typedef enum { WORDS_ONLY, NORMALIZE, SENTENCES } Extra;

static Pass run(const Corpus *corpus, const char *locale, Extra extra) {
  int normalize = extra == NORMALIZE;
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *words = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
  if (U_FAILURE(status)) fail("ubrk_open failed", u_errorName(status));
  UBreakIterator *sentences = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &status);
  if (U_FAILURE(status)) fail("ubrk_open failed", u_errorName(status));
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) fail("unorm2_getNFCInstance failed", u_errorName(status));
  // UTF-8 never has fewer bytes than UTF-16 has units, so `length + 1` units always suffice.
  int32_t capacity = 1 << 16;
  UChar *utf16 = malloc((size_t)capacity * sizeof(UChar));
  UChar normalized[1024], folded[1024];
  Pass pass = {0};
  double wall = now(CLOCK_MONOTONIC), cpu = now(CLOCK_PROCESS_CPUTIME_ID);
  for (size_t i = 0; i < corpus->count; i++) {
    const Text *text = &corpus->items[i];
    if (text->length + 1 > capacity) {
      while (text->length + 1 > capacity) capacity *= 2;
      utf16 = realloc(utf16, (size_t)capacity * sizeof(UChar));
    }
    if (!utf16) fail("out of memory", NULL);
    int32_t length = 0;
    u_strFromUTF8(utf16, capacity, &length, text->bytes, text->length, &status);
    ubrk_setText(words, utf16, length, &status);
    if (U_FAILURE(status)) fail("u_strFromUTF8/ubrk_setText failed", u_errorName(status));
    if (extra == SENTENCES) {
      ubrk_setText(sentences, utf16, length, &status);
      if (U_FAILURE(status)) fail("ubrk_setText failed", u_errorName(status));
      for (int32_t end = ubrk_next(sentences); end != UBRK_DONE; end = ubrk_next(sentences)) pass.segments++;
    }
    int32_t start = ubrk_first(words);
    for (int32_t end = ubrk_next(words); end != UBRK_DONE; start = end, end = ubrk_next(words)) {
      int32_t rule = ubrk_getRuleStatus(words);
      if (rule >= UBRK_WORD_NONE_LIMIT) pass.words++;
      if (!normalize) continue;
      if (rule < UBRK_WORD_NONE_LIMIT && is_space(utf16, start, end)) continue;
      pass.segments++;
      if (end - start > 512) continue; // no word is this long; the C floor skips it
      UErrorCode local = U_ZERO_ERROR;
      int32_t n = unorm2_normalize(nfc, utf16 + start, end - start, normalized, 1024, &local);
      int32_t f = u_strFoldCase(folded, 1024, normalized, n, U_FOLD_CASE_DEFAULT, &local);
      if (U_FAILURE(local)) fail("normalization failed", u_errorName(local));
      pass.checksum += n + f;
    }
  }
  pass.seconds = now(CLOCK_MONOTONIC) - wall;
  pass.cpu_seconds = now(CLOCK_PROCESS_CPUTIME_ID) - cpu;
  ubrk_close(words);
  ubrk_close(sentences);
  free(utf16);
  return pass;
}

static void print_pass(const char *name, const Pass *pass, size_t bytes, int normalize) {
  printf("\"%s\":{\"seconds\":%.6f,\"cpu_seconds\":%.6f,\"mb_per_s\":%.4f,\"words\":%ld", name,
         pass->seconds, pass->cpu_seconds, pass->seconds > 0 ? (double)bytes / 1e6 / pass->seconds : 0,
         pass->words);
  if (normalize) printf(",\"segments\":%ld,\"checksum\":%ld", pass->segments, pass->checksum);
  printf("}");
}

int main(int argc, char **argv) {
  const char *path = NULL, *locale = "en";
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--locale") == 0 && i + 1 < argc) locale = argv[++i];
    else if (argv[i][0] == '-') fail("usage: icu_wordbreak CORPUS.jsonl [--locale en]", NULL);
    else path = argv[i];
  }
  if (!path) fail("usage: icu_wordbreak CORPUS.jsonl [--locale en]", NULL);
  Corpus corpus = read_corpus(path);
  Pass wordbreak = run(&corpus, locale, WORDS_ONLY);
  Pass nfc_fold = run(&corpus, locale, NORMALIZE);
  Pass sentences = run(&corpus, locale, SENTENCES);
  UVersionInfo version;
  char version_string[U_MAX_VERSION_STRING_LENGTH];
  u_getVersion(version);
  u_versionToString(version, version_string);
  printf("{\"texts\":%zu,\"bytes\":%zu,\"icu_version\":\"%s\",\"locale\":\"%s\",", corpus.count,
         corpus.bytes, version_string, locale);
  print_pass("wordbreak", &wordbreak, corpus.bytes, 0);
  printf(",");
  print_pass("nfc_fold", &nfc_fold, corpus.bytes, 1);
  printf(",");
  print_pass("word_sentence", &sentences, corpus.bytes, 0);
  printf("}\n");
  return 0;
}
