#ifndef REDACT_SCAN_H
#define REDACT_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// A set of literals (rule keywords) searched case-insensitively (ASCII letters fold; every other
/// byte compares exactly) in whole buffers. Immutable after creation; safe to share between
/// threads. Built in time linear in the literals' total length.
typedef struct redact_literal_set redact_literal_set;

/// Builds a set from `count` literals (`literals[i]` of `lengths[i]` bytes, any case). The id of
/// a literal is its index. Literals of length 0 are ignored. Returns NULL when out of memory.
redact_literal_set *redact_literal_set_create(const uint8_t *const *literals, const uint32_t *lengths, uint32_t count);

/// Frees a set made by `redact_literal_set_create` (NULL is ignored).
void redact_literal_set_free(redact_literal_set *set);

/// Finds every occurrence of every literal in `data[0..<length]` and writes, sorted by end offset,
/// the end offset (exclusive) of each occurrence to `ends` and the literal's id to `ids`.
///
/// Returns the number of occurrences. When there are more than `capacity`, returns -1 and writes
/// the number needed to `*needed`; the caller grows its arrays and scans again. Never reads
/// outside `data[0..<length]`.
int64_t redact_literal_set_scan(const redact_literal_set *set, const uint8_t *data, size_t length,
                                uint32_t *ends, uint32_t *ids, size_t capacity, size_t *needed);

/// Index of the last byte equal to `byte` in `data[0..<length]`, or -1 when there is none.
int64_t redact_last_byte(const uint8_t *data, size_t length, uint8_t byte);

/// Number of bytes equal to `byte` in `data[0..<length]`.
size_t redact_count_byte(const uint8_t *data, size_t length, uint8_t byte);

#endif
