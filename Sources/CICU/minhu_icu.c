#include "minhu_icu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>
#include <unicode/unorm2.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

struct minhu_word_breaker {
    UBreakIterator *iterator;
};

static minhu_word_breaker *wrap(UBreakIterator *iterator) {
    minhu_word_breaker *breaker = malloc(sizeof *breaker);
    if (breaker == NULL) {
        ubrk_close(iterator);
        return NULL;
    }
    breaker->iterator = iterator;
    return breaker;
}

minhu_word_breaker *minhu_word_breaker_open(const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    *error = status;
    if (U_FAILURE(status)) return NULL;
    return wrap(iterator);
}

minhu_word_breaker *minhu_word_breaker_clone(const minhu_word_breaker *breaker, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_clone(breaker->iterator, &status);
    *error = status;
    if (U_FAILURE(status)) return NULL;
    return wrap(iterator);
}

void minhu_word_breaker_close(minhu_word_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

int32_t minhu_word_breaker_segment(minhu_word_breaker *breaker,
                                   const uint16_t *utf16, int32_t length,
                                   int32_t *ends, int32_t *statuses, int32_t capacity,
                                   int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    // A stack UText over the caller's buffer: no copy. ICU iterates UTF-16 natively, which
    // measured about 15% faster than a UTF-8 UText.
    UText text = UTEXT_INITIALIZER;
    utext_openUChars(&text, (const UChar *)utf16, length, &status);
    ubrk_setUText(breaker->iterator, &text, &status);
    if (U_FAILURE(status)) {
        utext_close(&text);
        *error = status;
        return -1;
    }
    int32_t count = 0, start = 0;
    ubrk_first(breaker->iterator);
    for (int32_t end = ubrk_next(breaker->iterator); end != UBRK_DONE;
         end = ubrk_next(breaker->iterator)) {
        if (count >= capacity) {
            *error = U_BUFFER_OVERFLOW_ERROR;
            count = -1;
            break;
        }
        ends[count] = end;
        if (statuses != NULL) {
            /* A piece that starts with a unified ideograph is one of the dictionary's words,
               whose status is always ideographic: asking ICU costs a call per word. */
            uint16_t first = utf16[start];
            statuses[count] = first >= 0x4E00 && first <= 0x9FFF ? UBRK_WORD_IDEO
                                                                  : ubrk_getRuleStatus(breaker->iterator);
        }
        start = end;
        count++;
    }
    // Detach the iterator from the caller's bytes before they go away.
    static const UChar empty[1] = {0};
    UText none = UTEXT_INITIALIZER;
    UErrorCode ignored = U_ZERO_ERROR;
    utext_openUChars(&none, empty, 0, &ignored);
    ubrk_setUText(breaker->iterator, &none, &ignored);
    utext_close(&none);
    utext_close(&text);
    if (count >= 0) *error = U_ZERO_ERROR;
    return count;
}

/* ---- Normalization ------------------------------------------------------------------ */

typedef struct {
    minhu_normalized *out;
    const uint32_t *simplified;
    const uint64_t *changed;
    uint32_t table_first;
    int32_t table_count;
    int32_t space_start, space_end; /* a pending whitespace run, or -1 */
    int overflow;
} writer;

/* Every character of every line passes here: inlined, with the BMP (CJK) case written out. */
static inline __attribute__((always_inline)) void write_code_point(writer *w, uint32_t c, int32_t start,
                                                                   int32_t end) {
    minhu_normalized *out = w->out;
    uint8_t bytes[4];
    int32_t count = 0;
    U8_APPEND_UNSAFE(bytes, count, c);
    int32_t units = U16_LENGTH(c);
    if (out->utf8_length + count > out->utf8_capacity || out->utf16_length + units > out->utf16_capacity) {
        w->overflow = 1;
        return;
    }
    int32_t at = out->utf8_length;
    if (units == 1) {
        out->utf16_byte_offsets[out->utf16_length] = at;
        out->utf16[out->utf16_length++] = (uint16_t)c;
    } else {
        out->utf16_byte_offsets[out->utf16_length] = at;
        out->utf16_byte_offsets[out->utf16_length + 1] = at;
        out->utf16[out->utf16_length++] = U16_LEAD(c);
        out->utf16[out->utf16_length++] = U16_TRAIL(c);
    }
    for (int32_t i = 0; i < count; i++) {
        out->utf8[at + i] = bytes[i];
        out->source_starts[at + i] = start;
        out->source_ends[at + i] = end;
    }
    out->utf8_length = at + count;
}

static void note_space(writer *w, int32_t start, int32_t end) {
    if (w->space_start < 0) w->space_start = start;
    w->space_end = end;
}

static inline __attribute__((always_inline)) void write_text(writer *w, uint32_t c, int32_t start, int32_t end) {
    if (w->space_start >= 0) {
        /* Only a space between two pieces of text stays; leading whitespace is dropped. */
        if (w->out->utf8_length > 0) write_code_point(w, ' ', w->space_start, w->space_end);
        w->space_start = -1;
    }
    write_code_point(w, c, start, end);
}

/* After NFKC: simplify, lower-case, fold whitespace, drop invisible characters. */
static inline __attribute__((always_inline)) void emit(writer *w, uint32_t c, int32_t start, int32_t end) {
    if (c < 0x80) {
        if (c <= 0x20 || c == 0x7F) { note_space(w, start, end); return; }
        if (c >= 'A' && c <= 'Z') c |= 0x20;
        write_text(w, c, start, end);
        return;
    }
    uint32_t index = c - w->table_first;
    /* The bitmap (3 KiB) answers for most characters; the table (110 KiB) is read only for
       the traditional ones, so simplified text does not pull it through the cache. */
    if (c >= w->table_first && index < (uint32_t)w->table_count && (w->changed[index >> 6] >> (index & 63)) & 1) {
        uint32_t simple = w->simplified[index];
        /* Taiwan writes 什么 as 甚麼, which maps character by character to 甚么. */
        minhu_normalized *out = w->out;
        if (simple == 0x4E48 && out->utf8_length >= 3 && out->utf16_length >= 1 &&
            out->utf16[out->utf16_length - 1] == 0x751A) {
            out->utf16[out->utf16_length - 1] = 0x4EC0;
            out->utf8[out->utf8_length - 3] = 0xE4;
            out->utf8[out->utf8_length - 2] = 0xBB;
            out->utf8[out->utf8_length - 1] = 0x80;
        }
        write_text(w, simple, start, end);
        return;
    }
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x303F)) {
        write_text(w, c, start, end);
        return;
    }
    if (u_isUWhiteSpace((UChar32)c) || u_charType((UChar32)c) == U_CONTROL_CHAR) {
        note_space(w, start, end);
        return;
    }
    /* Zero-width spaces, word joiners, byte-order marks and soft hyphens would split words;
       zero-width joiners stay because emoji need them. */
    if (c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD) return;
    if (u_isUUppercase((UChar32)c)) c = (uint32_t)u_tolower((UChar32)c);
    write_text(w, c, start, end);
}

