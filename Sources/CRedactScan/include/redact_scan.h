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

/// As `redact_literal_set_create`, and a literal with `word_start[i]` != 0 (NULL: none) is reported
/// only where it starts a word: not right after a letter, digit or `_` (an occurrence at the start
/// of the scanned text always counts, since the byte before it is unknown).
redact_literal_set *redact_literal_set_create_word_start(const uint8_t *const *literals, const uint32_t *lengths,
                                                         const uint8_t *word_start, uint32_t count);

/// Frees a set made by `redact_literal_set_create` (NULL is ignored).
void redact_literal_set_free(redact_literal_set *set);

/// The distinct keywords of a rule set and the rules of each (built by
/// `redact_keyword_table_build`, owned by the caller, freed by `redact_keyword_table_free`).
typedef struct {
    /// Number of distinct literals; literal `d` is `bytes[starts[d]..<starts[d + 1]]`, ASCII
    /// capitals lowered, and ids follow the order of first occurrence.
    uint32_t count;
    uint8_t *bytes;
    uint32_t *starts;
    /// The rules of literal `d` are `rules[rule_starts[d]..<rule_starts[d + 1]]`, in rule order,
    /// each once.
    int32_t *rule_starts;
    int32_t *rules;
    /// Per literal: 1 when every keyword that made it was flagged word-start (see
    /// `redact_keyword_table_build`), else 0.
    uint8_t *word_start;
} redact_keyword_table;

/// Collects distinct keywords from a flat list: keyword `k` is `bytes[offsets[k]..<offsets[k + 1]]`
/// (`offsets` has `count + 1` entries) and belongs to rule `rules[k]` (-1: a literal that selects no
/// rule). Keywords must come in non-decreasing rule order (triggers, -1, anywhere). Keywords that are
/// empty or hold a newline (which never occurs inside a line) are ignored. Keywords equal after
/// lowering ASCII capitals are one literal; every other byte compares exactly. `word_start[k]`
/// (NULL: all 0) flags a keyword that selects its rule only where it starts a word; a literal is
/// word-start only when all its keywords are.
///
/// Returns 0, or -1 when out of memory (`*table` is then empty). Time linear in the total length.
int redact_keyword_table_build(const uint8_t *bytes, const uint32_t *offsets, const int32_t *rules,
                               const uint8_t *word_start, uint32_t count, redact_keyword_table *table);

/// Frees the arrays of a table (a zeroed table is fine) and zeroes it.
void redact_keyword_table_free(redact_keyword_table *table);

/// A per-stream, mutable extension of a literal set: exact values (secrets already seen, known
/// secrets) searched in the same pass as the set's keywords. Values compare exactly (case
/// matters) and are at least `REDACT_VALUE_MIN_LENGTH` bytes long.
///
/// The overlay owns a copy of the set's filter bitmap (made when the first value is added) in
/// which it also sets the anchor bits of its values, and its own open-addressing table of value
/// anchors. Adding a value costs time linear in its length (plus an amortised rebuild of the table
/// when it fills with entries of removed values); a removed value's filter bits stay set (extra
/// candidates, never a miss).
///
/// Not thread-safe: adding or removing values while a scan uses the overlay is a data race; the
/// caller serialises them. The set must outlive the overlay.
typedef struct redact_value_overlay redact_value_overlay;

/// Shortest value an overlay accepts (two adjacent 3-byte anchors fit in it).
#define REDACT_VALUE_MIN_LENGTH 4u
/// Hit ids of values have this bit set, which no literal id has.
#define REDACT_VALUE_HIT 0x80000000u
/// Set in the hit id of a value added with tag 1.
#define REDACT_VALUE_TAG 0x40000000u
/// The value's length, in the low bits of its hit id (so a hit never needs the overlay again).
#define REDACT_VALUE_LENGTH_MASK 0x3FFFFFFFu

/// An empty overlay extending `set` (NULL: an overlay of values only). Returns NULL when out of
/// memory.
redact_value_overlay *redact_value_overlay_create(const redact_literal_set *set);

/// Frees an overlay (NULL is ignored).
void redact_value_overlay_free(redact_value_overlay *overlay);

