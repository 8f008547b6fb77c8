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

#define _GNU_SOURCE  // memrchr
#include "redact_scan.h"
#include "trigram_frequency.h"

#include <stdlib.h>
#include <string.h>

#define FILTER_BITS 20u
#define FILTER_WORDS ((1u << FILTER_BITS) / 64u)

typedef struct {
    uint32_t anchor;   // folded 3 bytes (exact, not hashed)
    uint32_t literal;  // literal id
    uint32_t offset;   // anchor offset inside the literal
} anchor_entry;

struct redact_literal_set {
    uint64_t *filter;            // FILTER_WORDS words: hashed anchors
    anchor_entry *entries;       // sorted by anchor
    uint32_t entry_count;
    uint32_t *slots;             // open-addressing table: entry index + 1 of the first entry of an anchor (0 = empty)
    uint32_t slot_mask;
    uint8_t **folded;            // literals, lower-cased
    uint32_t *lengths;
    uint32_t count;
    int has_short;               // some literal is 1 or 2 bytes long
    int stride;                  // 2 when every literal has 4+ bytes (two anchors each), else 1
};

static inline uint8_t fold_exact(uint8_t c) { return (c >= 'A' && c <= 'Z') ? (uint8_t)(c | 0x20) : c; }
static inline uint32_t anchor_at(const uint8_t *p) {
    return ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16) | 0x202020u;
}
static inline uint32_t filter_hash(uint32_t anchor) { return (anchor * 0x9E3779B1u) >> (32u - FILTER_BITS); }
static inline uint32_t slot_hash(uint32_t anchor) { return (anchor * 0x85EBCA6Bu) ^ (anchor >> 13); }

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
        uint32_t best = 0, best_score = UINT32_MAX;
        for (uint32_t o = 0; o + 2 + windows <= length; o++) {
            uint32_t score = 0;
            for (uint32_t w = 0; w < windows; w++) score += redact_trigram_frequency(anchor_at(set->folded[i] + o + w));
            if (score < best_score) { best_score = score; best = o; }
        }
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

// Appends one occurrence; counts past capacity so the caller learns the size needed.
static inline void emit(size_t *count, uint32_t *ends, uint32_t *ids, size_t capacity, size_t end, uint32_t id) {
    if (*count < capacity) { ends[*count] = (uint32_t)end; ids[*count] = id; }
    (*count)++;
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
            verify(set, data, length, i + (k), anchor, &count, ends, ids, capacity);        \
    }

int64_t redact_literal_set_scan(const redact_literal_set *set, const uint8_t *data, size_t length,
                                uint32_t *ends, uint32_t *ids, size_t capacity, size_t *needed) {
    size_t count = 0;
    if (!set || length == 0) return 0;
    const uint64_t *filter = set->filter;
    if (set->entry_count > 0 && length >= 3 && set->stride == 2) {
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
            if ((filter[h >> 6] >> (h & 63u)) & 1u) verify(set, data, length, i, anchor, &count, ends, ids, capacity);
        }
    } else if (set->entry_count > 0 && length >= 3) {
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
            if ((filter[h >> 6] >> (h & 63u)) & 1u) verify(set, data, length, i, anchor, &count, ends, ids, capacity);
        }
    }
    if (set->has_short) {
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
