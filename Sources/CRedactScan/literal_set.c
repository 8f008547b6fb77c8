// The keyword prefilter's multi-literal search (see redact_scan.h).
//
// Each literal is anchored at its rarest 3-byte windows (by how common each 3-byte sequence is in
// real logs, see trigram_frequency.c). The scan hashes the 3 bytes at a position (folded with
// |0x20, which maps each letter to lower case and a few punctuation bytes together: it can only
// add candidates, never lose one) into a 2^20-bit filter; a set bit sends the position to an exact
// check of the literals anchored at those 3 bytes.
//
// When every literal is 4 bytes or longer, each is anchored at two adjacent windows (offsets o and
// o+1) and only even positions are hashed: an occurrence at s has exactly one of s+o, s+o+1 even,
// so it is still found exactly once, at half the hashing cost. Otherwise every position is hashed
// and each literal of 3+ bytes has one anchor. Literals of 1 or 2 bytes are checked directly at
// each position (slow; built-in keywords are 4 bytes or longer).
//
// A value overlay (value_overlay.c) extends a set for one stream: the scan then tests positions
// against the overlay's copy of the filter, which holds the keywords' bits and the values' bits,
// and verifies a hit against both tables. Values are anchored like keywords (same stride, so the
// exactly-once argument above holds for them too) and compare exactly.

#define _GNU_SOURCE  // memrchr
#include "redact_scan.h"
#include "literal_set_internal.h"
#include "trigram_frequency.h"

#include <stdlib.h>
#include <string.h>

// How common a value's 3 bytes are likely to be in logs beyond the frequency table, which ranks
// only the most common trigrams: all letters (words), all digits (numbers) and hex digits (ids,
// hashes) are everywhere; a mix with a letter past `f` and a digit, or punctuation, is rare.
static uint32_t class_penalty(const uint8_t *p) {
    int letters = 0, digits = 0, hex = 0;
    for (int k = 0; k < 3; k++) {
        uint8_t c = (uint8_t)(p[k] | 0x20);
        if (c >= 'a' && c <= 'z') { letters++; if (c <= 'f') hex++; }
        else if (p[k] >= '0' && p[k] <= '9') { digits++; hex++; }
    }
    if (letters == 3 || digits == 3) return 64;
    if (hex == 3) return 32;
    return 0;
}

uint32_t redact_best_anchor_offset(const uint8_t *bytes, uint32_t length, uint32_t windows, int value) {
    uint32_t best = 0, best_score = UINT32_MAX;
    for (uint32_t o = 0; o + 2 + windows <= length; o++) {
        uint32_t score = 0;
        for (uint32_t w = 0; w < windows; w++) {
            score += redact_trigram_frequency(anchor_at(bytes + o + w));
            if (value) score += class_penalty(bytes + o + w);
        }
        if (score < best_score || (value && score == best_score)) { best_score = score; best = o; }
    }
    return best;
}

static int compare_entries(const void *a, const void *b) {
    const anchor_entry *x = a, *y = b;
    if (x->anchor != y->anchor) return x->anchor < y->anchor ? -1 : 1;
    if (x->literal != y->literal) return x->literal < y->literal ? -1 : 1;
    return 0;
}

void redact_literal_set_free(redact_literal_set *set) {
    if (!set) return;
    free(set->filter);
    free(set->entries);
    free(set->slots);
    if (set->folded) for (uint32_t i = 0; i < set->count; i++) free(set->folded[i]);
    free(set->folded);
    free(set->lengths);
    free(set);
}

