internal import CPCRE2
import Synchronization

/// One regular expression compiled, and JIT-compiled when possible, by PCRE2 in 8-bit byte mode.
///
/// Patterns are compiled in byte mode with `PCRE2_NEVER_UTF`: subjects are arbitrary bytes (log
/// lines may hold invalid UTF-8 or NUL), and byte mode never needs a UTF validity check, so no match
/// can fail or misbehave on invalid input (PCRE2 issue 180). A pattern that asks for UTF itself
/// (`(*UTF)`) is refused at compile time: `pcre2_jit_match` skips the UTF check, so such a pattern
/// could read past the subject on invalid UTF-8.
///
/// JIT compilation is lazy: `init` only compiles (which validates the pattern and is cheap); the
/// first match JIT-compiles a copy of the code, so a rule set of hundreds of rules starts fast and
/// pays for the JIT only for rules that ever see a candidate line.
///
/// ## Thread safety
/// Shared freely. The interpreter code is immutable after `init`; the JIT code is made on a copy
/// and published with a compare-and-exchange, so a thread either sees no JIT code (and uses the
/// interpreter on the original) or fully compiled JIT code; two threads racing to compile both
/// succeed and the loser frees its copy. Matching needs a per-thread ``MatchScratch``.
public final class CompiledPattern: @unchecked Sendable {
    // SAFETY: `code` is created in `init` and never written again (it is never JIT-compiled:
    // `pcre2_jit_compile_8` runs only on copies). PCRE2 documents compiled code as read-only
    // during matching ("it is thread-safe"). `jit` holds a separate, fully JIT-compiled copy once
    // one is published.
    let code: OpaquePointer
    private let jit = Atomic<OpaquePointer?>(nil)
    /// Set when JIT compilation was tried and is unavailable for this pattern.
    private let jitFailed = Atomic<Bool>(false)
    private let wantsJIT: Bool
    /// Number of capture groups in the pattern.
    public let captureCount: Int

    /// Compiles `pattern` (JIT compilation happens on first use, see the type's discussion).
    ///
    /// - Parameters:
    ///   - pattern: PCRE2 syntax.
    ///   - caseless: adds `PCRE2_CASELESS`.
    ///   - anchored: adds `PCRE2_ANCHORED` (a match must start at the start offset).
    ///   - useJIT: when false, the interpreter is always used (for differential tests).
    /// - Throws: ``PatternCompileError`` with PCRE2's code and offset. The corresponding PCRE2
    ///   function is `pcre2_compile_8`.
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
        wantsJIT = useJIT
        var captures: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        captureCount = Int(captures)
    }

    deinit {
        pcre2_code_free_8(code)
        if let jitCode = jit.load(ordering: .acquiring) { pcre2_code_free_8(jitCode) }
    }

    /// The JIT-compiled code, compiled now if this is the first use; nil when JIT is off or
    /// unavailable (the caller then runs the interpreter on ``code``).
    @inline(__always)
    var jitCode: OpaquePointer? {
        if let published = jit.load(ordering: .acquiring) { return published }
        return compileJIT()
    }

    /// Whether JIT code exists or can be made (forces the JIT compilation).
    public var isJIT: Bool { jitCode != nil }

    @inline(never)
    private func compileJIT() -> OpaquePointer? {
        guard wantsJIT, !jitFailed.load(ordering: .relaxed) else { return nil }
        guard let copy = pcre2_code_copy_8(code) else { return nil }
        var jitSize = 0
        guard pcre2_jit_compile_8(copy, UInt32(PCRE2_JIT_COMPLETE)) == 0,
              pcre2_pattern_info_8(copy, UInt32(PCRE2_INFO_JITSIZE), &jitSize) == 0, jitSize > 0
        else {
            pcre2_code_free_8(copy)
            jitFailed.store(true, ordering: .relaxed)
            return nil
        }
        let (exchanged, winner) = jit.compareExchange(expected: nil, desired: copy, ordering: .acquiringAndReleasing)
        if exchanged { return copy }
        pcre2_code_free_8(copy)
        return winner
    }

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