/* The BMP code points that NFKC leaves alone whatever surrounds them (ICU's "inert"), one bit
   each (8 KiB), filled once: CJK punctuation, Latin-1 and the like, which would otherwise cost
   two ICU calls per character. */
static uint64_t inert_bits[0x10000 / 64];
static pthread_once_t inert_once = PTHREAD_ONCE_INIT;

static void fill_inert_bits(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFKCInstance(&status);
    if (U_FAILURE(status)) return; /* all bits stay 0: every answer then comes from ICU */
    for (uint32_t c = 0; c < 0x10000; c++) {
        if (unorm2_isInert(normalizer, (UChar32)c)) inert_bits[c >> 6] |= (uint64_t)1 << (c & 63);
    }
}

static inline __attribute__((always_inline)) int is_inert(uint32_t c) {
    return c < 0x10000 && ((inert_bits[c >> 6] >> (c & 63)) & 1);
}

/* NFKC of one lone code point when the answer is known without ICU, else 0. */
static inline __attribute__((always_inline)) int fast_nfkc(uint32_t c, uint32_t *result) {
    if (c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF) || is_inert(c)) { *result = c; return 1; }
    if (c >= 0xFF01 && c <= 0xFF5E) { *result = c - 0xFEE0; return 1; } /* full-width ASCII */
    if (c == 0x3000) { *result = ' '; return 1; }
    return 0;
}

