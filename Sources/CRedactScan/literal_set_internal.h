// Shared internals of the literal set and its value overlay (see redact_scan.h). Not API.
#ifndef REDACT_LITERAL_SET_INTERNAL_H
#define REDACT_LITERAL_SET_INTERNAL_H

#include "redact_scan.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// `calloc` for a table that is filled at random places right after: `count * size` zero bytes
/// (NULL when out of memory or on overflow; the caller frees it). Written at once, so each page
/// faults once, writable. Fresh calloc pages would first map the shared zero page on a read
/// (`table[h] |= bit`, `while (slots[s])`), then fault again on the write, and in a process with
/// a second thread (start-up builds these tables on one) each such fault also interrupts the
/// other core to flush its TLB.
static inline void *redact_zeroed_table(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) return NULL;
    void *table = malloc(count * size ? count * size : 1);
    if (table) memset(table, 0, count * size);
    return table;
}

#define FILTER_BITS 21u
#define FILTER_WORDS ((1u << FILTER_BITS) / 64u)
// The overlay's second-level filter: exact (case-kept) 4 bytes at an anchor position.
#define EXACT_BITS 17u
#define EXACT_WORDS ((1u << EXACT_BITS) / 64u)

typedef struct {
    uint32_t anchor;         // folded anchor bytes (exact, not hashed; see anchor_at)
    uint32_t literal;        // literal id
    uint32_t offset;         // anchor offset inside the literal
    uint32_t length;         // the literal's length (a copy: a filter hit reads one entry, not three arrays)
    uint32_t folded_offset;  // where the literal's folded bytes start in folded_bytes
    uint32_t word_start;     // 1: the literal is reported only at a word start (see at_allowed_start)
} anchor_entry;

/// One slot of the anchor table: the anchor itself (so a filter hit whose anchor is in no literal,
/// about half of all hits, is settled by this one read) and its first entry.
typedef struct {
    uint32_t anchor;         // folded anchor (meaningless when first == 0)
    uint32_t first;          // index + 1 of the anchor's first entry in `entries` (0 = empty slot)
} anchor_slot;

struct redact_literal_set {
    uint64_t *filter;            // FILTER_WORDS words: hashed anchors
    anchor_entry *entries;       // sorted by anchor
    uint32_t entry_count;
    anchor_slot *slots;          // open-addressing table of the distinct anchors, at most half full
    uint32_t slot_mask;
    uint8_t **folded;            // literals, lower-cased (pointers into folded_bytes)
    uint8_t *folded_bytes;       // every literal's folded bytes, one after another
    uint32_t *lengths;
    uint32_t count;
    int has_short;               // some literal is 1 or 2 bytes long
    uint32_t width;              // anchor width: 4 unless the set holds many 3-byte literals, else 3
    uint32_t *three;             // with width 4: the ids of the 3-byte literals (anchored at every 4th byte)
    uint32_t three_count;
    uint64_t three_filter[64];   // their folded 3 bytes, hashed (the check at a buffer's last position)
    uint8_t *word_start;         // per literal: reported only at a word start (NULL: no such literal)
};

/// Whether the letter before `data[start]` ends a terminal colour code, `[` then parameter bytes
/// (0x30-0x3F, at most 32) then the letter: `ESC [ 1 m`, `\u001b[38;5;208m`. The code glues its
/// letter to the token after it, which still starts a word (`\e[1mghp_...`).
static inline int after_terminal_code(const uint8_t *data, size_t start) {
    size_t index = start - 1;  // the letter
    size_t floor = start > 34 ? start - 34 : 0;
    while (index > floor && data[index - 1] >= 0x30 && data[index - 1] <= 0x3F) index--;
    return index > 0 && data[index - 1] == '[';
}

/// Whether `data[start...]` starts a word: at 0 (the byte before is unknown), or after a byte
/// that is not a letter, digit or `_`, or after a terminal colour code's final letter.
static inline int after_word_boundary(const uint8_t *data, size_t start) {
    if (start == 0) return 1;
    uint8_t before = data[start - 1];
    uint8_t folded = (uint8_t)(before | 0x20);
    if (folded >= 'a' && folded <= 'z') return after_terminal_code(data, start);
    return !((before >= '0' && before <= '9') || before == '_');
}

/// Whether literal `id` of `set` may be reported at `data[start...]`: always, unless it is a
/// word-start literal not at a word start.
static inline int at_allowed_start(const redact_literal_set *set, uint32_t id, const uint8_t *data, size_t start) {
    if (!set->word_start || !set->word_start[id]) return 1;
    return after_word_boundary(data, start);
}