/// Adds a copy of `value[0..<length]` with `tag` (0 or 1, reported in its hits).
///
/// Returns the value's handle (>= 0; stable until the value is removed, then reused). When an
/// equal value is present already, returns its handle and leaves its tag unchanged; `*added`
/// (optional) tells which happened. Returns -1 when `length` is shorter than
/// `REDACT_VALUE_MIN_LENGTH` or longer than `REDACT_VALUE_LENGTH_MASK`, -2 when out of memory
/// (the overlay is unchanged).
int64_t redact_value_overlay_add(redact_value_overlay *overlay, const uint8_t *value, uint32_t length, uint32_t tag,
                                 int *added);

/// The handle of the value equal to `value[0..<length]`, or -1 when there is none.
int64_t redact_value_overlay_find(const redact_value_overlay *overlay, const uint8_t *value, uint32_t length);

/// Removes the value with `handle` (a handle that is not present is ignored).
void redact_value_overlay_remove(redact_value_overlay *overlay, uint32_t handle);

/// Number of values present.
uint32_t redact_value_overlay_count(const redact_value_overlay *overlay);

/// Finds every occurrence of every literal of `set` and, when `values` is not NULL, of every value
/// of the overlay, in `data[0..<length]`, and writes, sorted by end offset, the end offset
/// (exclusive) of each occurrence to `ends` and its id to `ids`: the literal's index, or for a
/// value `REDACT_VALUE_HIT | (REDACT_VALUE_TAG if its tag is 1) | its length`.
///
/// `set` may be NULL (values only); `values` must extend `set` when both are given (else -2 is
/// returned). One pass over the data either way.
///
/// Returns the number of occurrences. When there are more than `capacity`, returns -1 and writes
/// the number needed to `*needed`; the caller grows its arrays and scans again. Never reads
/// outside `data[0..<length]`.
int64_t redact_literal_set_scan(const redact_literal_set *set, const redact_value_overlay *values,
                                const uint8_t *data, size_t length,
                                uint32_t *ends, uint32_t *ids, size_t capacity, size_t *needed);

/// Which search loop `redact_literal_set_scan_kernel` uses. Every kernel reports the same
/// occurrences; they differ only in speed.
typedef enum {
    /// The vector kernel when the CPU has it (AVX2 on x86-64), else the scalar one.
    REDACT_KERNEL_AUTO = 0,
    /// The portable scalar loop.
    REDACT_KERNEL_SCALAR = 1,
} redact_scan_kernel;

/// `redact_literal_set_scan` with the search loop chosen by the caller (the differential tests
/// compare the kernels on the same input).
int64_t redact_literal_set_scan_kernel(const redact_literal_set *set, const redact_value_overlay *values,
                                       const uint8_t *data, size_t length,
                                       uint32_t *ends, uint32_t *ids, size_t capacity, size_t *needed,
                                       redact_scan_kernel kernel);

/// 1 when this CPU runs the vector kernel (AVX2), else 0.
int redact_scan_has_vector_kernel(void);

/// Index of the last byte equal to `byte` in `data[0..<length]`, or -1 when there is none.
int64_t redact_last_byte(const uint8_t *data, size_t length, uint8_t byte);

/// Number of bytes equal to `byte` in `data[0..<length]`.
size_t redact_count_byte(const uint8_t *data, size_t length, uint8_t byte);

/// Offset of the first occurrence of `needle[0..<needle_length]` in `data[0..<length]`, or -1
/// when there is none (an empty needle is never found). glibc's `memmem`.
int64_t redact_find_bytes(const uint8_t *data, size_t length, const uint8_t *needle, size_t needle_length);

/// SHA-256 (FIPS 180-4) of `data[0..<length]` into `digest` (32 bytes). `data` may be NULL when
/// `length` is 0. Thread-safe (no shared state).
void redact_sha256(const uint8_t *data, size_t length, uint8_t digest[32]);

/// HMAC-SHA256 (RFC 2104) of `message[0..<length]` with `key[0..<key_length]` into `mac` (32
/// bytes). Keys longer than 64 bytes are hashed first, as the RFC says. Thread-safe.
void redact_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *message, size_t length, uint8_t mac[32]);

#endif