redact_literal_set *redact_literal_set_create(const uint8_t *const *literals, const uint32_t *lengths, uint32_t count) {
    redact_literal_set *set = calloc(1, sizeof *set);
    if (!set) return NULL;
    set->count = count;
    set->filter = calloc(FILTER_WORDS, sizeof(uint64_t));
    set->entries = calloc(count ? 2 * count : 1, sizeof(anchor_entry));
    set->folded = calloc(count ? count : 1, sizeof(uint8_t *));
    set->lengths = calloc(count ? count : 1, sizeof(uint32_t));
    if (!set->filter || !set->entries || !set->folded || !set->lengths) { redact_literal_set_free(set); return NULL; }
    set->stride = 2;
    for (uint32_t i = 0; i < count; i++) if (lengths[i] > 0 && lengths[i] < 4) set->stride = 1;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t length = lengths[i];
        set->lengths[i] = length;
        set->folded[i] = malloc(length ? length : 1);
        if (!set->folded[i]) { redact_literal_set_free(set); return NULL; }
        for (uint32_t j = 0; j < length; j++) set->folded[i][j] = fold_exact(literals[i][j]);
        if (length == 0) continue;
        if (length < 3) { set->has_short = 1; continue; }
        // The anchor windows (1 or 2 adjacent ones) with the lowest frequency in real logs.
        uint32_t windows = (uint32_t)set->stride;
        uint32_t best = redact_best_anchor_offset(set->folded[i], length, windows, 0);
        for (uint32_t w = 0; w < windows; w++) {
            uint32_t anchor = anchor_at(set->folded[i] + best + w);
            set->entries[set->entry_count++] = (anchor_entry){ anchor, i, best + w };
            uint32_t h = filter_hash(anchor);
            set->filter[h >> 6] |= 1ull << (h & 63u);
        }
    }
    qsort(set->entries, set->entry_count, sizeof(anchor_entry), compare_entries);
    uint32_t slots = 16;
    while (slots < set->entry_count * 2u) slots <<= 1;
    set->slots = calloc(slots, sizeof(uint32_t));
    if (!set->slots) { redact_literal_set_free(set); return NULL; }
    set->slot_mask = slots - 1;
    for (uint32_t e = 0; e < set->entry_count; e++) {
        if (e > 0 && set->entries[e].anchor == set->entries[e - 1].anchor) continue;
        uint32_t s = slot_hash(set->entries[e].anchor) & set->slot_mask;
        while (set->slots[s]) s = (s + 1) & set->slot_mask;
        set->slots[s] = e + 1;
    }
    return set;
}

static inline int equal_folded(const uint8_t *data, const uint8_t *folded, uint32_t length) {
    for (uint32_t j = 0; j < length; j++) if (fold_exact(data[j]) != folded[j]) return 0;
    return 1;
}