static inline __attribute__((always_inline)) int starts_segment(const UNormalizer2 *normalizer, uint32_t c) {
    if (c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF) || is_inert(c)) return 1;
    return unorm2_hasBoundaryBefore(normalizer, (UChar32)c);
}

/* Emits the NFKC form of input[start, end), one normalization segment, through ICU. */
static void normalize_segment(writer *w, const UNormalizer2 *normalizer, const uint8_t *input,
                              int32_t start, int32_t end) {
    UChar source[64], normalized[256];
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(source, 64, &length, (const char *)input + start, end - start, &status);
    int32_t written = U_SUCCESS(status)
        ? unorm2_normalize(normalizer, source, length, normalized, 256, &status) : -1;
    if (U_FAILURE(status) || written < 0) {
        /* A segment too long to normalize (hundreds of combining marks) is kept as typed. */
        for (int32_t i = start; i < end;) {
            UChar32 c;
            U8_NEXT_UNSAFE(input, i, c);
            emit(w, (uint32_t)c, start, end);
        }
        return;
    }
    for (int32_t i = 0; i < written;) {
        UChar32 c;
        U16_NEXT(normalized, i, written, c);
        emit(w, (uint32_t)c, start, end);
    }
}

/* Emits one normalization segment: a lone character NFKC leaves alone (nearly all of them)
   directly, anything else through ICU. */
static inline __attribute__((always_inline)) void flush_segment(writer *w, const UNormalizer2 *normalizer,
                                                                const uint8_t *input, int32_t start, int32_t end,
                                                                int32_t code_points, uint32_t first) {
    uint32_t single;
    if (code_points == 1 && fast_nfkc(first, &single)) {
        emit(w, single, start, end);
        return;
    }
    normalize_segment(w, normalizer, input, start, end);
}

int32_t minhu_normalize(const uint8_t *input, int32_t input_length,
                        const uint32_t *simplified, const uint64_t *changed, uint32_t table_first,
                        int32_t table_count, minhu_normalized *output, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFKCInstance(&status);
    if (U_FAILURE(status)) {
        *error = status;
        return -1;
    }
    pthread_once(&inert_once, fill_inert_bits);
    writer w = { output, simplified, changed, table_first, table_count, -1, -1, 0 };
    output->utf8_length = 0;
    output->utf16_length = 0;
    /* NFKC must see whole normalization segments (a base with its combining marks). */
    int32_t segment_start = 0, segment_points = 0;
    uint32_t segment_first = 0;
    for (int32_t i = 0; i < input_length && !w.overflow;) {
        int32_t here = i;
        UChar32 c;
        U8_NEXT_UNSAFE(input, i, c);
        if (segment_points > 0 && starts_segment(normalizer, (uint32_t)c)) {
            flush_segment(&w, normalizer, input, segment_start, here, segment_points, segment_first);
            segment_points = 0;
        }
        if (segment_points == 0) {
            segment_start = here;
            segment_first = (uint32_t)c;
        }
        segment_points++;
    }
    if (segment_points > 0 && !w.overflow) {
        flush_segment(&w, normalizer, input, segment_start, input_length, segment_points, segment_first);
    }
    *error = U_ZERO_ERROR;
    if (w.overflow) return 1;
    output->utf16_byte_offsets[output->utf16_length] = output->utf8_length;
    return 0;
}

