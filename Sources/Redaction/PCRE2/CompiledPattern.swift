internal import CPCRE2

/// One regular expression compiled, and JIT-compiled when possible, by PCRE2 in 8-bit byte mode.
///
/// Patterns are compiled in byte mode with `PCRE2_NEVER_UTF`: subjects are arbitrary bytes (log
/// lines may hold invalid UTF-8 or NUL), and byte mode never needs a UTF validity check, so no match
/// can fail or misbehave on invalid input (PCRE2 issue 180). A pattern that asks for UTF itself
/// (`(*UTF)`) is refused at compile time: `pcre2_jit_match` skips the UTF check, so such a pattern
/// could read past the subject on invalid UTF-8.
///
/// ## Thread safety
/// Immutable after `init`, so it is shared freely. Matching needs a per-thread ``MatchScratch``.
public final class CompiledPattern: @unchecked Sendable {
    // SAFETY: `code` is created and JIT-compiled in `init` before the object is visible to anyone
    // else; PCRE2 documents compiled code as read-only during matching ("it is thread-safe").
    // `pcre2_jit_compile_8` is the only call that writes into it, and it runs only here.
    let code: OpaquePointer
    /// Whether JIT code exists (`PCRE2_INFO_JITSIZE > 0`); otherwise matching uses the interpreter.
    public let isJIT: Bool
    /// Number of capture groups in the pattern.
    public let captureCount: Int

    /// Compiles `pattern`.
    ///
    /// - Parameters:
    ///   - pattern: PCRE2 syntax.
    ///   - caseless: adds `PCRE2_CASELESS`.
    ///   - anchored: adds `PCRE2_ANCHORED` (a match must start at the start offset).
    ///   - useJIT: when false, the interpreter is used even if JIT is available (for differential tests).
    /// - Throws: ``PatternCompileError`` with PCRE2's code and offset. The corresponding PCRE2
    ///   functions are `pcre2_compile_8` and `pcre2_jit_compile_8`.
    public init(_ pattern: String, caseless: Bool = false, anchored: Bool = false, useJIT: Bool = true)
        throws(PatternCompileError)
    {
        var options: UInt32 = PCRE2_NEVER_UTF
        if caseless { options |= PCRE2_CASELESS }
        if anchored { options |= PCRE2_ANCHORED }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled: OpaquePointer? = pattern.utf8.withContiguousStorageIfAvailable { bytes in
            pcre2_compile_8(bytes.baseAddress ?? CompiledPattern.emptySubject, bytes.count, options,
                            &errorCode, &errorOffset, nil)
        } ?? {
            var copy = pattern
            return copy.withUTF8 { bytes in
                pcre2_compile_8(bytes.baseAddress ?? CompiledPattern.emptySubject, bytes.count, options,
                                &errorCode, &errorOffset, nil)
            }
        }()
        guard let compiled else {
            throw PatternCompileError(error: PCRE2Error(code: errorCode), offset: errorOffset)
        }
        code = compiled
        var jit = false
        if useJIT, pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0 {
            var jitSize = 0
            jit = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_JITSIZE), &jitSize) == 0 && jitSize > 0
        }
        isJIT = jit
        var captures: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        captureCount = Int(captures)
    }

    deinit { pcre2_code_free_8(code) }

    /// Minimum length of a match, in bytes (`PCRE2_INFO_MINLENGTH`).
    public var minimumMatchLength: Int {
        var length: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MINLENGTH), &length)
        return Int(length)
    }

    /// Whether a capture group of this number exists.
    public func hasGroup(_ number: Int) -> Bool { number >= 0 && number <= captureCount }

    /// A non-null address used for empty subjects: PCRE2 rejects a NULL subject even with length 0
    /// (the trap rust-pcre2 issue 42 describes).
    // SAFETY: allocated once, never written after initialization, never freed.
    nonisolated(unsafe) static let emptySubject: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()
}
