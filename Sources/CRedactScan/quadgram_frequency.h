#ifndef REDACT_QUADGRAM_FREQUENCY_H
#define REDACT_QUADGRAM_FREQUENCY_H

#include <stdint.h>

/// How common the 4 bytes `gram` (byte 0 in the low bits, each folded with |0x20) are in real
/// logs: 0 = rare (not among the 8,192 most common), up to 255.
uint8_t redact_quadgram_frequency(uint32_t gram);

#endif
