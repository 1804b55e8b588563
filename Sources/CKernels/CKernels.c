#include "CKernels.h"

#include <math.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

// Results must not depend on the machine: no fused multiply-adds where the source has none.
#pragma STDC FP_CONTRACT OFF

// How many features ahead rows are prefetched: the tables live in L3 (or memory), and on the 2-core
// development machine 32 measured 10 % faster than 8 for the entity model, with 16, 48 and 64 no better.
enum { PREFETCH_DISTANCE = 32, MAX_TAGS = 64 };

// Each kernel is compiled twice, for plain x86-64 and for AVX2, and the loader picks the one the CPU can
// run (an ifunc). The wider vectors do the same operations in the same order on each lane, and there are
// no fused multiply-adds (FP_CONTRACT is off), so both give the same bits.
#if defined(__x86_64__) && defined(__linux__)
#define TOLK_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define TOLK_CLONES
#endif

void tolk_advise_huge_pages(void *address, int64_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const uintptr_t huge = (uintptr_t)1 << 21;
  const uintptr_t start = ((uintptr_t)address + huge - 1) & ~(huge - 1);
  const uintptr_t end = ((uintptr_t)address + (uintptr_t)bytes) & ~(huge - 1);
  // A hint: if the kernel declines, the pages are ordinary ones.
  if (bytes > 0 && end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
  (void)address;
  (void)bytes;
#endif
}

TOLK_CLONES
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

TOLK_CLONES
void tolk_viterbi(const float *emissions, int32_t token_count, int32_t tag_count, const float *transitions,
                  const uint8_t *allowed, float *best, int32_t *back, int32_t *path) {
  if (token_count <= 0) return;
  // A transition that is not allowed scores −∞, which never beats the running best (that starts at −∞
  // with the argument 0), exactly as skipping it; the inner loop then runs over tags without branches
  // and the compiler vectorises it. Previous tags are tried in increasing order and only a strictly
  // better score replaces the best, so ties keep the lowest tag.
  float scores[(MAX_TAGS + 1) * MAX_TAGS];
  for (int32_t cell = 0; cell < (tag_count + 1) * tag_count; cell++) {
    scores[cell] = allowed[cell] ? transitions[cell] : -__builtin_inff();
  }
  for (int32_t tag = 0; tag < tag_count; tag++) best[tag] = scores[tag] + emissions[tag];
  float top[MAX_TAGS];
  // The best previous tag as a float (exact for tag numbers), so that both selects are float selects.
  float argument[MAX_TAGS];
  for (int32_t token = 1; token < token_count; token++) {
    const float *previous_best = best + (int64_t)(token - 1) * tag_count;
    for (int32_t tag = 0; tag < tag_count; tag++) {
      top[tag] = -__builtin_inff();
      argument[tag] = 0.0f;
    }
    for (int32_t previous = 0; previous < tag_count; previous++) {
      const float from = previous_best[previous];
      const float which = (float)previous;
      const float *row = scores + (int64_t)(previous + 1) * tag_count;
      // clang's cost model declines this loop for plain SSE2; vectorised, Viterbi's share of a profile of
      // `tolk bench stages` fell from 6.7 % to 5.2 % (same results).
#pragma clang loop vectorize(enable)
      for (int32_t tag = 0; tag < tag_count; tag++) {
        const float score = from + row[tag];
        const int better = score > top[tag];
        top[tag] = better ? score : top[tag];
        argument[tag] = better ? which : argument[tag];
      }
    }
    for (int32_t tag = 0; tag < tag_count; tag++) {
      best[(int64_t)token * tag_count + tag] = top[tag] + emissions[(int64_t)token * tag_count + tag];
      back[(int64_t)token * tag_count + tag] = (int32_t)argument[tag];
    }
  }
  int32_t tag = 0;
  float last_top = -__builtin_inff();
  const float *last = best + (int64_t)(token_count - 1) * tag_count;
  for (int32_t candidate = 0; candidate < tag_count; candidate++) {
    if (last[candidate] > last_top) {
      last_top = last[candidate];
      tag = candidate;
    }
  }
  for (int32_t token = token_count - 1; token >= 0; token--) {
    path[token] = tag;
    tag = back[(int64_t)token * tag_count + tag];
  }
}

TOLK_CLONES
void tolk_sum_rows16(const int8_t *rows, const int32_t *buckets, int64_t count, int32_t *sums) {
  int32_t local[16] = {0};
  for (int64_t i = 0; i < count; i++) {
    if (i + PREFETCH_DISTANCE < count) __builtin_prefetch(rows + (int64_t)buckets[i + PREFETCH_DISTANCE] * 16);
    const int8_t *row = rows + (int64_t)buckets[i] * 16;
    for (int k = 0; k < 16; k++) local[k] += row[k];
  }
  for (int k = 0; k < 16; k++) sums[k] += local[k];
}

TOLK_CLONES
void tolk_sum_rows16_marking(const int8_t *rows, const int32_t *buckets, int64_t count, const int64_t *marks,
                             int64_t mark_count, int32_t width, int32_t out_stride, int32_t *sums, int32_t *out) {
  // Unsigned, so that totals past 2^31 wrap (defined behaviour) and differences of two of them stay exact.
  uint32_t local[16];
  for (int k = 0; k < 16; k++) local[k] = (uint32_t)sums[k];
  int64_t begin = 0;
  for (int64_t mark = 0; mark <= mark_count; mark++) {
    const int64_t end = mark < mark_count ? marks[mark] : count;
    for (int64_t i = begin; i < end; i++) {
      if (i + PREFETCH_DISTANCE < count) __builtin_prefetch(rows + (int64_t)buckets[i + PREFETCH_DISTANCE] * 16);
      const int8_t *row = rows + (int64_t)buckets[i] * 16;
      for (int k = 0; k < 16; k++) local[k] += (uint32_t)(int32_t)row[k];
    }
    if (mark < mark_count) {
      for (int32_t k = 0; k < width; k++) out[mark * out_stride + k] = (int32_t)local[k];
    }
    if (end > begin) begin = end;
  }
  for (int k = 0; k < 16; k++) sums[k] = (int32_t)local[k];
}

static void normalise(double *values, int32_t count) {
  double sum = 0.0;
  for (int32_t tag = 0; tag < count; tag++) sum += values[tag];
  if (!(sum > 0)) return;
  for (int32_t tag = 0; tag < count; tag++) values[tag] /= sum;
}

TOLK_CLONES
void tolk_marginals(const float *scores, int32_t token_count, int32_t tag_count, const double *transition,
                    double temperature, int32_t first, int32_t last, double *emission, double *forward,
                    double *backward, double *result) {
  if (token_count <= 0 || first < 0 || last >= token_count || first > last) return;
  for (int32_t token = 0; token < token_count; token++) {
    const float *row = scores + (int64_t)token * tag_count;
    float top = -__builtin_inff();
    for (int32_t tag = 0; tag < tag_count; tag++) top = row[tag] > top ? row[tag] : top;
    for (int32_t tag = 0; tag < tag_count; tag++) {
      emission[(int64_t)token * tag_count + tag] = exp((double)(row[tag] - top) / temperature);
    }
  }
  for (int32_t tag = 0; tag < tag_count; tag++) forward[tag] = transition[tag] * emission[tag];
  normalise(forward, tag_count);
  // The sums run over tags in the inner loop (so they vectorise) but add the same products in the same
  // order for each tag as a loop over previous (or next) tags inside a loop over tags would.
  double sums[MAX_TAGS];
  // A token's forward column depends only on those before it, its backward column only on those
  // after it, so the columns past `last` and before `first` are not needed.
  for (int32_t token = 1; token <= last; token++) {
    const double *previous_column = forward + (int64_t)(token - 1) * tag_count;
    double *column = forward + (int64_t)token * tag_count;
    for (int32_t tag = 0; tag < tag_count; tag++) sums[tag] = 0.0;
    for (int32_t previous = 0; previous < tag_count; previous++) {
      const double from = previous_column[previous];
      const double *row = transition + (int64_t)(previous + 1) * tag_count;
      for (int32_t tag = 0; tag < tag_count; tag++) sums[tag] += from * row[tag];
    }
    for (int32_t tag = 0; tag < tag_count; tag++) column[tag] = sums[tag] * emission[(int64_t)token * tag_count + tag];
    normalise(column, tag_count);
  }
  // transposed[next][tag] = transition[tag + 1][next]: the backward pass reads columns as rows.
  double transposed[MAX_TAGS * MAX_TAGS];
  for (int32_t tag = 0; tag < tag_count; tag++) {
    for (int32_t next = 0; next < tag_count; next++) {
      transposed[(int64_t)next * tag_count + tag] = transition[(int64_t)(tag + 1) * tag_count + next];
    }
  }
  for (int32_t tag = 0; tag < tag_count; tag++) backward[(int64_t)(token_count - 1) * tag_count + tag] = 1;
  for (int32_t token = token_count - 2; token >= first; token--) {
    const double *next_column = backward + (int64_t)(token + 1) * tag_count;
    const double *next_emission = emission + (int64_t)(token + 1) * tag_count;
    double *column = backward + (int64_t)token * tag_count;
    for (int32_t tag = 0; tag < tag_count; tag++) sums[tag] = 0.0;
    for (int32_t next = 0; next < tag_count; next++) {
      const double factor = next_emission[next];
      const double later = next_column[next];
      const double *row = transposed + (int64_t)next * tag_count;
      for (int32_t tag = 0; tag < tag_count; tag++) sums[tag] += row[tag] * factor * later;
    }
    for (int32_t tag = 0; tag < tag_count; tag++) column[tag] = sums[tag];
    normalise(column, tag_count);
  }
  for (int32_t token = first; token <= last; token++) {
    const double *f = forward + (int64_t)token * tag_count;
    const double *b = backward + (int64_t)token * tag_count;
    double *out = result + (int64_t)token * tag_count;
    double sum = 0.0;
    for (int32_t tag = 0; tag < tag_count; tag++) sum += f[tag] * b[tag];
    if (!(sum > 0)) {
      for (int32_t tag = 0; tag < tag_count; tag++) out[tag] = 0;
      continue;
    }
    for (int32_t tag = 0; tag < tag_count; tag++) out[tag] = f[tag] * b[tag] / sum;
  }
}
