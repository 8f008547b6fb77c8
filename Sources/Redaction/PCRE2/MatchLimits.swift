/// Resource limits applied to every PCRE2 match.
///
/// The distribution default heap limit is about 19 GiB and the default match limit 10 million, so
/// the engine always sets all three explicitly. Any match that hits a limit fails closed: the line
/// is masked and counted, never passed through.
public struct MatchLimits: Sendable, Hashable {
    /// `pcre2_set_match_limit_8`: backtracking steps per start position.
    public var matchLimit: UInt32 = 1_000_000
    /// `pcre2_set_depth_limit_8`: backtracking depth (interpreter only).
    public var depthLimit: UInt32 = 100_000
    /// `pcre2_set_heap_limit_8`, in KiB (interpreter only).
    public var heapLimitKiB: UInt32 = 16_384
    /// Initial JIT stack size in bytes.
    public var jitStackStart: Int = 32 * 1024
    /// Maximum JIT stack size in bytes (`pcre2_jit_stack_create_8`).
    public var jitStackMax: Int = 1024 * 1024

    /// A rule that hits a resource limit on this many consecutive lines it runs on is quarantined:
    /// for the next ``quarantineLines`` lines where it would run, the line is masked as an engine
    /// error without running it (fail closed, and a catastrophic pattern cannot cost the full
    /// match limit on every line). A line it completes without error resets the count.
    public var quarantineThreshold: UInt16 = 8
    /// Candidate lines a quarantined rule is skipped (and its lines masked) before it runs again.
    public var quarantineLines: UInt16 = 4096

    public init() {}

    /// The defaults: match 1,000,000, depth 100,000, heap 16 MiB, JIT stack 32 KiB to 1 MiB.
    public static let `default` = MatchLimits()
}
