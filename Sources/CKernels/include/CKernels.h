// Small numeric kernels in C where Swift cannot express what they need (software prefetch).
#ifndef TOLK_CKERNELS_H
#define TOLK_CKERNELS_H

#include <stdint.h>

/// Starts loading the cache line that holds `address` (a hint: no effect on results, and no fault for
/// any address). For lookups in tables larger than the caches, issued for several keys before the first
/// lookup, so that their misses overlap.
static inline void tolk_prefetch(const void *address) { __builtin_prefetch(address); }

/// Asks the kernel to back the whole 2 MB pages inside `bytes` bytes at `address` with huge pages (on
/// Linux; elsewhere nothing). A hint for memory not yet written: the bytes stay the same, but a table
/// of several MB read at random misses the TLB far less often.
void tolk_advise_huge_pages(void *address, int64_t bytes);

/// Emission scores of a hashed-feature linear model: for each of `token_count` tokens, the sum over
/// its features (`hashes[offsets[t]] ..< hashes[offsets[t + 1]]`) of the weight row
/// `weights[(hash & mask) * tag_count ...]`, times `scale`, written to `scores[t * tag_count ...]`.
/// The rows of features a few ahead are prefetched: the table is several MB and each row is a
/// random access, so the loop waits on memory, not arithmetic. `tag_count` must be at most 64.
void tolk_emissions(const int16_t *weights, uint64_t mask, int32_t tag_count, const uint64_t *hashes,
                    const int64_t *offsets, int32_t token_count, float scale, float *scores);

/// The best tag sequence of a linear chain (first-order Viterbi): `emissions` is `token_count ×
/// tag_count`, `transitions` and `allowed` are `(tag_count + 1) × tag_count` with row 0 for the
/// sentence start. Writes the tags to `path` (`token_count` entries); `best` (`token_count ×
/// tag_count` floats) and `back` (as many int32) are scratch space. Ties keep the lowest tag.
void tolk_viterbi(const float *emissions, int32_t token_count, int32_t tag_count, const float *transitions,
                  const uint8_t *allowed, float *best, int32_t *back, int32_t *path);

/// Sums rows of 16 signed bytes: adds `Σ rows[buckets[i] * 16 + k]` over `count` buckets to `sums[k]`,
/// the rows of buckets a few ahead prefetched.
void tolk_sum_rows16(const int8_t *rows, const int32_t *buckets, int64_t count, int32_t *sums);

/// ``tolk_sum_rows16`` that also takes running totals: `marks` (`mark_count` positions in `0...count`,
/// ascending) say after how many of the buckets the totals so far are copied, the first `width` of
/// them, to `out[m * out_stride ...]` for the m-th mark. Totals wrap at 2^32, so the difference of two
/// copies is exactly the sum of the rows between them.
void tolk_sum_rows16_marking(const int8_t *rows, const int32_t *buckets, int64_t count, const int64_t *marks,
                             int64_t mark_count, int32_t width, int32_t out_stride, int32_t *sums, int32_t *out);

/// Per-token tag probabilities of a linear chain (forward-backward in probability space, each column
/// rescaled to sum to 1): `emission[t, k] = exp((scores[t, k] − max_k scores[t]) / temperature)`, and
/// `transition` holds exp(transition / temperature), 0 where not allowed, `(tag_count + 1) × tag_count`
/// with row 0 for the sentence start. Writes the rows of tokens `first` to `last` (inclusive, within
/// `0 ..< token_count`) of `result` (`token_count × tag_count`; a token whose column sums to 0 gets
/// zeros), each exactly as a run for all tokens would; `emission`, `forward` and `backward` are scratch
/// space of the same size.
void tolk_marginals(const float *scores, int32_t token_count, int32_t tag_count, const double *transition,
                    double temperature, int32_t first, int32_t last, double *emission, double *forward,
                    double *backward, double *result);

#endif
