// The keyword prefilter's multi-literal search (see redact_scan.h).
//
// Each literal is anchored at its rarest window of 4 bytes, by how common each sequence is in
// real logs (quadgram_frequency.c, trigram_frequency.c). A 3-byte literal is anchored at itself
// followed by each of the 128 folded bytes (and checked directly at the last position of a
// buffer); a set with more than 64 of them uses 3-byte anchors for all its literals instead.
//
// The scan hashes the folded window at every position (each byte |0x20, which maps each letter to
// lower case and a few punctuation bytes together: it can only add candidates, never lose one)
// into a 2^21-bit filter (256 KiB: with the 6,000 built-in keywords, about half the false hits of
// 2^20 bits); a set bit sends the position to an exact check of the literals anchored at that
// window. 4-byte anchors are far rarer in logs than 3-byte ones (benchmark corpus, 20 MB, the
// keywords of that day: 75 thousand candidates against 340 thousand), which is why keywords should
// be 4 bytes or longer. Literals of 1 or 2 bytes are checked directly at each position (slow;
// built-in keywords are 3 bytes or longer).
//
// With AVX2 (checked at run time), 8 positions are hashed at once and their filter words
// gathered; without it, a scalar loop does the same. Both report the same candidates.
//
// A value overlay (value_overlay.c) extends a set for one stream: the scan then tests positions
// against the overlay's copy of the filter, which holds the keywords' bits and the values' bits,
// and verifies a hit against both tables. Values are anchored like keywords (same width) and
// compare exactly.

#define _GNU_SOURCE  // memrchr
#include "redact_scan.h"
#include "literal_set_internal.h"
#include "gram_frequency.h"

#include <stdlib.h>
#include <string.h>

// How common a value's window (3 or 4 bytes) is likely to be in logs beyond the frequency tables,
// which rank only the most common sequences: all letters (words), all digits (numbers) and hex
// digits (ids, hashes) are everywhere; a mix with a letter past `f` and a digit, or punctuation,
// is rare.
static uint32_t class_penalty(const uint8_t *p, uint32_t width) {
    uint32_t letters = 0, digits = 0, hex = 0;
    for (uint32_t k = 0; k < width; k++) {
        uint8_t c = (uint8_t)(p[k] | 0x20);
        if (c >= 'a' && c <= 'z') { letters++; if (c <= 'f') hex++; }
        else if (p[k] >= '0' && p[k] <= '9') { digits++; hex++; }
    }
    if (letters == width || digits == width) return 64;
    if (hex == width) return 32;
    return 0;
}

uint32_t redact_best_anchor_offset(const uint8_t *bytes, uint32_t length, uint32_t width, int value) {
    uint32_t best = 0, best_score = UINT32_MAX;
    if (value) {
        // A value (made on the hot path, once per secret): the window of the rarest class and,
        // among those, the least common in the table; ties go to the last such window. Walked
        // from the end, so a random secret (whose last window is usually of a rare class and not
        // in the table at all) is decided at its first window.
        uint32_t best_penalty = UINT32_MAX;
        for (uint32_t o = length - width + 1; o-- > 0;) {
            uint32_t penalty = class_penalty(bytes + o, width);
            if (penalty > best_penalty || (penalty == best_penalty && best_score == 0)) continue;
            uint32_t gram = anchor_at(bytes + o, width);
            uint32_t score = width == 4 ? redact_quadgram_frequency(gram) : redact_trigram_frequency(gram);
            if (penalty < best_penalty || score < best_score) {
                best_penalty = penalty;
                best_score = score;
                best = o;
                if (penalty == 0 && score == 0) break;  // nothing earlier can be better
            }
        }
        return best;
    }
    if (width == 3) {
        for (uint32_t o = 0; o + 3 <= length; o++) {
            uint32_t score = redact_trigram_frequency(anchor_at(bytes + o, 3));
            if (score < best_score) { best_score = score; best = o; }
        }
        return best;
    }
    // 4-byte windows: the lowest 4-gram score, ties by the lower sum of the two 3-byte halves (the
    // earlier window on equal sums). The halves are looked up only when windows tie, the leader's
    // at its first tie: start-up builds thousands of keywords.
    uint32_t best_quad = UINT32_MAX;
    int best_score_known = 0;
    for (uint32_t o = 0; o + 4 <= length; o++) {
        uint32_t quad = redact_quadgram_frequency(anchor_at(bytes + o, 4));
        if (quad > best_quad) continue;
        if (quad < best_quad) { best_quad = quad; best = o; best_score_known = 0; continue; }
        if (!best_score_known) {
            best_score = redact_trigram_frequency(anchor_at(bytes + best, 3))
                       + redact_trigram_frequency(anchor_at(bytes + best + 1, 3));
            best_score_known = 1;
        }
        uint32_t halves = redact_trigram_frequency(anchor_at(bytes + o, 3))
                        + redact_trigram_frequency(anchor_at(bytes + o + 1, 3));
        if (halves < best_score) { best_score = halves; best = o; }
    }
    return best;
}

