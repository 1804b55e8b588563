#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uversion.h>

int32_t tolk_break(TolkBreakKind kind, const char *locale, const uint16_t *text, int32_t length,
                   int32_t *boundaries, int32_t *statuses, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UBreakIteratorType type = kind == TOLK_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD;
  UBreakIterator *iterator = ubrk_open(type, locale, (const UChar *)text, length, &status);
  if (U_FAILURE(status)) {
    *error = (int32_t)status;
    return -1;
  }
  int32_t count = 0;
  ubrk_first(iterator);
  for (int32_t boundary = ubrk_next(iterator); boundary != UBRK_DONE;
       boundary = ubrk_next(iterator)) {
    boundaries[count] = boundary;
    if (statuses != NULL) statuses[count] = ubrk_getRuleStatus(iterator);
    count++;
  }
  ubrk_close(iterator);
  *error = 0;
  return count;
}

static const UNormalizer2 *normalizer(TolkNormalForm form, UErrorCode *status) {
  switch (form) {
    case TOLK_NFC: return unorm2_getNFCInstance(status);
    case TOLK_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    case TOLK_FOLD: return unorm2_getNFKCCasefoldInstance(status);
  }
  return NULL;
}

/// Keeps a combining mark when it turns the preceding base letter into a Scandinavian letter.
static int keeps_mark(UChar32 base, UChar32 mark) {
  if (mark == 0x030A) return base == 'a';                  // å
  if (mark == 0x0308) return base == 'a' || base == 'o';   // ä, ö
  return 0;
}

/// Removes combining marks from an NFD string in place, except the Scandinavian ones; returns the new
/// length.
static int32_t strip_marks(UChar *text, int32_t length) {
  int32_t out = 0;
  UChar32 base = 0;
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U16_NEXT(text, i, length, c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (!keeps_mark(base, c)) continue;
    } else {
      base = c;
    }
    for (int32_t k = start; k < i; k++) text[out++] = text[k];
  }
  return out;
}

int32_t tolk_normalize(TolkNormalForm form, const uint16_t *source, int32_t length,
                       uint16_t *destination, int32_t capacity, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  *error = 0;
  const UNormalizer2 *first = normalizer(form, &status);
  if (U_FAILURE(status)) { *error = (int32_t)status; return -1; }
  if (form != TOLK_FOLD) {
    int32_t written = unorm2_normalize(first, (const UChar *)source, length, (UChar *)destination,
                                       capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return written;
    if (U_FAILURE(status)) { *error = (int32_t)status; return -1; }
    return written;
  }
  // Fold: NFKC_Casefold, then NFD, strip marks, NFC. Intermediates live on the heap because a token
  // may be long (a megabyte "word" is legal input).
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) { *error = (int32_t)status; return -1; }
  int32_t folded_length = unorm2_normalize(first, (const UChar *)source, length, NULL, 0, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) { *error = (int32_t)status; return -1; }
  status = U_ZERO_ERROR;
  UChar *folded = malloc(sizeof(UChar) * (size_t)(folded_length + 1));
  if (folded == NULL) { *error = (int32_t)U_MEMORY_ALLOCATION_ERROR; return -1; }
  unorm2_normalize(first, (const UChar *)source, length, folded, folded_length + 1, &status);
  int32_t decomposed_length = unorm2_normalize(nfd, folded, folded_length, NULL, 0, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
    free(folded);
    *error = (int32_t)status;
    return -1;
  }
  status = U_ZERO_ERROR;
  UChar *decomposed = malloc(sizeof(UChar) * (size_t)(decomposed_length + 1));
  if (decomposed == NULL) { free(folded); *error = (int32_t)U_MEMORY_ALLOCATION_ERROR; return -1; }
  unorm2_normalize(nfd, folded, folded_length, decomposed, decomposed_length + 1, &status);
  free(folded);
  int32_t stripped = strip_marks(decomposed, decomposed_length);
  int32_t written = unorm2_normalize(nfc, decomposed, stripped, (UChar *)destination, capacity,
                                     &status);
  free(decomposed);
  if (status == U_BUFFER_OVERFLOW_ERROR) return written;
  if (U_FAILURE(status)) { *error = (int32_t)status; return -1; }
  return written;
}

void tolk_icu_version(char *buffer, int32_t capacity) {
  UVersionInfo version;
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_getVersion(version);
  u_versionToString(version, text);
  if (capacity <= 0) return;
  strncpy(buffer, text, (size_t)capacity - 1);
  buffer[capacity - 1] = '\0';
}
