// The lookup shared by the generated frequency tables (see gram_frequency.h).
//
// Start-up picks an anchor for each of thousands of keywords (several lookups each), and the hot
// path one for each remembered secret, so a table is looked up through an open-addressing hash
// built from it on first use (about 0.2M instructions for the two tables); the binary search over
// the sorted table remains the fallback when that memory cannot be had.

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "gram_frequency.h"
#include "literal_set_internal.h"  // redact_zeroed_table

typedef struct {
    const gram_score *table;
    uint32_t shift;      // 32 - log2(slots)
    uint32_t *grams;     // 0 = empty (no folded gram is 0: every byte is |0x20)
    uint8_t *scores;
} gram_hash;

#define MAX_TABLES 4
static _Atomic(gram_hash *) hashes[MAX_TABLES];
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

static inline uint32_t slot_of(uint32_t gram, uint32_t shift) { return (gram * 0x9E3779B1u) >> shift; }

static uint8_t binary_search(const gram_score *table, size_t count, uint32_t gram) {
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (table[middle].gram < gram) low = middle + 1; else high = middle;
    }
    return (low < count && table[low].gram == gram) ? table[low].score : 0;
}

// The hash of `table`, built (once per process) when missing; NULL when out of memory or slots.
static gram_hash *hash_for(const gram_score *table, size_t count) {
    for (int i = 0; i < MAX_TABLES; i++) {
        gram_hash *hash = atomic_load_explicit(&hashes[i], memory_order_acquire);
        if (!hash) break;
        if (hash->table == table) return hash;
    }
    pthread_mutex_lock(&build_lock);
    gram_hash *found = NULL;
    int free_slot = -1;
    for (int i = 0; i < MAX_TABLES; i++) {
        gram_hash *hash = atomic_load_explicit(&hashes[i], memory_order_acquire);
        if (!hash) { free_slot = i; break; }
        if (hash->table == table) { found = hash; break; }
    }
    if (!found && free_slot >= 0) {
        uint32_t bits = 4;
        while ((1u << bits) < count * 2u) bits++;
        gram_hash *hash = malloc(sizeof *hash);
        uint32_t *grams = redact_zeroed_table(1u << bits, sizeof *grams);
        uint8_t *scores = malloc(1u << bits);
        if (hash && grams && scores) {
            *hash = (gram_hash){ table, 32u - bits, grams, scores };
            uint32_t mask = (1u << bits) - 1u;
            for (size_t e = 0; e < count; e++) {
                uint32_t s = slot_of(table[e].gram, hash->shift);
                while (grams[s]) s = (s + 1u) & mask;
                grams[s] = table[e].gram;
                scores[s] = table[e].score;
            }
            atomic_store_explicit(&hashes[free_slot], hash, memory_order_release);
            found = hash;
        } else {
            free(hash);
            free(grams);
            free(scores);
        }
    }
    pthread_mutex_unlock(&build_lock);
    return found;
}

uint8_t redact_gram_score(const gram_score *table, size_t count, uint32_t gram) {
    gram_hash *hash = hash_for(table, count);
    if (!hash || gram == 0) return binary_search(table, count, gram);
    uint32_t mask = (1u << (32u - hash->shift)) - 1u;
    for (uint32_t s = slot_of(gram, hash->shift);; s = (s + 1u) & mask) {
        uint32_t present = hash->grams[s];
        if (present == gram) return hash->scores[s];
        if (!present) return 0;
    }
}