// Sorts entries by anchor, keeping the literal order within an anchor (they are made in literal
// order): an LSD radix sort, 4 passes of 8 bits (start-up sorts thousands of entries). Returns 0
// when out of memory (the entries are unchanged).
static int sort_entries(anchor_entry *entries, uint32_t count) {
    anchor_entry *buffer = malloc((count ? count : 1) * sizeof *buffer);
    if (!buffer) return 0;
    anchor_entry *from = entries, *to = buffer;
    for (unsigned shift = 0; shift < 32; shift += 8) {
        uint32_t offsets[257] = { 0 };
        for (uint32_t e = 0; e < count; e++) offsets[((from[e].anchor >> shift) & 0xFFu) + 1]++;
        for (unsigned b = 0; b < 256; b++) offsets[b + 1] += offsets[b];
        for (uint32_t e = 0; e < count; e++) to[offsets[(from[e].anchor >> shift) & 0xFFu]++] = from[e];
        anchor_entry *swap = from;
        from = to;
        to = swap;
    }
    // Four passes: the sorted entries are back in `entries`.
    free(buffer);
    return 1;
}

void redact_literal_set_free(redact_literal_set *set) {
    if (!set) return;
    free(set->filter);
    free(set->entries);
    free(set->three);
    free(set->slots);
    free(set->folded_bytes);
    free(set->folded);
    free(set->lengths);
    free(set->word_start);
    free(set);
}

// The entry of literal `i` (its folded bytes, length and word-start flag already set) anchored at
// `anchor`, `offset` bytes into the literal.
static anchor_entry literal_entry(const redact_literal_set *set, uint32_t i, uint32_t anchor, uint32_t offset) {
    return (anchor_entry){ anchor, i, offset, set->lengths[i], (uint32_t)(set->folded[i] - set->folded_bytes),
                           set->word_start ? set->word_start[i] != 0 : 0 };
}

redact_literal_set *redact_literal_set_create(const uint8_t *const *literals, const uint32_t *lengths, uint32_t count) {
    return redact_literal_set_create_word_start(literals, lengths, NULL, count);
}

