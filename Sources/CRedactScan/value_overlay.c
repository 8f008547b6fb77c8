// A literal set's per-stream value overlay (see redact_scan.h).
//
// Values are anchored like the set's keywords (same anchor width, the same rarest-window choice) in an
// open-addressing table of anchor entries that is kept at most half full. A removed value's
// record is freed at once and its generation bumped, which makes its table entries stale: probes
// step over them, and the next rebuild (when stale and live entries fill half the table) drops
// them and refreshes the filter bits from the set's filter and the live values.

#include "redact_scan.h"
#include "literal_set_internal.h"

#include <stdlib.h>
#include <string.h>

redact_value_overlay *redact_value_overlay_create(const redact_literal_set *set) {
    redact_value_overlay *overlay = calloc(1, sizeof *overlay);
    if (!overlay) return NULL;
    overlay->set = set;
    overlay->width = set ? set->width : 4u;
    return overlay;
}

void redact_value_overlay_free(redact_value_overlay *overlay) {
    if (!overlay) return;
    for (uint32_t r = 0; r < overlay->record_count; r++) free(overlay->records[r].bytes);
    free(overlay->records);
    free(overlay->slots);
    free(overlay->filter);
    free(overlay);
}

uint32_t redact_value_overlay_count(const redact_value_overlay *overlay) { return overlay ? overlay->live : 0; }

static inline void set_filter_bit(uint64_t *filter, uint32_t anchor) {
    uint32_t h = filter_hash(anchor);
    filter[h >> 6] |= 1ull << (h & 63u);
}

// Sets the second-level bit of the value anchor at `offset` of `value` (`length` bytes).
static inline void set_exact_bit(redact_value_overlay *overlay, const uint8_t *value, uint32_t length, uint32_t offset) {
    uint32_t bytes = offset + 4 <= length ? exact4_at(value + offset) : exact3_at(value + offset);
    uint32_t h = exact_hash(bytes);
    overlay->exact[h >> 6] |= 1ull << (h & 63u);
}

static inline int exact_bit(const redact_value_overlay *overlay, uint32_t bytes) {
    uint32_t h = exact_hash(bytes);
    return (int)((overlay->exact[h >> 6] >> (h & 63u)) & 1u);
}

// Inserts one entry into `slots` (which has a free slot).
static void insert_entry(value_entry *slots, uint32_t mask, value_entry entry) {
    uint32_t s = slot_hash(entry.anchor) & mask;
    while (slots[s].value) s = (s + 1) & mask;
    slots[s] = entry;
}

static inline int entry_is_live(const redact_value_overlay *overlay, const value_entry *entry) {
    const value_record *record = &overlay->records[entry->value - 1];
    return record->bytes && record->generation == entry->generation;
}

// Makes room for `extra` more entries: rebuilds the table without stale entries (larger when
// the live ones need it) and the filters from the set's bits and the live values', when the
// table is half full or stale entries outnumber live ones. Returns 0 when out of memory
// (nothing changed).
static int reserve_entries(redact_value_overlay *overlay, uint32_t extra) {
    uint32_t capacity = overlay->slots ? overlay->slot_mask + 1 : 0;
    uint32_t live_entries = overlay->live;  // one anchor per value
    // Stale entries (and their filter bits) are let go once they outnumber the live ones: each
    // costs probes, and its bits candidates.
    if (overlay->used_slots + extra <= capacity / 2 && overlay->used_slots - live_entries <= live_entries + 64) return 1;
    live_entries += extra;
    uint32_t size = 64;
    while (size < live_entries * 4u) size <<= 1;
    value_entry *slots = calloc(size, sizeof(value_entry));
    if (!slots) return 0;
    uint64_t *filter = overlay->filter;
    if (overlay->filter) {
        // Refresh the filters: the set's bits plus the live values' (stale bits go).
        if (overlay->set) memcpy(filter, overlay->set->filter, FILTER_WORDS * sizeof(uint64_t));
        else memset(filter, 0, FILTER_WORDS * sizeof(uint64_t));
        memset(overlay->exact, 0, sizeof overlay->exact);
    }
    uint32_t used = 0;
    for (uint32_t s = 0; s < capacity; s++) {
        const value_entry *entry = &overlay->slots[s];
        if (!entry->value || !entry_is_live(overlay, entry)) continue;
        insert_entry(slots, size - 1, *entry);
        if (filter) {
            const value_record *record = &overlay->records[entry->value - 1];
            set_filter_bit(filter, entry->anchor);
            set_exact_bit(overlay, record->bytes, record->length, entry->offset);
        }
        used++;
    }
    free(overlay->slots);
    overlay->slots = slots;
    overlay->slot_mask = size - 1;
    overlay->used_slots = used;
    return 1;
}

