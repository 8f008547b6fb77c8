internal import CPCRE2

/// Per-thread PCRE2 state: match data, a match context with explicit limits, and a JIT stack.
///
/// PCRE2 requires "each thread must provide its own copy" of match data, and a JIT stack must never
/// be shared between threads. A `MatchScratch` is therefore owned by one stream or borrowed from a
/// pool by one thread at a time. It is deliberately not `Sendable`.
final class MatchScratch {
    private(set) var matchData: OpaquePointer
    let matchContext: OpaquePointer
    let jitStack: OpaquePointer?
    private(set) var ovector: UnsafeMutablePointer<Int>
    private(set) var ovectorPairs: Int
    /// The limits this scratch applies.
    let limits: MatchLimits
    /// Length of the subject of the last ``match(_:_:from:)``: ``groupRange(_:)`` never returns a
    /// range outside it, whatever PCRE2 wrote into the ovector.
    private var subjectCount = 0

    /// Creates scratch for patterns with at most `maximumCaptureCount` capture groups.
    ///
    /// The corresponding PCRE2 functions are `pcre2_match_data_create_8`,
    /// `pcre2_match_context_create_8`, `pcre2_set_*_limit_8` and `pcre2_jit_stack_create_8`.
    /// Allocation failure inside PCRE2 is a fatal error (the process cannot redact safely).
    init(maximumCaptureCount: Int, limits: MatchLimits = .default) {
        self.limits = limits
        let pairs = UInt32(max(1, maximumCaptureCount + 1))
        guard let data = pcre2_match_data_create_8(pairs, nil),
              let context = pcre2_match_context_create_8(nil)
        else { fatalError("PCRE2 could not allocate match data") }
        matchData = data
        matchContext = context
        ovectorPairs = Int(pcre2_get_ovector_count_8(data))
        ovector = pcre2_get_ovector_pointer_8(data)
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
        // The JIT stack belongs to this scratch only and lives exactly as long as the context
        // that points at it (both are freed together in deinit).
        jitStack = pcre2_jit_stack_create_8(limits.jitStackStart, limits.jitStackMax, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    /// Replaces the match data with one of at least `pairs` pairs.
    @inline(never)
    private func growMatchData(pairs: Int) {
        guard let data = pcre2_match_data_create_8(UInt32(pairs), nil) else { fatalError("PCRE2 could not allocate match data") }
        pcre2_match_data_free_8(matchData)
        matchData = data
        ovectorPairs = Int(pcre2_get_ovector_count_8(data))
        ovector = pcre2_get_ovector_pointer_8(data)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(matchContext)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Runs `pattern` on `subject` starting at `startOffset`.
    ///
    /// - Returns: the number of captured pairs (> 0) on a match, `0` for no match, or a negative
    ///   PCRE2 error code. After a match, read offsets with ``groupRange(_:)`` before the next call.
    ///   The corresponding PCRE2 functions are `pcre2_jit_match_8` (once the pattern has JIT code,
    ///   see ``CompiledPattern/matchingJITCode``) and `pcre2_match_8`.
    @inline(__always)
    /// - Parameter offsetLimit: the last offset a match may start at (PCRE2's offset limit); only
    ///   for a pattern compiled with `usesOffsetLimit`.
    func match(_ pattern: CompiledPattern, _ subject: UnsafeRawBufferPointer, from startOffset: Int,
               offsetLimit: Int? = nil) -> Int32 {
        if let offsetLimit, pattern.usesOffsetLimit {
            pcre2_set_offset_limit_8(matchContext, offsetLimit)
            defer { pcre2_set_offset_limit_8(matchContext, CPCRE2_unset()) }
            return matchOnce(pattern, subject, from: startOffset)
        }
        return matchOnce(pattern, subject, from: startOffset)
    }

    @inline(__always)
    private func matchOnce(_ pattern: CompiledPattern, _ subject: UnsafeRawBufferPointer, from startOffset: Int) -> Int32 {
        // Empty buffers may have a nil base address; PCRE2 needs a valid pointer even for length 0.
        let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? CompiledPattern.emptySubject
        subjectCount = subject.count
        let rc: Int32
        // A deferred pattern may have more groups than this scratch was sized for: grow once.
        if pattern.isDeferred && pattern.captureCount >= ovectorPairs { growMatchData(pairs: pattern.captureCount + 1) }
        if let jitCode = pattern.matchingJITCode {
            // pcre2_jit_match skips sanity checks; safe here: explicit length, non-null subject,
            // byte mode with PCRE2_NEVER_UTF (no UTF check needed), and the code has JIT code.
            rc = pcre2_jit_match_8(jitCode, base, subject.count, startOffset, 0, matchData, matchContext)
        } else if let code = pattern.code {
            rc = pcre2_match_8(code, base, subject.count, startOffset, 0, matchData, matchContext)
        } else {
            return PCRE2Error.deferredCompile.code
        }
        if rc == PCRE2_ERROR_NOMATCH { return 0 }
        if rc == 0 { return Int32(ovectorPairs) }  // ovector too small: all slots are set anyway
        return rc
    }

    /// Byte range of capture group `group` after a successful ``match(_:_:from:)``, or nil if the
    /// group did not participate.
    ///
    /// The range is clamped to the subject of the last match: a pattern can report offsets outside
    /// the subject (`\K` in a lookahead gives start > end), and a caller slicing the line with it
    /// must never read past it.
    @inline(__always)
    func groupRange(_ group: Int) -> Range<Int>? {
        guard group >= 0 && group < ovectorPairs else { return nil }
        // SAFETY: `group < ovectorPairs`, and the ovector holds `2 * ovectorPairs` entries.
        let start = ovector[2 &* group]
        let end = ovector[2 &* group &+ 1]
        if start == CPCRE2_unset() || end < start || end > subjectCount { return nil }
        return start..<end
    }
}
