#ifndef REDACT_TRIGRAM_FREQUENCY_H
#define REDACT_TRIGRAM_FREQUENCY_H

#include <stdint.h>

/// How common the 3 bytes `gram` (byte 0 in the low bits, each folded with |0x20) are in real
/// logs: 0 = rare (not among the 4,096 most common), up to 255.
uint8_t redact_trigram_frequency(uint32_t gram);

#endif
