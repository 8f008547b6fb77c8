#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

#include <stdint.h>

/// Number of heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign,
/// valloc) made by the whole process since it started.
///
/// Counting works by interposition: this target defines those functions and forwards them to
/// glibc's `__libc_*` entry points. Link it into an executable only (never into a library), and
/// only on glibc systems; elsewhere the count stays 0 and `allocation_counter_is_active` is 0.
/// Thread-safe (a relaxed atomic counter).
uint64_t allocation_counter_total(void);

/// 1 when the interposer is in effect (glibc), else 0.
int allocation_counter_is_active(void);

#endif
