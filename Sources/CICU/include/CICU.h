// Plain C view of the few ICU services Tolk uses. No ICU header is included here, so Swift sees only
// stdint types; ICU's version-renamed symbols stay inside CICU.c.
#ifndef TOLK_CICU_H
#define TOLK_CICU_H

#include <stdint.h>

/// Which ICU break iterator to run.
typedef enum {
  TOLK_BREAK_WORD = 0,
  TOLK_BREAK_SENTENCE = 1,
} TolkBreakKind;

/// Runs an ICU break iterator of `kind` for `locale` (e.g. "nb", "en", "" for root) over `text`
/// (UTF-16, `length` code units). Writes every boundary after 0 (UTF-16 offsets, ascending, the last
/// one == `length`) to `boundaries` and, for word breaks, the rule status of the segment that ends
/// there to `statuses` (may be NULL). Both arrays must hold `length` + 1 entries. Returns the number of
/// boundaries written, or -1 with `*error` set to ICU's error code.
int32_t tolk_break(TolkBreakKind kind, const char *locale, const uint16_t *text, int32_t length,
                   int32_t *boundaries, int32_t *statuses, int32_t *error);

/// Canonical composition (NFC) of `source` (UTF-16, `length` units) into `destination` (capacity
/// `capacity` units). Returns the length of the result; when it exceeds `capacity` nothing useful was
/// written and the caller retries with a larger buffer. Returns -1 with `*error` set when ICU fails.
int32_t tolk_nfc(const uint16_t *source, int32_t length, uint16_t *destination, int32_t capacity,
                 int32_t *error);

/// Writes the norm and then the fold of `source` (UTF-16, `length` units) as UTF-8 to `output`
/// (capacity `capacity` bytes). The norm is NFKC case folding (ICU's "nfkc_cf"); the fold is the norm
/// with combining marks removed except those that make the Scandinavian letters å, ä, ö (ring above
/// on a; diaeresis on a and o), then NFC. The norm takes the first `*norm_length` bytes and the fold
/// the `*fold_length` bytes after it, or `*fold_length` is -1 and nothing is written for it when the
/// fold is the norm itself (no diacritics). Returns the number of bytes needed; when that exceeds
/// `capacity` nothing useful was written and the caller retries with a larger buffer. Returns -1 with
/// `*error` set to ICU's error code when ICU fails.
int32_t tolk_norm_and_fold_utf8(const uint16_t *source, int32_t length, uint8_t *output, int32_t capacity,
                                int32_t *norm_length, int32_t *fold_length, int32_t *error);

/// The ICU version this shim was linked against, e.g. "72.1", written NUL-terminated to `buffer`.
void tolk_icu_version(char *buffer, int32_t capacity);

#endif
