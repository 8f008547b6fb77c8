// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) for keyed fingerprints (see redact_scan.h).
//
// A plain, portable implementation: fingerprints are made only for redacted secrets (rare), so
// speed does not matter; what matters is that the result is exactly SHA-256. The tests check it
// against the FIPS 180-4 and RFC 4231 test vectors and against swift-crypto on random inputs.
// It is not constant-time with respect to the message length (the length of a secret is shown
// in fingerprints' lines anyway), and it keeps no state between calls.

#include "redact_scan.h"

#include <string.h>

typedef struct {
    uint32_t state[8];
    uint64_t length;      // bytes hashed so far
    uint8_t block[64];
    size_t filled;        // bytes in `block`
} sha256_context;

static const uint32_t round_constants[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

static inline uint32_t rotate_right(uint32_t x, unsigned n) { return (x >> n) | (x << (32u - n)); }

static void compress(uint32_t state[8], const uint8_t block[64]) {
    uint32_t w[64];
    for (int t = 0; t < 16; t++) {
        w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16 | (uint32_t)block[4 * t + 2] << 8
             | (uint32_t)block[4 * t + 3];
    }
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotate_right(w[t - 15], 7) ^ rotate_right(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotate_right(w[t - 2], 17) ^ rotate_right(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; t++) {
        uint32_t s1 = rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
        uint32_t choose = (e & f) ^ (~e & g);
        uint32_t temp1 = h + s1 + choose + round_constants[t] + w[t];
        uint32_t s0 = rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
        uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        uint32_t temp2 = s0 + majority;
        h = g; g = f; f = e; e = d + temp1;
        d = c; c = b; b = a; a = temp1 + temp2;
    }
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

static void sha256_init(sha256_context *context) {
    static const uint32_t initial[8] = {
        0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au, 0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
    };
    memcpy(context->state, initial, sizeof initial);
    context->length = 0;
    context->filled = 0;
}

static void sha256_update(sha256_context *context, const uint8_t *data, size_t length) {
    context->length += length;
    if (context->filled > 0) {
        size_t take = 64 - context->filled < length ? 64 - context->filled : length;
        memcpy(context->block + context->filled, data, take);
        context->filled += take;
        data += take;
        length -= take;
        if (context->filled < 64) return;
        compress(context->state, context->block);
        context->filled = 0;
    }
    for (; length >= 64; data += 64, length -= 64) compress(context->state, data);
    if (length > 0) {
        memcpy(context->block, data, length);
        context->filled = length;
    }
}

static void sha256_final(sha256_context *context, uint8_t digest[32]) {
    uint64_t bits = context->length * 8u;
    uint8_t padding[72] = { 0x80 };
    // Pad to 56 bytes mod 64, then the length in bits, big-endian.
    size_t pad = context->filled < 56 ? 56 - context->filled : 120 - context->filled;
    for (int k = 0; k < 8; k++) padding[pad + (size_t)k] = (uint8_t)(bits >> (56 - 8 * k));
    uint64_t length = context->length;
    sha256_update(context, padding, pad + 8);
    context->length = length;
    for (int k = 0; k < 8; k++) {
        digest[4 * k] = (uint8_t)(context->state[k] >> 24);
        digest[4 * k + 1] = (uint8_t)(context->state[k] >> 16);
        digest[4 * k + 2] = (uint8_t)(context->state[k] >> 8);
        digest[4 * k + 3] = (uint8_t)context->state[k];
    }
}

void redact_sha256(const uint8_t *data, size_t length, uint8_t digest[32]) {
    sha256_context context;
    sha256_init(&context);
    sha256_update(&context, data, length);
    sha256_final(&context, digest);
}

void redact_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *message, size_t length, uint8_t mac[32]) {
    uint8_t block_key[64] = { 0 };
    if (key_length > 64) redact_sha256(key, key_length, block_key);  // a long key is hashed first
    else if (key_length > 0) memcpy(block_key, key, key_length);
    uint8_t pad[64];
    uint8_t inner[32];
    sha256_context context;
    for (int k = 0; k < 64; k++) pad[k] = block_key[k] ^ 0x36u;
    sha256_init(&context);
    sha256_update(&context, pad, 64);
    sha256_update(&context, message, length);
    sha256_final(&context, inner);
    for (int k = 0; k < 64; k++) pad[k] = block_key[k] ^ 0x5cu;
    sha256_init(&context);
    sha256_update(&context, pad, 64);
    sha256_update(&context, inner, 32);
    sha256_final(&context, mac);
    // The key material on the stack is cleared (best effort; the caller owns its own copy).
    memset(block_key, 0, sizeof block_key);
    memset(pad, 0, sizeof pad);
    memset(&context, 0, sizeof context);
}