int32_t minhu_traditional_to_simplified_table(uint32_t first, int32_t count,
                                              uint32_t *to, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    static const UChar id[] = u"Traditional-Simplified";
    UTransliterator *transliterator =
        utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) {
        *error = status;
        return -1;
    }
    // One call over "c\n" for every code point keeps each result separate (a newline is
    // never part of a rule) and costs one transliteration instead of tens of thousands.
    int32_t capacity = count * 8 + 16;
    UChar *buffer = malloc(sizeof(UChar) * (size_t)capacity);
    if (buffer == NULL) {
        utrans_close(transliterator);
        *error = U_MEMORY_ALLOCATION_ERROR;
        return -1;
    }
    int32_t length = 0;
    for (int32_t i = 0; i < count; i++) {
        buffer[length++] = (UChar)(first + (uint32_t)i);
        buffer[length++] = u'\n';
    }
    int32_t limit = length;
    utrans_transUChars(transliterator, buffer, &length, capacity, 0, &limit, &status);
    utrans_close(transliterator);
    if (U_FAILURE(status)) {
        free(buffer);
        *error = status;
        return -1;
    }
    int32_t changed = 0, index = 0, start = 0;
    for (int32_t position = 0; position < length && index < count; position++) {
        if (buffer[position] != u'\n') continue;
        uint32_t original = first + (uint32_t)index;
        uint32_t result = 0;
        int32_t units = position - start;
        if (units == 1 && buffer[start] != original && !U16_IS_SURROGATE(buffer[start])) {
            result = buffer[start];
        } else if (units == 2 && U16_IS_LEAD(buffer[start]) && U16_IS_TRAIL(buffer[start + 1])) {
            result = (uint32_t)U16_GET_SUPPLEMENTARY(buffer[start], buffer[start + 1]);
        }
        if (result == original) result = 0;
        to[index] = result;
        if (result != 0) changed++;
        index++;
        start = position + 1;
    }
    free(buffer);
    if (index != count) {
        *error = U_INTERNAL_TRANSLITERATOR_ERROR;
        return -1;
    }
    *error = U_ZERO_ERROR;
    return changed;
}

int32_t minhu_transform_utf16(const uint16_t *transform_id, int32_t id_length,
                              uint16_t *text, int32_t length, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UTransliterator *transliterator =
        utrans_openU((const UChar *)transform_id, id_length, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) {
        *error = status;
        return -1;
    }
    int32_t limit = length;
    utrans_transUChars(transliterator, (UChar *)text, &length, capacity, 0, &limit, &status);
    utrans_close(transliterator);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        *error = U_ZERO_ERROR;
        return length;
    }
    *error = status;
    return U_FAILURE(status) ? -1 : length;
}

int32_t minhu_gb18030_to_utf8(const uint8_t *input, int32_t length, uint8_t *output, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open("GB18030", &status);
    if (U_FAILURE(status)) return -1;
    /* Stop at the first illegal byte instead of substituting U+FFFD. */
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    int32_t units_capacity = length + 1;
    UChar *units = malloc(sizeof(UChar) * (size_t)units_capacity);
    int32_t result = -1;
    if (units != NULL && U_SUCCESS(status)) {
        int32_t unit_count = ucnv_toUChars(converter, units, units_capacity, (const char *)input, length, &status);
        if (U_SUCCESS(status)) {
            int32_t written = 0;
            u_strToUTF8((char *)output, capacity, &written, units, unit_count, &status);
            if (U_SUCCESS(status)) result = written;
        }
    }
    free(units);
    ucnv_close(converter);
    return result;
}

int32_t minhu_utf8_to_gb18030(const uint8_t *input, int32_t length, uint8_t *output, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t unit_count = 0;
    /* UTF-16 needs at most one unit per UTF-8 byte. */
    UChar *units = malloc(sizeof(UChar) * (size_t)(length + 1));
    if (units == NULL) return -1;
    u_strFromUTF8(units, length + 1, &unit_count, (const char *)input, length, &status);
    int32_t result = -1;
    if (U_SUCCESS(status)) {
        UConverter *converter = ucnv_open("GB18030", &status);
        if (U_SUCCESS(status)) {
            int32_t written = ucnv_fromUChars(converter, (char *)output, capacity, units, unit_count, &status);
            if (U_SUCCESS(status)) result = written;
            ucnv_close(converter);
        }
    }
    free(units);
    return result;
}

const char *minhu_icu_version(void) {
    return U_ICU_VERSION;
}
