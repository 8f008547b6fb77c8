// The keyword kernel (Sources/CRedactScan/literal_set.c) against Vectorscan (the Hyperscan fork)
// on the same literals and the same text: throughput, build time and occurrences found.
//
// Both search case-insensitively for every occurrence of every literal (no word-start rule, which
// Vectorscan's literal API has no equivalent of), in blocks of 64 KiB as `redact` reads, and must
// report the same number of occurrences. Built and run by `run` (see Benchmarks/README.md).
//
//   kernel-bench KEYWORDS TEXT [REPEATS]   KEYWORDS: one literal per line (bytes as they are)
#define _GNU_SOURCE
#include "redact_scan.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#ifdef WITH_VECTORSCAN
#include <hs/hs.h>
#endif

#define BLOCK 65536u
#define MAX_HITS (1u << 16)

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct {
    uint8_t **bytes;
    uint32_t *lengths;
    uint32_t count;
} literal_list;

static literal_list read_literals(const char *path) {
    literal_list list = { NULL, NULL, 0 };
    FILE *file = fopen(path, "r");
    if (!file) { perror(path); exit(2); }
    char *line = NULL;
    size_t capacity = 0, allocated = 0;
    ssize_t length;
    while ((length = getline(&line, &capacity, file)) > 0) {
        if (line[length - 1] == '\n') length--;
        if (length == 0) continue;
        if (list.count == allocated) {
            allocated = allocated ? allocated * 2 : 1024;
            list.bytes = realloc(list.bytes, allocated * sizeof *list.bytes);
            list.lengths = realloc(list.lengths, allocated * sizeof *list.lengths);
            if (!list.bytes || !list.lengths) { fputs("out of memory\n", stderr); exit(2); }
        }
        list.bytes[list.count] = malloc((size_t)length);
        if (!list.bytes[list.count]) { fputs("out of memory\n", stderr); exit(2); }
        memcpy(list.bytes[list.count], line, (size_t)length);
        list.lengths[list.count++] = (uint32_t)length;
    }
    free(line);
    fclose(file);
    return list;
}

static void report(const char *name, double build_ms, double best, size_t size, long hits) {
    printf("%-28s build %7.1f ms   scan %7.1f ms   %6.0f MB/s   %ld occurrences\n", name, build_ms, best * 1e3,
           (double)size / best / 1e6, hits);
}

/// Scans one block, adding its occurrences to *hits; returns 0, or -1 on failure.
typedef int (*block_scan)(void *context, const uint8_t *block, size_t length, long *hits);

/// The fastest of `repeats` passes over `text` in blocks of BLOCK bytes; the occurrences of the
/// last pass go to *hits. Exits with status 2 when a block scan fails.
static double best_of(int repeats, const uint8_t *text, size_t size, block_scan scan, void *context, long *hits) {
    double best = 1e9;
    for (int round = 0; round < repeats; round++) {
        long found = 0;
        double start = now();
        for (size_t offset = 0; offset < size; offset += BLOCK) {
            size_t length = size - offset < BLOCK ? size - offset : BLOCK;
            if (scan(context, text + offset, length, &found) != 0) exit(2);
        }
        double elapsed = now() - start;
        if (elapsed < best) best = elapsed;
        *hits = found;
    }
    return best;
}

static int kernel_scan(void *context, const uint8_t *block, size_t length, long *hits) {
    static uint32_t ends[MAX_HITS], ids[MAX_HITS];
    size_t needed = 0;
    int64_t found = redact_literal_set_scan(context, NULL, block, length, ends, ids, MAX_HITS, &needed);
    if (found < 0) { fputs("kernel: more occurrences than the buffer holds\n", stderr); return -1; }
    *hits += found;
    return 0;
}

#ifdef WITH_VECTORSCAN
typedef struct {
    hs_database_t *database;
    hs_scratch_t *scratch;
} vectorscan_context;

static int count_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *context) {
    (void)id; (void)from; (void)to; (void)flags;
    (*(long *)context)++;
    return 0;
}

static int vectorscan_scan(void *context, const uint8_t *block, size_t length, long *hits) {
    vectorscan_context *vs = context;
    if (hs_scan(vs->database, (const char *)block, (unsigned int)length, 0, vs->scratch, count_match, hits) != HS_SUCCESS) {
        fputs("vectorscan: scan failed\n", stderr);
        return -1;
    }
    return 0;
}
#endif

int main(int argc, char **argv) {
    if (argc < 3) { fputs("usage: kernel-bench KEYWORDS TEXT [REPEATS]\n", stderr); return 2; }
    int repeats = argc > 3 ? atoi(argv[3]) : 5;
    literal_list literals = read_literals(argv[1]);
    int fd = open(argv[2], O_RDONLY);
    struct stat status;
    if (fd < 0 || fstat(fd, &status) != 0) { perror(argv[2]); return 2; }
    size_t size = (size_t)status.st_size;
    const uint8_t *text = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (text == MAP_FAILED) { perror("mmap"); return 2; }
    printf("%u literals, %zu bytes of text, blocks of %u bytes, best of %d\n", literals.count, size, BLOCK, repeats);

    double start = now();
    redact_literal_set *set = redact_literal_set_create((const uint8_t *const *)literals.bytes, literals.lengths, literals.count);
    double build_ms = (now() - start) * 1e3;
    if (!set) { fputs("redact_literal_set_create failed\n", stderr); return 2; }
    long kernel_hits = 0;
    double best = best_of(repeats, text, size, kernel_scan, set, &kernel_hits);
    report(redact_scan_has_vector_kernel() ? "redact kernel (AVX2)" : "redact kernel (scalar)", build_ms, best, size, kernel_hits);

#ifdef WITH_VECTORSCAN
    unsigned int *flags = malloc(literals.count * sizeof *flags);
    unsigned int *hs_ids = malloc(literals.count * sizeof *hs_ids);
    size_t *hs_lengths = malloc(literals.count * sizeof *hs_lengths);
    if (!flags || !hs_ids || !hs_lengths) { fputs("out of memory\n", stderr); return 2; }
    for (uint32_t i = 0; i < literals.count; i++) { flags[i] = HS_FLAG_CASELESS; hs_ids[i] = i; hs_lengths[i] = literals.lengths[i]; }
    hs_database_t *database = NULL;
    hs_compile_error_t *error = NULL;
    start = now();
    if (hs_compile_lit_multi((const char *const *)literals.bytes, flags, hs_ids, hs_lengths, literals.count, HS_MODE_BLOCK,
                             NULL, &database, &error) != HS_SUCCESS) {
        fprintf(stderr, "vectorscan: %s\n", error->message);
        return 2;
    }
    build_ms = (now() - start) * 1e3;
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(database, &scratch) != HS_SUCCESS) { fputs("vectorscan: no scratch\n", stderr); return 2; }
    vectorscan_context vs = { database, scratch };
    long vectorscan_hits = 0;
    best = best_of(repeats, text, size, vectorscan_scan, &vs, &vectorscan_hits);
    report("vectorscan (hs_scan)", build_ms, best, size, vectorscan_hits);
    if (vectorscan_hits != kernel_hits) {
        fprintf(stderr, "occurrences differ: kernel %ld, vectorscan %ld\n", kernel_hits, vectorscan_hits);
        return 1;
    }
#else
    puts("vectorscan: not built (libhs not found; `Benchmarks/kernel/run --install` installs libvectorscan-dev)");
#endif
    return 0;
}