redact_literal_set *redact_literal_set_create_word_start(const uint8_t *const *literals, const uint32_t *lengths,
                                                         const uint8_t *word_start, uint32_t count) {
    redact_literal_set *set = calloc(1, sizeof *set);
    if (!set) return NULL;
    for (uint32_t i = 0; word_start && i < count; i++) {
        if (!word_start[i]) continue;
        set->word_start = malloc(count);
        if (!set->word_start) { free(set); return NULL; }
        memcpy(set->word_start, word_start, count);
        break;
    }
    set->count = count;
    set->filter = redact_zeroed_table(FILTER_WORDS, sizeof(uint64_t));
    uint32_t three = 0;
    for (uint32_t i = 0; i < count; i++) if (lengths[i] == 3) three++;
    // 4-byte anchors, a 3-byte literal anchored at each of the 128 folded bytes that can follow
    // it (and checked directly at the last position of a buffer, where nothing follows); with
    // many 3-byte literals, 3-byte anchors for all.
    set->width = three <= MAX_EXPANDED_THREE_BYTE_LITERALS ? 4 : 3;
    size_t entries = (size_t)count + (set->width == 4 ? (size_t)three * 127u : 0u);
    set->entries = calloc(entries ? entries : 1, sizeof(anchor_entry));
    set->three = calloc(three ? three : 1, sizeof(uint32_t));
    set->folded = calloc(count ? count : 1, sizeof(uint8_t *));
    size_t folded_total = 0;
    for (uint32_t i = 0; i < count; i++) folded_total += lengths[i];
    set->folded_bytes = malloc(folded_total ? folded_total : 1);
    set->lengths = calloc(count ? count : 1, sizeof(uint32_t));
    if (!set->filter || !set->entries || !set->three || !set->folded || !set->folded_bytes || !set->lengths) {
        redact_literal_set_free(set);
        return NULL;
    }
    size_t folded_offset = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t length = lengths[i];
        set->lengths[i] = length;
        set->folded[i] = set->folded_bytes + folded_offset;
        folded_offset += length;
        for (uint32_t j = 0; j < length; j++) set->folded[i][j] = fold_exact(literals[i][j]);
        if (length == 0) continue;
        if (length < 3) { set->has_short = 1; continue; }
        if (length == 3 && set->width == 4) {
            set->three[set->three_count++] = i;
            uint32_t prefix = anchor_at(set->folded[i], 3);
            set->three_filter[three_hash(prefix) >> 6] |= 1ull << (three_hash(prefix) & 63u);
            for (uint32_t next = 0; next < 256; next++) {
                if ((next | 0x20u) != next) continue;  // one of each folded pair
                uint32_t anchor = prefix | next << 24;
                set->entries[set->entry_count++] = literal_entry(set, i, anchor, 0);
                uint32_t h = filter_hash(anchor);
                set->filter[h >> 6] |= 1ull << (h & 63u);
            }
            continue;
        }
        // The anchor: the window with the lowest frequency in real logs.
        uint32_t best = redact_best_anchor_offset(set->folded[i], length, set->width, 0);
        uint32_t anchor = anchor_at(set->folded[i] + best, set->width);
        set->entries[set->entry_count++] = literal_entry(set, i, anchor, best);
        uint32_t h = filter_hash(anchor);
        set->filter[h >> 6] |= 1ull << (h & 63u);
    }
    if (!sort_entries(set->entries, set->entry_count)) { redact_literal_set_free(set); return NULL; }
    uint32_t slots = 16;
    while (slots < set->entry_count * 2u) slots <<= 1;
    set->slots = redact_zeroed_table(slots, sizeof(anchor_slot));
    if (!set->slots) { redact_literal_set_free(set); return NULL; }
    set->slot_mask = slots - 1;
    for (uint32_t e = 0; e < set->entry_count; e++) {
        if (e > 0 && set->entries[e].anchor == set->entries[e - 1].anchor) continue;
        uint32_t s = slot_hash(set->entries[e].anchor) & set->slot_mask;
        while (set->slots[s].first) s = (s + 1) & set->slot_mask;
        set->slots[s] = (anchor_slot){ set->entries[e].anchor, e + 1 };
    }
    return set;
}

static inline int equal_folded(const uint8_t *data, const uint8_t *folded, uint32_t length) {
    for (uint32_t j = 0; j < length; j++) if (fold_exact(data[j]) != folded[j]) return 0;
    return 1;
}

// The position i holds a filter hit for `anchor` (folded window): check the literals anchored there.
static void verify(const redact_literal_set *set, const uint8_t *data, size_t length, size_t i, uint32_t anchor,
                   size_t *count, uint32_t *ends, uint32_t *ids, size_t capacity) {
    uint32_t s = slot_hash(anchor) & set->slot_mask;
    uint32_t first;
    for (;;) {
        const anchor_slot *slot = &set->slots[s];
        first = slot->first;
        if (!first) return;
        if (slot->anchor == anchor) break;
        s = (s + 1) & set->slot_mask;
    }
    // The entry carries the literal's length, bytes and word-start flag: one more cache line.
    for (uint32_t e = first - 1; e < set->entry_count && set->entries[e].anchor == anchor; e++) {
        const anchor_entry *entry = &set->entries[e];
        if (i < entry->offset) continue;
        size_t start = i - entry->offset;
        uint32_t literal_length = entry->length;
        if (start + literal_length > length) continue;
        if (equal_folded(data + start, set->folded_bytes + entry->folded_offset, literal_length)
            && (!entry->word_start || after_word_boundary(data, start))) {
            emit(count, ends, ids, capacity, start + literal_length, entry->literal);
        }
    }
}

