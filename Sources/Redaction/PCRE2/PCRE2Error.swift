internal import CPCRE2

/// An error code returned by PCRE2, with the library's own message text.
///
/// Messages come from `pcre2_get_error_message_8` and describe the failure only: they never
/// contain subject text, so they are safe to print.
public struct PCRE2Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// The raw (negative) PCRE2 error code, e.g. `-47` for `PCRE2_ERROR_MATCHLIMIT`.
    public let code: Int32

    public init(code: Int32) { self.code = code }

    /// `PCRE2_ERROR_NOMATCH`: not an error for callers; the engine never surfaces it.
    public static let noMatch = PCRE2Error(code: PCRE2_ERROR_NOMATCH)
    /// `PCRE2_ERROR_MATCHLIMIT`: the match limit was hit.
    public static let matchLimit = PCRE2Error(code: PCRE2_ERROR_MATCHLIMIT)
    /// `PCRE2_ERROR_DEPTHLIMIT`: the depth limit was hit (interpreter only).
    public static let depthLimit = PCRE2Error(code: PCRE2_ERROR_DEPTHLIMIT)
    /// `PCRE2_ERROR_HEAPLIMIT`: the heap limit was hit (interpreter only).
    public static let heapLimit = PCRE2Error(code: PCRE2_ERROR_HEAPLIMIT)
    /// `PCRE2_ERROR_JIT_STACKLIMIT`: the JIT stack was exhausted.
    public static let jitStackLimit = PCRE2Error(code: PCRE2_ERROR_JIT_STACKLIMIT)
    /// `PCRE2_ERROR_NOMEMORY`: an allocation inside PCRE2 failed.
    public static let noMemory = PCRE2Error(code: PCRE2_ERROR_NOMEMORY)

    /// Not a PCRE2 code: the rule was not run because it hit a resource limit on too many
    /// consecutive lines and is quarantined (see ``MatchLimits/quarantineThreshold``).
    public static let quarantined = PCRE2Error(code: -100_000)
    /// Not a PCRE2 code: a redacted line still changed when redacted again, pass after pass.
    public static let unstable = PCRE2Error(code: -100_001)
    /// Not a PCRE2 code: a pattern whose compilation was deferred to its first use did not compile.
    public static let deferredCompile = PCRE2Error(code: -100_002)
    /// Not a PCRE2 code: a rule's rejected matches on one line overlapped so much that searching
    /// again inside each of them would take time quadratic in the line (see
    /// `CompiledRuleSet.rescanBudget`).
    public static let rescanLimit = PCRE2Error(code: -100_003)

    /// Whether the error is a resource limit (match, depth, heap, JIT stack): a property of the
    /// pattern and the input, not of the process.
    public var isResourceLimit: Bool {
        code == PCRE2_ERROR_MATCHLIMIT || code == PCRE2_ERROR_DEPTHLIMIT || code == PCRE2_ERROR_HEAPLIMIT
            || code == PCRE2_ERROR_JIT_STACKLIMIT || code == Self.rescanLimit.code
    }

    /// A short machine-friendly reason, used in statistics and warnings (`matchlimit`, `jitstack`, ...).
    public var reason: String {
        switch code {
        case PCRE2_ERROR_MATCHLIMIT: return "matchlimit"
        case PCRE2_ERROR_DEPTHLIMIT: return "depthlimit"
        case PCRE2_ERROR_HEAPLIMIT: return "heaplimit"
        case PCRE2_ERROR_JIT_STACKLIMIT: return "jitstack"
        case PCRE2_ERROR_NOMEMORY: return "nomemory"
        case Self.quarantined.code: return "quarantined"
        case Self.unstable.code: return "unstable"
        case Self.deferredCompile.code: return "deferred-compile"
        case Self.rescanLimit.code: return "rescan-limit"
        default: return "pcre2-\(-code)"
        }
    }

    /// PCRE2's text for the code. The corresponding PCRE2 function is `pcre2_get_error_message_8`.
    public var message: String {
        if code == Self.quarantined.code {
            return "rule quarantined after hitting a resource limit on many consecutive lines"
        }
        if code == Self.unstable.code { return "redacted line kept changing when redacted again" }
        if code == Self.deferredCompile.code { return "a built-in pattern did not compile" }
        if code == Self.rescanLimit.code { return "a rule's rejected matches on one line overlapped too much" }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer in
            let length = pcre2_get_error_message_8(code, buffer.baseAddress, buffer.count)
            guard length > 0 else { return "PCRE2 error \(code)" }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<Int(length)]), as: UTF8.self)
        }
    }

    public var description: String { "\(message) (PCRE2 error \(code))" }
}
