// Small numeric kernels in C where Swift cannot express what they need (software prefetch).
#ifndef TOLK_CKERNELS_H
#define TOLK_CKERNELS_H

#include <stdint.h>

/// Emission scores of a hashed-feature linear model: for each of `token_count` tokens, the sum over
/// its features (`hashes[offsets[t]] ..< hashes[offsets[t + 1]]`) of the weight row
/// `weights[(hash & mask) * tag_count ...]`, times `scale`, written to `scores[t * tag_count ...]`.
/// The rows of features a few ahead are prefetched: the table is several MB and each row is a
/// random access, so the loop waits on memory, not arithmetic. `tag_count` must be at most 64.
void tolk_emissions(const int16_t *weights, uint64_t mask, int32_t tag_count, const uint64_t *hashes,
                    const int64_t *offsets, int32_t token_count, float scale, float *scores);

#endif
