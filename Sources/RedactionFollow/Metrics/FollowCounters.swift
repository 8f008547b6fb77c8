import Redaction

/// The session's own counters (what the engine's ``RedactionStatistics`` does not hold).
/// Counts only; never content.
struct FollowCounters {
    /// Active files that left their followed name (rename, delete, symlink swap).
    var rotations = 0
    /// Truncations detected (copytruncate, or a file rewritten in place).
    var truncations = 0
    /// Truncations after which the old content past the read position could not be read from a
    /// copy: lines may have been lost.
    var copytruncateLosses = 0
    /// Checkpoints written.
    var checkpoints = 0
    /// Wall-clock time of the last checkpoint.
    var lastCheckpointTime: Double?
    /// Statistics of redactors that no longer belong to an open file.
    var closedFileStatistics = RedactionStatistics()
}