/// One value of an overlay. A free record has `bytes == NULL`.
typedef struct {
    uint8_t *bytes;              // owned copy of the value (exact case)
    uint32_t length;
    uint32_t tag;                // 0 or 1, reported in the hit id
    uint32_t generation;         // bumped on removal: table entries of an older generation are stale
    uint32_t next_free;          // free-list link: record index + 1 (0 = end)
} value_record;

/// One anchor of a value in the overlay's open-addressing table (several entries may share an
/// anchor; each occupies its own slot of the probe sequence).
typedef struct {
    uint32_t anchor;             // folded anchor (see anchor_at)
    uint32_t value;              // record index + 1 (0 = empty slot)
    uint32_t offset;             // anchor offset inside the value
    uint32_t generation;         // the record's generation when the entry was made
} value_entry;

struct redact_value_overlay {
    const redact_literal_set *set;  // borrowed: the set whose filter and anchor width the overlay extends (may be NULL)
    uint32_t width;              // the set's anchor width (4 without a set)
    uint64_t *filter;            // FILTER_WORDS words: the set's bits plus the values' (NULL until the first value)
    value_record *records;
    uint32_t record_capacity;
    uint32_t record_count;       // records ever used (high-water mark)
    uint32_t free_head;          // first free record + 1 (0 = none)
    uint32_t live;               // values present
    value_entry *slots;          // open-addressing table, at most half full (stale entries included)
    uint32_t slot_mask;
    uint32_t used_slots;
    // Second-level filter, tested only where the first one hits: the exact 4 bytes at each value
    // anchor (3 bytes when the anchor ends the value). Random values are mostly letters and
    // digits, whose case-folded 3-byte anchors are common in logs; this keeps them from sending
    // a few percent of all positions to the table.
    uint64_t exact[EXACT_WORDS];
};

static inline uint8_t fold_exact(uint8_t c) { return (c >= 'A' && c <= 'Z') ? (uint8_t)(c | 0x20) : c; }
// The folded anchor of `width` (3 or 4) bytes at p: each byte |0x20 (letters fold to lower case; a
// few punctuation bytes fold together, which only adds candidates), byte 0 in the low bits.
static inline uint32_t anchor_at(const uint8_t *p, uint32_t width) {
    uint32_t bytes = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
    return width == 4 ? (bytes | (uint32_t)p[3] << 24 | 0x20202020u) : (bytes | 0x202020u);
}
// A set of anchor width 4 takes at most this many 3-byte literals (each anchored once per folded
// 4th byte, 128 anchors); with more, its anchors are 3 bytes wide.
#define MAX_EXPANDED_THREE_BYTE_LITERALS 64u

static inline uint32_t three_hash(uint32_t anchor) { return (anchor * 0x9E3779B1u) >> 20; }  // 12 bits
static inline uint32_t filter_hash(uint32_t anchor) { return (anchor * 0x9E3779B1u) >> (32u - FILTER_BITS); }
static inline uint32_t slot_hash(uint32_t anchor) { return (anchor * 0x85EBCA6Bu) ^ (anchor >> 13); }
static inline uint32_t exact_hash(uint32_t bytes) { return (bytes * 0x9E3779B1u) >> (32u - EXACT_BITS); }
// The exact bytes at p: 4 of them, or 3 (top byte 0) when only 3 are there.
static inline uint32_t exact4_at(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint32_t exact3_at(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16; }

// Appends one occurrence; counts past capacity so the caller learns the size needed.
static inline void emit(size_t *count, uint32_t *ends, uint32_t *ids, size_t capacity, size_t end, uint32_t id) {
    if (*count < capacity) { ends[*count] = (uint32_t)end; ids[*count] = id; }
    (*count)++;
}

/// The offset of the `width`-byte (3 or 4) anchor window of `bytes[0..<length]` (length >= width)
/// that is least common in real logs: for a keyword, the first such offset by the frequency tables
/// (4-byte windows by their own table, ties by their two 3-byte halves). For a `value` (a secret:
/// random letters and digits, mostly), the tables are not enough: windows of letters only, digits
/// only or hex digits are penalised (folded, they are common in any log; measured on loghub,
/// anchors chosen this way hit about 50 times less often), and the last best offset is taken,
/// since secrets of one kind share a prefix (`ghp_`, `xoxb-`, a JWT header) and differ in their tail.
uint32_t redact_best_anchor_offset(const uint8_t *bytes, uint32_t length, uint32_t width, int value);

/// The position `i` of `data` holds a filter hit for `anchor`: reports the values of `overlay`
/// anchored there that occur at their offset before `i`.
void redact_value_verify(const redact_value_overlay *overlay, const uint8_t *data, size_t length, size_t i,
                         uint32_t anchor, size_t *count, uint32_t *ends, uint32_t *ids, size_t capacity);

#endif
