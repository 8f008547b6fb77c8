// Distinct keywords and the rules of each, from a flat list (see redact_scan.h).

#include <stdlib.h>
#include <string.h>

#include "redact_scan.h"
#include "literal_set_internal.h"  // fold_exact: ASCII capitals lowered, every other byte kept

static uint64_t hash_bytes(const uint8_t *bytes, uint32_t length) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (uint32_t i = 0; i < length; i++) { h ^= bytes[i]; h *= 1099511628211ull; }
    return h ^ (h >> 29);
}

void redact_keyword_table_free(redact_keyword_table *table) {
    if (!table) return;
    free(table->bytes);
    free(table->starts);
    free(table->rule_starts);
    free(table->rules);
    free(table->word_start);
    memset(table, 0, sizeof *table);
}

int redact_keyword_table_build(const uint8_t *bytes, const uint32_t *offsets, const int32_t *rules,
                               const uint8_t *word_start, uint32_t count, redact_keyword_table *table) {
    memset(table, 0, sizeof *table);
    uint32_t total = count ? offsets[count] : 0;
    uint32_t slots = 16;
    while (slots < count * 2u) slots <<= 1;
    uint32_t *slot = redact_zeroed_table(slots, sizeof *slot);          // distinct id + 1, 0 = empty
    uint32_t *literal_of = malloc((count ? count : 1) * sizeof *literal_of);  // per keyword; UINT32_MAX = ignored
    int32_t *last_rule = NULL;
    table->bytes = malloc(total ? total : 1);
    table->starts = malloc(((size_t)count + 1) * sizeof *table->starts);
    table->word_start = malloc(count ? count : 1);
    if (!slot || !literal_of || !table->bytes || !table->starts || !table->word_start) goto fail;
    table->starts[0] = 0;
    uint32_t distinct = 0, used = 0;
    for (uint32_t k = 0; k < count; k++) {
        const uint8_t *keyword = bytes + offsets[k];
        uint32_t length = offsets[k + 1] - offsets[k];
        literal_of[k] = UINT32_MAX;
        if (length == 0 || memchr(keyword, '\n', length)) continue;
        // The lowered copy goes where the next distinct literal would start; kept if it is new.
        uint8_t *lowered = table->bytes + used;
        for (uint32_t j = 0; j < length; j++) lowered[j] = fold_exact(keyword[j]);
        uint32_t s = (uint32_t)hash_bytes(lowered, length) & (slots - 1u);
        for (;;) {
            uint32_t id = slot[s];
            uint8_t flagged = word_start && word_start[k] && rules[k] >= 0;
            if (!id) {
                slot[s] = ++distinct;
                literal_of[k] = distinct - 1u;
                table->word_start[distinct - 1u] = flagged;
                used += length;
                table->starts[distinct] = used;
                break;
            }
            uint32_t start = table->starts[id - 1u], other = table->starts[id] - start;
            if (other == length && memcmp(table->bytes + start, lowered, length) == 0) {
                literal_of[k] = id - 1u;
                table->word_start[id - 1u] &= flagged;
                break;
            }
            s = (s + 1u) & (slots - 1u);
        }
    }
    table->count = distinct;
    // The rules of each literal by counting, each rule once: keywords come in rule order, so a
    // rule that lists a literal twice (or two spellings of it) repeats the literal's last rule.
    table->rule_starts = calloc((size_t)distinct + 1u, sizeof *table->rule_starts);
    last_rule = malloc((distinct ? distinct : 1) * sizeof *last_rule);
    if (!table->rule_starts || !last_rule) goto fail;
    for (uint32_t d = 0; d < distinct; d++) last_rule[d] = -1;
    for (uint32_t k = 0; k < count; k++) {
        uint32_t d = literal_of[k];
        if (d == UINT32_MAX || rules[k] < 0 || last_rule[d] == rules[k]) continue;
        last_rule[d] = rules[k];
        table->rule_starts[d + 1u]++;
    }
    for (uint32_t d = 0; d < distinct; d++) table->rule_starts[d + 1u] += table->rule_starts[d];
    uint32_t pairs = distinct ? (uint32_t)table->rule_starts[distinct] : 0u;
    table->rules = malloc((pairs ? pairs : 1) * sizeof *table->rules);
    if (!table->rules) goto fail;
    for (uint32_t d = 0; d < distinct; d++) last_rule[d] = -1;
    uint32_t *fill = malloc((distinct ? distinct : 1) * sizeof *fill);
    if (!fill) goto fail;
    for (uint32_t d = 0; d < distinct; d++) fill[d] = (uint32_t)table->rule_starts[d];
    for (uint32_t k = 0; k < count; k++) {
        uint32_t d = literal_of[k];
        if (d == UINT32_MAX || rules[k] < 0 || last_rule[d] == rules[k]) continue;
        last_rule[d] = rules[k];
        table->rules[fill[d]++] = rules[k];
    }
    free(fill);
    free(slot);
    free(literal_of);
    free(last_rule);
    return 0;
fail:
    free(slot);
    free(literal_of);
    free(last_rule);
    redact_keyword_table_free(table);
    return -1;
}
