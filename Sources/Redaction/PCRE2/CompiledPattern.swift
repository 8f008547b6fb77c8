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
/// JIT compilation is lazy: `init` only compiles (which validates the pattern and is cheap), and
/// matching runs the interpreter until the pattern has been used ``jitThreshold`` times; then a
/// copy of the code is JIT-compiled and used from then on. A rule set of a thousand rules starts
/// fast, and a rule that sees only a handful of candidate lines never pays for JIT compilation
/// (about 0.6M instructions for a typical rule, as much as a few hundred interpreted matches).
/// PCRE2 documents both matchers as giving the same results; `DifferentialTests` compares them on
/// every built-in sample. A pattern known to be valid (a built-in rule, checked by the test suite)
/// can defer even the compilation to its first use (``init(deferring:useJIT:)``); if that
/// compilation ever failed, every match fails closed.
///
/// ## Thread safety
/// Shared freely. The interpreter code is never written after it is published, and the JIT code
/// is made on a copy; both are published with a compare-and-exchange, so a thread sees either
/// nothing yet (and makes it) or fully compiled code; racing threads all succeed and the losers
/// free their copies. Matching needs a per-thread ``MatchScratch``.
final class CompiledPattern: @unchecked Sendable {
    // SAFETY: the code behind `compiled` is never written after it is published (it is never
    // JIT-compiled: `pcre2_jit_compile_8` runs only on copies). PCRE2 documents compiled code as
    // read-only during matching ("it is thread-safe"). `jit` holds a separate, fully JIT-compiled
    // copy once one is published.
    private let compiled = Atomic<OpaquePointer?>(nil)
    private let jit = Atomic<OpaquePointer?>(nil)
    /// Matches run so far (counted until the JIT code exists).
    private let uses = Atomic<Int>(0)
    /// Set when JIT compilation was tried and is unavailable for this pattern.
    private let jitFailed = Atomic<Bool>(false)
    /// Set when a deferred compilation failed (never for a valid pattern).
    private let compileFailed = Atomic<Bool>(false)
    private let wantsJIT: Bool
    /// The source, kept for a deferred compilation.
    private let source: String
    private let options: UInt32
    /// Number of capture groups, or -1 while a deferred pattern is not compiled yet.
    private let captures = Atomic<Int>(-1)
    /// Whether compilation was deferred to the first use.
    let isDeferred: Bool
    /// Whether the pattern was compiled for PCRE2's offset limit (`PCRE2_USE_OFFSET_LIMIT`).
    let usesOffsetLimit: Bool

    /// Compiles `pattern` (JIT compilation happens on first use, see the type's discussion).
    ///
    /// - Parameters:
    ///   - pattern: PCRE2 syntax.
    ///   - caseless: adds `PCRE2_CASELESS`.
    ///   - anchored: adds `PCRE2_ANCHORED` (a match must start at the start offset).
    ///   - useJIT: when false, the interpreter is always used (for differential tests).
    /// - Throws: ``PatternCompileError`` with PCRE2's code and offset. The corresponding PCRE2
    ///   function is `pcre2_compile_8`.
    init(_ pattern: String, caseless: Bool = false, anchored: Bool = false, usesOffsetLimit: Bool = false,
         useJIT: Bool = true) throws(PatternCompileError)
    {
        var options: UInt32 = PCRE2_NEVER_UTF
        if caseless { options |= PCRE2_CASELESS }
        if anchored { options |= PCRE2_ANCHORED }
        options |= Self.windowOptions(usesOffsetLimit)
        self.usesOffsetLimit = usesOffsetLimit
        self.options = options
        source = pattern
        wantsJIT = useJIT
        var errorCode: Int32 = 0
        var errorOffset = 0
        guard let code = Self.compile(pattern, options, &errorCode, &errorOffset) else {
            throw PatternCompileError(error: PCRE2Error(code: errorCode), offset: errorOffset)
        }
        isDeferred = false
        captures.store(Self.captureCount(of: code), ordering: .relaxed)
        compiled.store(code, ordering: .releasing)
    }

    /// Keeps `pattern` to compile on first use (start-up then costs nothing for rules that never
    /// see a candidate line). For patterns known to be valid: a compilation failure at first use
    /// makes every match fail closed (``PCRE2Error/deferredCompile``).
    init(deferring pattern: String, usesOffsetLimit: Bool = false, useJIT: Bool = true) {
        options = PCRE2_NEVER_UTF | Self.windowOptions(usesOffsetLimit)
        self.usesOffsetLimit = usesOffsetLimit
        source = pattern
        wantsJIT = useJIT
        isDeferred = true
    }

    /// The options of a pattern searched in windows: PCRE2's offset limit (`PCRE2_USE_OFFSET_LIMIT`).
    /// (``compile(_:_:_:_:)`` may add `PCRE2_NO_START_OPTIMIZE`.)
    private static func windowOptions(_ usesOffsetLimit: Bool) -> UInt32 {
        usesOffsetLimit ? PCRE2_USE_OFFSET_LIMIT : 0
    }

    deinit {
        if let code = compiled.load(ordering: .acquiring) { pcre2_code_free_8(code) }
        if let jitCode = jit.load(ordering: .acquiring) { pcre2_code_free_8(jitCode) }
    }

