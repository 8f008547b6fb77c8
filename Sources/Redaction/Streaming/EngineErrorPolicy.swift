/// What happens to a line on which the regex engine failed (a limit hit, JIT stack exhausted,
/// out of memory).
public enum EngineErrorPolicy: String, Sendable, Hashable, CaseIterable {
    /// Replace the line's content with a marker (the default: fail closed, line count kept).
    case mask
    /// Remove the line, terminator included (the line count changes).
    case drop
    /// Pass the line through unscanned. Explicit opt-in: it can let a secret out.
    case pass
}