// The position i holds a filter hit for `anchor` (folded 3 bytes): check the literals anchored there.
static void verify(const redact_literal_set *set, const uint8_t *data, size_t length, size_t i, uint32_t anchor,
                   size_t *count, uint32_t *ends, uint32_t *ids, size_t capacity) {
    uint32_t s = slot_hash(anchor) & set->slot_mask;
    uint32_t first;
    for (;;) {
        first = set->slots[s];
        if (!first) return;
        if (set->entries[first - 1].anchor == anchor) break;
        s = (s + 1) & set->slot_mask;
    }
    for (uint32_t e = first - 1; e < set->entry_count && set->entries[e].anchor == anchor; e++) {
        const anchor_entry *entry = &set->entries[e];
        if (i < entry->offset) continue;
        size_t start = i - entry->offset;
        uint32_t literal_length = set->lengths[entry->literal];
        if (start + literal_length > length) continue;
        if (equal_folded(data + start, set->folded[entry->literal], literal_length)) {
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

// Hashes the 3 bytes at position i + k (taken from the folded 8-byte `word` loaded at i) and
// verifies them when the filter has their bit.
#define REDACT_TEST(k)                                                                      \
    {                                                                                       \
        uint32_t anchor = (uint32_t)(word >> (8 * (k))) & 0xFFFFFFu;                        \
        uint32_t h = filter_hash(anchor);                                                   \
        if (__builtin_expect((filter[h >> 6] >> (h & 63u)) & 1u, 0))                        \
            candidate(keywords, values, data, length, i + (k), anchor, &count, ends, ids, capacity); \
    }

// A filter hit at position i: checks the keywords (when the set has anchored ones) and the values.
static inline void candidate(const redact_literal_set *keywords, const redact_value_overlay *values,
                             const uint8_t *data, size_t length, size_t i, uint32_t anchor, size_t *count, uint32_t *ends,
                             uint32_t *ids, size_t capacity) {
    if (keywords) verify(keywords, data, length, i, anchor, count, ends, ids, capacity);
    if (values) redact_value_verify(values, data, length, i, anchor, count, ends, ids, capacity);
}

int64_t redact_literal_set_scan(const redact_literal_set *set, const redact_value_overlay *values,
                                const uint8_t *data, size_t length,
                                uint32_t *ends, uint32_t *ids, size_t capacity, size_t *needed) {
    size_t count = 0;
    if (values && set && values->set != set) return -2;
    if (values && values->live == 0) values = NULL;  // nothing to find: the set's own filter suffices
    if (length == 0 || (!set && !values)) return 0;
    // The keywords to verify at filter hits (none when the set has no anchored ones).
    const redact_literal_set *keywords = (set && set->entry_count > 0) ? set : NULL;
    const uint64_t *filter = values ? values->filter : (keywords ? keywords->filter : NULL);
    int stride = values ? values->stride : set->stride;
    if (filter && length >= 3 && stride == 2) {
        size_t i = 0;
        // Even positions only; three per 8-byte load (positions i, i+2, i+4 need bytes i..i+6).
        for (; i + 8 <= length; i += 6) {
            uint64_t word;
            memcpy(&word, data + i, 8);
            word |= 0x2020202020202020ull;
            REDACT_TEST(0) REDACT_TEST(2) REDACT_TEST(4)
        }
        for (; i + 3 <= length; i += 2) {
            uint32_t anchor = anchor_at(data + i);
            uint32_t h = filter_hash(anchor);
            if ((filter[h >> 6] >> (h & 63u)) & 1u) candidate(keywords, values, data, length, i, anchor, &count, ends, ids, capacity);
        }
    } else if (filter && length >= 3) {
        size_t i = 0;
        // Six positions per 8-byte load: positions i..i+5 need bytes i..i+7.
        for (; i + 8 <= length; i += 6) {
            uint64_t word;
            memcpy(&word, data + i, 8);
            word |= 0x2020202020202020ull;
            REDACT_TEST(0) REDACT_TEST(1) REDACT_TEST(2) REDACT_TEST(3) REDACT_TEST(4) REDACT_TEST(5)
        }
        for (; i + 3 <= length; i++) {
            uint32_t anchor = anchor_at(data + i);
            uint32_t h = filter_hash(anchor);
            if ((filter[h >> 6] >> (h & 63u)) & 1u) candidate(keywords, values, data, length, i, anchor, &count, ends, ids, capacity);
        }
    }
    if (set && set->has_short) {
        // 1- and 2-byte literals: rare in practice (built-in keywords are 3+ bytes); a direct check.
        for (size_t i = 0; i < length; i++) {
            uint8_t a = fold_exact(data[i]);
            for (uint32_t id = 0; id < set->count; id++) {
                uint32_t n = set->lengths[id];
                if (n == 0 || n >= 3 || i + n > length) continue;
                if (set->folded[id][0] != a) continue;
                if (n == 2 && set->folded[id][1] != fold_exact(data[i + 1])) continue;
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

size_t redact_count_byte(const uint8_t *data, size_t length, uint8_t byte) {
    size_t count = 0;
    const uint8_t *p = data, *end = data + length;
    while (p < end) {
        const uint8_t *found = memchr(p, byte, (size_t)(end - p));
        if (!found) break;
        count++;
        p = found + 1;
    }
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
