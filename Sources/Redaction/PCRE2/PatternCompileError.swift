/// A regular expression that PCRE2 rejected.
///
/// Carries the PCRE2 error and the byte offset in the pattern where compilation stopped. It never
/// carries the pattern text itself (a user's pattern may embed a literal secret); callers add the
/// rule id and the pack location.
public struct PatternCompileError: Error, Sendable, CustomStringConvertible {
    /// The PCRE2 compile error.
    public let error: PCRE2Error
    /// Byte offset into the pattern where PCRE2 stopped.
    public let offset: Int

    public var description: String { "\(error.message) at offset \(offset)" }
}