    /// Compiles `pattern` with `options`. A pattern searched in windows (the offset limit) that
    /// needs a code unit of its match (PCRE2's "last code unit": `-` in `... -t <tok>`) is compiled
    /// again without start-up optimizations (`PCRE2_NO_START_OPTIMIZE`): PCRE2 scans for that
    /// code unit before every search, reading on past the window up to thousands of bytes, so a
    /// long line full of keyword hits cost time quadratic in its length. Matches are the same
    /// either way; the other windowed patterns keep the optimizations (they pay off on lines
    /// dense with secrets: 8-10% there when every windowed pattern went without them, measured).
    private static func compile(_ pattern: String, _ options: UInt32, _ errorCode: inout Int32,
                                _ errorOffset: inout Int) -> OpaquePointer? {
        guard let code = compileOnce(pattern, options, &errorCode, &errorOffset) else { return nil }
        guard options & PCRE2_USE_OFFSET_LIMIT != 0, options & PCRE2_NO_START_OPTIMIZE == 0 else { return code }
        var lastCodeUnitType: UInt32 = 0
        guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_LASTCODETYPE), &lastCodeUnitType) == 0,
              lastCodeUnitType != 0 else { return code }
        guard let plain = compileOnce(pattern, options | PCRE2_NO_START_OPTIMIZE, &errorCode, &errorOffset) else {
            return code
        }
        pcre2_code_free_8(code)
        return plain
    }

    private static func compileOnce(_ pattern: String, _ options: UInt32, _ errorCode: inout Int32,
                                    _ errorOffset: inout Int) -> OpaquePointer? {
        if let code = pattern.utf8.withContiguousStorageIfAvailable({ bytes in
            pcre2_compile_8(bytes.baseAddress ?? CompiledPattern.emptySubject, bytes.count, options,
                            &errorCode, &errorOffset, nil)
        }) { return code }
        var copy = pattern
        return copy.withUTF8 { bytes in
            pcre2_compile_8(bytes.baseAddress ?? CompiledPattern.emptySubject, bytes.count, options,
                            &errorCode, &errorOffset, nil)
        }
    }

    private static func captureCount(of code: OpaquePointer) -> Int {
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        return Int(count)
    }

    /// Number of capture groups in the pattern (compiles a deferred pattern; 0 if that fails).
    var captureCount: Int {
        let known = captures.load(ordering: .acquiring)
        if known >= 0 { return known }
        _ = code
        return max(0, captures.load(ordering: .acquiring))
    }

    /// The interpreter code, compiled now if this is a deferred pattern's first use; nil only when
    /// a deferred compilation failed.
    @inline(__always)
    var code: OpaquePointer? {
        if let published = compiled.load(ordering: .acquiring) { return published }
        return compileDeferred()
    }

    @inline(never)
    private func compileDeferred() -> OpaquePointer? {
        guard !compileFailed.load(ordering: .relaxed) else { return nil }
        var errorCode: Int32 = 0
        var errorOffset = 0
        guard let made = Self.compile(source, options, &errorCode, &errorOffset) else {
            compileFailed.store(true, ordering: .relaxed)
            return nil
        }
        captures.store(Self.captureCount(of: made), ordering: .releasing)
        let (exchanged, winner) = compiled.compareExchange(expected: nil, desired: made, ordering: .acquiringAndReleasing)
        if exchanged { return made }
        pcre2_code_free_8(made)
        return winner
    }

    /// The JIT-compiled code, compiled now if this is the first use; nil when JIT is off or
    /// unavailable (the caller then runs the interpreter on ``code``).
    @inline(__always)
    var jitCode: OpaquePointer? {
        if let published = jit.load(ordering: .acquiring) { return published }
        return compileJIT()
    }

    /// Matches a pattern runs with the interpreter before it is JIT-compiled.
    static let jitThreshold = 8

    /// The JIT code to match with now: nil (run the interpreter on ``code``) while the pattern has
    /// been used fewer than ``jitThreshold`` times, or when JIT is off or unavailable; then the JIT
    /// code, compiled on the use that reaches the threshold.
    @inline(__always)
    var matchingJITCode: OpaquePointer? {
        if let published = jit.load(ordering: .acquiring) { return published }
        guard wantsJIT, uses.add(1, ordering: .relaxed).newValue >= Self.jitThreshold else { return nil }
        return compileJIT()
    }

    /// Whether the JIT code has been made (does not make it).
    var hasJITCode: Bool { jit.load(ordering: .acquiring) != nil }

    /// Whether JIT code exists or can be made (forces the JIT compilation).
    var isJIT: Bool { jitCode != nil }

    @inline(never)
    private func compileJIT() -> OpaquePointer? {
        guard wantsJIT, !jitFailed.load(ordering: .relaxed), let code else { return nil }
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
    var minimumMatchLength: Int {
        var length: UInt32 = 0
        guard let code else { return 0 }
        _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MINLENGTH), &length)
        return Int(length)
    }

    /// Whether a capture group of this number exists.
    func hasGroup(_ number: Int) -> Bool { number >= 0 && number <= captureCount }

    /// A non-null address used for empty subjects: PCRE2 rejects a NULL subject even with length 0
    /// (the trap rust-pcre2 issue 42 describes).
    // SAFETY: allocated once, never written after initialization, never freed.
    nonisolated(unsafe) static let emptySubject: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()
}