static void insertion_sort(uint32_t *ends, uint32_t *ids, size_t count) {
    for (size_t i = 1; i < count; i++) {
        uint32_t end = ends[i], id = ids[i];
        size_t j = i;
        while (j > 0 && ends[j - 1] > end) { ends[j] = ends[j - 1]; ids[j] = ids[j - 1]; j--; }
        ends[j] = end;
        ids[j] = id;
    }
}

#ifdef REDACT_SCAN_DEBUG
long redact_debug_candidates;  // filter hits (for the kernel benchmark harness only)
uint32_t *redact_debug_anchor_hits;  // per folded 3-byte anchor prefix (2^24 counters), when the harness sets it
#define REDACT_COUNT_CANDIDATE() (redact_debug_candidates++, redact_debug_anchor_hits ? redact_debug_anchor_hits[anchor & 0xFFFFFFu]++ : 0)
#else
#define REDACT_COUNT_CANDIDATE() ((void)0)
#endif

// What a scan needs at each filter hit.
typedef struct {
    const redact_literal_set *keywords;  // keywords to verify (NULL when the set has no anchored ones)
    const redact_value_overlay *values;  // values to verify (NULL when none)
    const uint8_t *data;
    size_t length;
    uint32_t *ends, *ids;
    size_t capacity;
    size_t count;
} scan_state;

// A filter hit at position i with folded `anchor`: checks the keywords and the values anchored there.
static inline void candidate(scan_state *state, size_t i, uint32_t anchor) {
    REDACT_COUNT_CANDIDATE();
    if (state->keywords)
        verify(state->keywords, state->data, state->length, i, anchor, &state->count, state->ends, state->ids, state->capacity);
    if (state->values)
        redact_value_verify(state->values, state->data, state->length, i, anchor, &state->count, state->ends, state->ids,
                            state->capacity);
}

static inline int filter_bit(const uint64_t *filter, uint32_t anchor) {
    uint32_t h = filter_hash(anchor);
    return (int)((filter[h >> 6] >> (h & 63u)) & 1u);
}

// Tests positions [from, to) one at a time (to + width - 1 <= length).
static void scan_positions(scan_state *state, const uint64_t *filter, uint32_t width, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        uint32_t anchor = anchor_at(state->data + i, width);
        if (__builtin_expect(filter_bit(filter, anchor), 0)) candidate(state, i, anchor);
    }
}

// Tests the anchor at position i + k, taken from the folded 8-byte `word` loaded at i.
#define REDACT_TEST(k)                                                                         \
    {                                                                                          \
        uint32_t anchor = (uint32_t)(word >> (8 * (k))) & mask;                                \
        if (__builtin_expect(filter_bit(filter, anchor), 0)) candidate(state, i + (k), anchor); \
    }

