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
/// 400–499 ideographic) into `statuses`, or nothing when `statuses` is NULL (boundaries only).
/// Returns the number of segments, or -1 with `*error` set. `capacity` equal to `length`
/// always suffices.
int32_t minhu_word_breaker_segment(minhu_word_breaker *breaker,
                                   const uint16_t *utf16, int32_t length,
                                   int32_t *ends, int32_t *statuses, int32_t capacity,
                                   int32_t *error);

/// Where minhu_normalize writes: caller-owned buffers and their capacities.
typedef struct minhu_normalized {
    uint8_t *utf8;               ///< the normalized text, UTF-8
    int32_t *source_starts;      ///< per UTF-8 byte: where its source starts in the input
    int32_t *source_ends;        ///< per UTF-8 byte: where its source ends in the input
    int32_t utf8_capacity;       ///< capacity of the three arrays above
    int32_t utf8_length;         ///< out: bytes written
    uint16_t *utf16;             ///< the normalized text, UTF-16
    int32_t *utf16_byte_offsets; ///< per UTF-16 unit: its UTF-8 offset; one more at the end
    int32_t utf16_capacity;      ///< capacity of utf16 (utf16_byte_offsets holds one more)
    int32_t utf16_length;        ///< out: units written
} minhu_normalized;

/// Normalizes UTF-8 `input` for Minhu: NFKC, Traditional→Simplified through `simplified`
/// (the simplified form of each code point from `table_first`, 0 when unchanged; `changed`
/// has bit i set when `simplified[i]` is not 0), Latin
/// lower-casing, whitespace runs folded to one space (none at the ends), invisible format
/// characters dropped. Returns 0, 1 when a buffer was too small (retry with more room), or
/// -1 with `*error` set.
int32_t minhu_normalize(const uint8_t *input, int32_t input_length,
                        const uint32_t *simplified, const uint64_t *changed, uint32_t table_first,
                        int32_t table_count, minhu_normalized *output, int32_t *error);

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

/// Converts GB18030 (a superset of GBK and GB2312) to UTF-8. Returns the UTF-8 length, or -1
/// when the input is not valid GB18030 (no replacement characters are ever produced), or
/// when `capacity` is too small (4 × `length` always suffices).
int32_t minhu_gb18030_to_utf8(const uint8_t *input, int32_t length, uint8_t *output, int32_t capacity);

/// Converts UTF-8 to GB18030 (which encodes every code point). Returns the GB18030 length, or
/// -1 when the input is not valid UTF-8 or the output does not fit.
int32_t minhu_utf8_to_gb18030(const uint8_t *input, int32_t length, uint8_t *output, int32_t capacity);

/// The ICU version string, e.g. "72.1".
const char *minhu_icu_version(void);

#ifdef __cplusplus
}
#endif

#endif
