#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H

// PCRE2's header refuses to compile without a code unit width; swift-redact
// works on bytes, so only the 8-bit library is used.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Macros Swift cannot import (their values overflow an imported constant).
static inline PCRE2_SIZE CPCRE2_unset(void) { return PCRE2_UNSET; }
static inline PCRE2_SIZE CPCRE2_zeroTerminated(void) { return PCRE2_ZERO_TERMINATED; }

#endif