// The scalar scan: 5 positions from each 8-byte load for 4-byte anchors, 6 for 3-byte ones.
// Returns where it stopped (the caller tests the rest one at a time).
static size_t scan_scalar(scan_state *state, const uint64_t *filter, uint32_t width) {
    const uint8_t *data = state->data;
    size_t length = state->length, i = 0;
    uint32_t mask = width == 4 ? 0xFFFFFFFFu : 0xFFFFFFu;
    if (width == 4) {
        for (; i + 8 <= length; i += 5) {
            uint64_t word;
            memcpy(&word, data + i, 8);
            word |= 0x2020202020202020ull;
            REDACT_TEST(0) REDACT_TEST(1) REDACT_TEST(2) REDACT_TEST(3) REDACT_TEST(4)
        }
    } else {
        for (; i + 8 <= length; i += 6) {
            uint64_t word;
            memcpy(&word, data + i, 8);
            word |= 0x2020202020202020ull;
            REDACT_TEST(0) REDACT_TEST(1) REDACT_TEST(2) REDACT_TEST(3) REDACT_TEST(4) REDACT_TEST(5)
        }
    }
    return i;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define REDACT_HAVE_AVX2_KERNEL 1

// The AVX2 scan: 8 positions per step. The 16 bytes at i are broadcast to both 128-bit lanes and
// shuffled into the 8 windows (lane 0 positions i..i+3, lane 1 i+4..i+7), folded and hashed; the
// filter's 32-bit words are gathered and each hashed bit moved to its lane's sign bit. Returns
// where it stopped (the caller tests the rest one at a time).
__attribute__((target("avx2"))) static size_t scan_avx2(scan_state *state, const uint64_t *filter, uint32_t width) {
    const uint8_t *data = state->data;
    size_t length = state->length, i = 0;
    // SAFETY: the filter is FILTER_WORDS 64-bit words; gathered as 32-bit words (little-endian, so
    // bit h of the filter is bit h & 31 of 32-bit word h >> 5), every index is below 2^FILTER_BITS / 32.
    const int *words = (const int *)(const void *)filter;
    const char z = (char)0x80;  // a shuffle index that yields 0 (the 4th byte of a 3-byte window)
    const __m256i shuffle = width == 4
        ? _mm256_setr_epi8(0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6, 4, 5, 6, 7, 5, 6, 7, 8, 6, 7, 8, 9, 7, 8, 9, 10)
        : _mm256_setr_epi8(0, 1, 2, z, 1, 2, 3, z, 2, 3, 4, z, 3, 4, 5, z, 4, 5, 6, z, 5, 6, 7, z, 6, 7, 8, z, 7, 8, 9, z);
    const __m256i fold = _mm256_set1_epi32(width == 4 ? 0x20202020 : 0x00202020);
    const __m256i multiplier = _mm256_set1_epi32((int)0x9E3779B1u);
    const __m256i thirty_one = _mm256_set1_epi32(31);
    for (; i + 16 <= length; i += 8) {
        // SAFETY: i + 16 <= length: the 16-byte load stays inside the data.
        __m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)(data + i));
        __m256i windows = _mm256_or_si256(_mm256_shuffle_epi8(_mm256_broadcastsi128_si256(bytes), shuffle), fold);
        __m256i h = _mm256_srli_epi32(_mm256_mullo_epi32(windows, multiplier), 32 - FILTER_BITS);
        __m256i gathered = _mm256_i32gather_epi32(words, _mm256_srli_epi32(h, 5), 4);
        // Shifting left by 31 - (h & 31) moves bit h & 31 of the word to the sign bit.
        __m256i bit = _mm256_sub_epi32(thirty_one, _mm256_and_si256(h, thirty_one));
        unsigned hits = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_sllv_epi32(gathered, bit)));
        while (__builtin_expect(hits != 0, 0)) {
            unsigned k = (unsigned)__builtin_ctz(hits);
            hits &= hits - 1;
            candidate(state, i + k, anchor_at(data + i + k, width));
        }
    }
    return i;
}

// Shortest text the vector loop is used for.
#define REDACT_VECTOR_MIN_LENGTH 48u

static int have_avx2(void) {
    static int cached = -1;  // benign race: every thread computes the same value
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return cached;
}
#endif

int redact_scan_has_vector_kernel(void) {
#ifdef REDACT_HAVE_AVX2_KERNEL
    return have_avx2();
#else
    return 0;
#endif
}

int64_t redact_literal_set_scan(const redact_literal_set *set, const redact_value_overlay *values,
                                const uint8_t *data, size_t length,
                                uint32_t *ends, uint32_t *ids, size_t capacity, size_t *needed) {
    return redact_literal_set_scan_kernel(set, values, data, length, ends, ids, capacity, needed, REDACT_KERNEL_AUTO);
}