// The handle of the value equal to `value`, whose first anchor is at `offset`, or -1.
static int64_t find_at(const redact_value_overlay *overlay, const uint8_t *value, uint32_t length, uint32_t offset) {
    if (!overlay->slots) return -1;
    uint32_t anchor = anchor_at(value + offset, overlay->width);
    for (uint32_t s = slot_hash(anchor) & overlay->slot_mask; overlay->slots[s].value; s = (s + 1) & overlay->slot_mask) {
        const value_entry *entry = &overlay->slots[s];
        if (entry->anchor != anchor || entry->offset != offset || !entry_is_live(overlay, entry)) continue;
        const value_record *record = &overlay->records[entry->value - 1];
        if (record->length == length && memcmp(record->bytes, value, length) == 0) return (int64_t)(entry->value - 1);
    }
    return -1;
}

int64_t redact_value_overlay_find(const redact_value_overlay *overlay, const uint8_t *value, uint32_t length) {
    if (!overlay || !overlay->slots || length < REDACT_VALUE_MIN_LENGTH || length > REDACT_VALUE_LENGTH_MASK) return -1;
    return find_at(overlay, value, length, redact_best_anchor_offset(value, length, overlay->width, 1));
}

int64_t redact_value_overlay_add(redact_value_overlay *overlay, const uint8_t *value, uint32_t length, uint32_t tag,
                                 int *added) {
    if (added) *added = 0;
    if (!overlay || length < REDACT_VALUE_MIN_LENGTH || length > REDACT_VALUE_LENGTH_MASK) return -1;
    uint32_t offset = redact_best_anchor_offset(value, length, overlay->width, 1);
    int64_t existing = find_at(overlay, value, length, offset);
    if (existing >= 0) return existing;
    if (!overlay->filter) {
        uint64_t *filter = malloc(FILTER_WORDS * sizeof(uint64_t));
        if (!filter) return -2;
        if (overlay->set) memcpy(filter, overlay->set->filter, FILTER_WORDS * sizeof(uint64_t));
        else memset(filter, 0, FILTER_WORDS * sizeof(uint64_t));
        overlay->filter = filter;
    }
    if (!reserve_entries(overlay, 1)) return -2;
    uint8_t *copy = malloc(length);
    if (!copy) return -2;
    memcpy(copy, value, length);
    uint32_t index;
    if (overlay->free_head) {
        index = overlay->free_head - 1;
        overlay->free_head = overlay->records[index].next_free;
    } else {
        if (overlay->record_count == overlay->record_capacity) {
            uint32_t capacity = overlay->record_capacity ? overlay->record_capacity * 2 : 16;
            value_record *records = realloc(overlay->records, capacity * sizeof(value_record));
            if (!records) { free(copy); return -2; }
            overlay->records = records;
            overlay->record_capacity = capacity;
        }
        index = overlay->record_count++;
        overlay->records[index].generation = 0;
    }
    value_record *record = &overlay->records[index];
    record->bytes = copy;
    record->length = length;
    record->tag = tag ? 1u : 0u;
    record->next_free = 0;
    uint32_t anchor = anchor_at(value + offset, overlay->width);
    insert_entry(overlay->slots, overlay->slot_mask, (value_entry){ anchor, index + 1, offset, record->generation });
    set_filter_bit(overlay->filter, anchor);
    set_exact_bit(overlay, value, length, offset);
    overlay->used_slots++;
    overlay->live++;
    if (added) *added = 1;
    return (int64_t)index;
}

void redact_value_overlay_remove(redact_value_overlay *overlay, uint32_t handle) {
    if (!overlay || handle >= overlay->record_count || !overlay->records[handle].bytes) return;
    value_record *record = &overlay->records[handle];
    free(record->bytes);
    record->bytes = NULL;
    record->generation++;
    record->next_free = overlay->free_head;
    overlay->free_head = handle + 1;
    overlay->live--;
}

void redact_value_verify(const redact_value_overlay *overlay, const uint8_t *data, size_t length, size_t i,
                         uint32_t anchor, size_t *count, uint32_t *ends, uint32_t *ids, size_t capacity) {
    // SAFETY: the caller found an anchor (3 or 4 bytes) at i (i + 3 <= length); the 4th byte is read
    // only when present.
    if (!exact_bit(overlay, exact3_at(data + i)) && !(i + 4 <= length && exact_bit(overlay, exact4_at(data + i)))) return;
    for (uint32_t s = slot_hash(anchor) & overlay->slot_mask; overlay->slots[s].value; s = (s + 1) & overlay->slot_mask) {
        const value_entry *entry = &overlay->slots[s];
        if (entry->anchor != anchor || i < entry->offset || !entry_is_live(overlay, entry)) continue;
        const value_record *record = &overlay->records[entry->value - 1];
        size_t start = i - entry->offset;
        if (start + record->length > length) continue;
        if (memcmp(data + start, record->bytes, record->length) != 0) continue;
        uint32_t id = REDACT_VALUE_HIT | (record->tag ? REDACT_VALUE_TAG : 0u) | record->length;
        emit(count, ends, ids, capacity, start + record->length, id);
    }
}
