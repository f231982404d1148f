#ifndef MINHU_ICU_H
#define MINHU_ICU_H

// The public face of the system ICU for Minhu. Only stdint types cross this header, so Swift
// modules that import it can also import Foundation (whose own ICU copy would otherwise clash
// with the system headers), and the version-suffixed ICU symbols stay inside minhu_icu.c.

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An ICU word-break iterator. Not thread-safe: use one per thread, or clone.
typedef struct minhu_word_breaker minhu_word_breaker;

/// Opens a word-break iterator for `locale` (e.g. "zh"). Returns NULL and sets `*error`
/// (an ICU UErrorCode) on failure.
minhu_word_breaker *minhu_word_breaker_open(const char *locale, int32_t *error);

/// Clones an iterator cheaply (shares ICU's rule and dictionary data).
minhu_word_breaker *minhu_word_breaker_clone(const minhu_word_breaker *breaker, int32_t *error);

/// Closes an iterator opened or cloned above.
void minhu_word_breaker_close(minhu_word_breaker *breaker);

/// Splits UTF-16 text into words. For each segment writes its end (a UTF-16 offset) into
/// `ends` and ICU's rule status (0–99 none, 100–199 number, 200–299 letter, 300–399 kana,
/// 400–499 ideographic) into `statuses`. Returns the number of segments, or -1 with `*error`
/// set. `capacity` equal to `length` always suffices.
int32_t minhu_word_breaker_segment(minhu_word_breaker *breaker,
                                   const uint16_t *utf16, int32_t length,
                                   int32_t *ends, int32_t *statuses, int32_t capacity,
                                   int32_t *error);

/// True when code point `c` is unchanged by NFKC and never combines with its neighbours.
int32_t minhu_nfkc_is_inert(uint32_t c);

/// True when NFKC never combines `c` with the text before it.
int32_t minhu_nfkc_has_boundary_before(uint32_t c);

/// NFKC-normalizes UTF-16 `source`. Returns the output length (which may exceed `capacity`;
/// then call again with a larger buffer), or -1 with `*error` set.
int32_t minhu_nfkc_utf16(const uint16_t *source, int32_t length,
                         uint16_t *destination, int32_t capacity, int32_t *error);

/// Runs ICU's Traditional→Simplified transliterator over each BMP code point in
/// [first, first + count) separately and writes its single-code-point result into `to[i]`,
/// or 0 when the code point is unchanged or maps to more than one code point.
/// Returns the number of changed code points, or -1 with `*error` set.
int32_t minhu_traditional_to_simplified_table(uint32_t first, int32_t count,
                                              uint32_t *to, int32_t *error);

/// Applies the ICU transform `transform_id` (UTF-16, e.g. "Simplified-Traditional") in place to
/// UTF-16 `text` of `length` units in a buffer of `capacity` units.
/// Returns the new length (which may exceed `capacity`: call again with more room), or -1
/// with `*error` set.
int32_t minhu_transform_utf16(const uint16_t *transform_id, int32_t id_length,
                              uint16_t *text, int32_t length, int32_t capacity, int32_t *error);

/// The ICU version string, e.g. "72.1".
const char *minhu_icu_version(void);

#ifdef __cplusplus
}
#endif

#endif