int64_t redact_literal_set_scan_kernel(const redact_literal_set *set, const redact_value_overlay *values,
                                       const uint8_t *data, size_t length,
                                       uint32_t *ends, uint32_t *ids, size_t capacity, size_t *needed,
                                       redact_scan_kernel kernel) {
    if (values && set && values->set != set) return -2;
    if (values && values->live == 0) values = NULL;  // nothing to find: the set's own filter suffices
    if (length == 0 || (!set && !values)) return 0;
    scan_state state = { (set && set->entry_count > 0) ? set : NULL, values, data, length, ends, ids, capacity, 0 };
    const uint64_t *filter = values ? values->filter : (state.keywords ? state.keywords->filter : NULL);
    uint32_t width = values ? values->width : set->width;
    if (filter && length >= width) {
        size_t done;
#ifdef REDACT_HAVE_AVX2_KERNEL
        // Short texts (a log event's metadata values) go to the scalar loop: the vector loop's
        // set-up costs more than it saves below a few steps.
        done = (kernel != REDACT_KERNEL_SCALAR && length >= REDACT_VECTOR_MIN_LENGTH && have_avx2())
                   ? scan_avx2(&state, filter, width)
                   : scan_scalar(&state, filter, width);
#else
        (void)kernel;
        done = scan_scalar(&state, filter, width);
#endif
        scan_positions(&state, filter, width, done, length - width + 1);
    }
    if (state.keywords && state.keywords->three_count > 0 && length >= 3) {
        // The 3-byte literals of a width-4 set at the last position, where no 4th byte follows
        // (behind their small filter: most texts end in none of them).
        const redact_literal_set *keywords = state.keywords;
        uint32_t h = three_hash(anchor_at(data + length - 3, 3));
        if ((keywords->three_filter[h >> 6] >> (h & 63u)) & 1u) {
            for (uint32_t k = 0; k < keywords->three_count; k++) {
                uint32_t id = keywords->three[k];
                if (equal_folded(data + length - 3, keywords->folded[id], 3)
                    && at_allowed_start(keywords, id, data, length - 3))
                    emit(&state.count, ends, ids, capacity, length, id);
            }
        }
    }
    size_t count = state.count;
    if (set && set->has_short) {
        // 1- and 2-byte literals: rare in practice (built-in keywords are 3+ bytes); a direct check.
        for (size_t i = 0; i < length; i++) {
            uint8_t a = fold_exact(data[i]);
            for (uint32_t id = 0; id < set->count; id++) {
                uint32_t n = set->lengths[id];
                if (n == 0 || n >= 3 || i + n > length) continue;
                if (set->folded[id][0] != a) continue;
                if (n == 2 && set->folded[id][1] != fold_exact(data[i + 1])) continue;
                if (!at_allowed_start(set, id, data, i)) continue;
                emit(&count, ends, ids, capacity, i + n, id);
            }
        }
    }
    if (count > capacity) {
        if (needed) *needed = count;
        return -1;
    }
    insertion_sort(ends, ids, count);
    return (int64_t)count;
}

#ifdef REDACT_HAVE_AVX2_KERNEL
// 32 bytes per step: compare, take the mask, count its bits. Returns where it stopped.
__attribute__((target("avx2,popcnt"))) static size_t count_byte_avx2(const uint8_t *data, size_t length, uint8_t byte,
                                                                     size_t *count) {
    const __m256i needle = _mm256_set1_epi8((char)byte);
    size_t i = 0, found = 0;
    for (; i + 32 <= length; i += 32) {
        // SAFETY: i + 32 <= length: the load stays inside the data.
        __m256i bytes = _mm256_loadu_si256((const __m256i *)(const void *)(data + i));
        found += (size_t)__builtin_popcount((unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, needle)));
    }
    *count = found;
    return i;
}
#endif

// Counting lines of clean text (every line that holds no keyword) is per byte, not per line: a
// memchr per line costs a call and a set-up for some 100 bytes.
size_t redact_count_byte(const uint8_t *data, size_t length, uint8_t byte) {
    size_t count = 0, i = 0;
#ifdef REDACT_HAVE_AVX2_KERNEL
    if (length >= 64 && have_avx2()) i = count_byte_avx2(data, length, byte, &count);
#endif
    for (; i < length; i++) count += data[i] == byte;
    return count;
}

int64_t redact_last_byte(const uint8_t *data, size_t length, uint8_t byte) {
    if (length == 0) return -1;
    const uint8_t *found = memrchr(data, byte, length);
    return found ? (int64_t)(found - data) : -1;
}

int64_t redact_find_bytes(const uint8_t *data, size_t length, const uint8_t *needle, size_t needle_length) {
    if (needle_length == 0 || needle_length > length) return -1;
    const uint8_t *found = memmem(data, length, needle, needle_length);
    return found ? (int64_t)(found - data) : -1;
}
