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

    /// A short machine-friendly reason, used in statistics and warnings (`matchlimit`, `jitstack`, ...).
    public var reason: String {
        switch code {
        case PCRE2_ERROR_MATCHLIMIT: return "matchlimit"
        case PCRE2_ERROR_DEPTHLIMIT: return "depthlimit"
        case PCRE2_ERROR_HEAPLIMIT: return "heaplimit"
        case PCRE2_ERROR_JIT_STACKLIMIT: return "jitstack"
        case PCRE2_ERROR_NOMEMORY: return "nomemory"
        default: return "pcre2-\(-code)"
        }
    }

    /// PCRE2's text for the code. The corresponding PCRE2 function is `pcre2_get_error_message_8`.
    public var message: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer in
            let length = pcre2_get_error_message_8(code, buffer.baseAddress, buffer.count)
            guard length > 0 else { return "PCRE2 error \(code)" }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<Int(length)]), as: UTF8.self)
        }
    }

    public var description: String { "\(message) (PCRE2 error \(code))" }
}
