#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
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
  int32_t previous = ubrk_first(iterator);
  for (int32_t boundary = ubrk_next(iterator); boundary != UBRK_DONE;
       boundary = ubrk_next(iterator)) {
    boundaries[count] = boundary;
    if (statuses != NULL) {
      // A lone space, the commonest segment, has status 0 (UBRK_WORD_NONE); asking ICU costs a call.
      int space = boundary - previous == 1 && text[previous] == 0x20;
      statuses[count] = space ? UBRK_WORD_NONE : ubrk_getRuleStatus(iterator);
    }
    previous = boundary;
    count++;
  }
  ubrk_close(iterator);
  *error = 0;
  return count;
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

int32_t tolk_nfc(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity,
                 int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  *error = 0;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) {
    *error = (int32_t)status;
    return -1;
  }
  int32_t written = unorm2_normalize(nfc, (const UChar *)source, length, (UChar *)destination, capacity,
                                     &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) return written;
  if (U_FAILURE(status)) {
    *error = (int32_t)status;
    return -1;
  }
  return written;
}

/// Tokens up to this many UTF-16 units are normalized in stack buffers (almost every token); longer
/// ones (a megabyte "word" is legal input) on the heap.
#define TOLK_STACK_UNITS 256

/// Normalizes `source` into `stack` (TOLK_STACK_UNITS units) when it fits, else into a malloc'd buffer
/// that the caller frees; `*result` says which. Returns the length, or -1 with `*status` set.
static int32_t normalize_into(const UNormalizer2 *normalizer, const UChar *source, int32_t length,
                              UChar *stack, UChar **result, UErrorCode *status) {
  *result = stack;
  int32_t written = unorm2_normalize(normalizer, source, length, stack, TOLK_STACK_UNITS, status);
  if (*status == U_BUFFER_OVERFLOW_ERROR) {
    *status = U_ZERO_ERROR;
    UChar *heap = malloc(sizeof(UChar) * (size_t)(written + 1));
    if (heap == NULL) {
      *status = U_MEMORY_ALLOCATION_ERROR;
      return -1;
    }
    *result = heap;
    written = unorm2_normalize(normalizer, source, length, heap, written + 1, status);
  }
  return U_FAILURE(*status) ? -1 : written;
}

/// Whether a unit of a norm is below U+00C0, where nothing decomposes and there is no combining mark,
/// or one of the Scandinavian letters æ, ø (which do not decompose) and å, ä, ö (whose marks folding
/// keeps). A norm is case folded, so these are the lower-case letters.
static int folds_to_itself(UChar unit) {
  return unit < 0xC0 || unit == 0xE4 || unit == 0xE5 || unit == 0xE6 || unit == 0xF6 || unit == 0xF8;
}

/// Whether folding `norm` (NFKC case folded, so already NFC) leaves it as it is: nothing decomposes
/// and there is no combining mark to strip. Units that fold to themselves settle most tokens, the
/// Norwegian words with æ, ø and å included.
static int fold_keeps(const UNormalizer2 *nfd, const UChar *norm, int32_t length) {
  int32_t i = 0;
  while (i < length && folds_to_itself(norm[i])) i++;
  if (i == length) return 1;
  UErrorCode status = U_ZERO_ERROR;
  if (!unorm2_isNormalized(nfd, norm, length, &status) || U_FAILURE(status)) return 0;
  for (i = 0; i < length;) {
    UChar32 c;
    U16_NEXT(norm, i, length, c);
    if (u_charType(c) == U_NON_SPACING_MARK) return 0;
  }
  return 1;
}

/// UTF-8 of `text` into `output` at `*used` (when it fits; lone surrogates become U+FFFD, as in Swift),
/// adding its length to `*used`. Returns the length, or -1 with `*status` set.
static int32_t append_utf8(const UChar *text, int32_t length, uint8_t *output, int32_t capacity,
                           int32_t *used, UErrorCode *status) {
  int32_t written = 0;
  int32_t room = *used < capacity ? capacity - *used : 0;
  u_strToUTF8WithSub(room > 0 ? (char *)output + *used : NULL, room, &written, text, length, 0xFFFD,
                     NULL, status);
  if (*status == U_BUFFER_OVERFLOW_ERROR || *status == U_STRING_NOT_TERMINATED_WARNING) {
    *status = U_ZERO_ERROR;
  }
  if (U_FAILURE(*status)) return -1;
  *used += written;
  return written;
}

int32_t tolk_norm_and_fold_utf8(const uint16_t *source, int32_t length, uint8_t *output, int32_t capacity,
                                int32_t *norm_length, int32_t *fold_length, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  *error = 0;
  const UNormalizer2 *casefold = unorm2_getNFKCCasefoldInstance(&status);
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) {
    *error = (int32_t)status;
    return -1;
  }
  UChar norm_stack[TOLK_STACK_UNITS], decomposed_stack[TOLK_STACK_UNITS], fold_stack[TOLK_STACK_UNITS];
  UChar *norm = norm_stack, *decomposed = decomposed_stack, *fold = fold_stack;
  int32_t used = 0;
  int32_t norm_units = normalize_into(casefold, (const UChar *)source, length, norm_stack, &norm, &status);
  if (norm_units < 0 || (*norm_length = append_utf8(norm, norm_units, output, capacity, &used, &status)) < 0) {
    goto done;
  }
  if (fold_keeps(nfd, norm, norm_units)) {
    *fold_length = -1;
    goto done;
  }
  // Fold: NFD, strip the marks, NFC.
  int32_t decomposed_units = normalize_into(nfd, norm, norm_units, decomposed_stack, &decomposed, &status);
  if (decomposed_units < 0) goto done;
  int32_t stripped = strip_marks(decomposed, decomposed_units);
  int32_t fold_units = normalize_into(nfc, decomposed, stripped, fold_stack, &fold, &status);
  if (fold_units < 0) goto done;
  *fold_length = append_utf8(fold, fold_units, output, capacity, &used, &status);
done:
  if (norm != norm_stack) free(norm);
  if (decomposed != decomposed_stack) free(decomposed);
  if (fold != fold_stack) free(fold);
  if (U_FAILURE(status)) {
    *error = (int32_t)status;
    return -1;
  }
  return used;
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
