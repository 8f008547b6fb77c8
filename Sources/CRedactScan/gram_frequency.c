// The lookup shared by the generated frequency tables (see gram_frequency.h).

#include "gram_frequency.h"

uint8_t redact_gram_score(const gram_score *table, size_t count, uint32_t gram) {
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (table[middle].gram < gram) low = middle + 1; else high = middle;
    }
    return (low < count && table[low].gram == gram) ? table[low].score : 0;
}
