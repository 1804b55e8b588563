#include "CKernels.h"

enum { PREFETCH_DISTANCE = 8, MAX_TAGS = 64 };

void tolk_emissions(const int16_t *weights, uint64_t mask, int32_t tag_count, const uint64_t *hashes,
                    const int64_t *offsets, int32_t token_count, float scale, float *scores) {
  const int64_t feature_count = token_count > 0 ? offsets[token_count] : 0;
  int32_t sums[MAX_TAGS];
  for (int32_t token = 0; token < token_count; token++) {
    for (int32_t tag = 0; tag < tag_count; tag++) sums[tag] = 0;
    for (int64_t feature = offsets[token]; feature < offsets[token + 1]; feature++) {
      int64_t ahead = feature + PREFETCH_DISTANCE;
      if (ahead < feature_count) {
        const int16_t *next = weights + (int64_t)(hashes[ahead] & mask) * tag_count;
        __builtin_prefetch(next);
        __builtin_prefetch(next + tag_count - 1);
      }
      const int16_t *row = weights + (int64_t)(hashes[feature] & mask) * tag_count;
      for (int32_t tag = 0; tag < tag_count; tag++) sums[tag] += row[tag];
    }
    float *out = scores + (int64_t)token * tag_count;
    for (int32_t tag = 0; tag < tag_count; tag++) out[tag] = (float)sums[tag] * scale;
  }
}
