/// Everything `follow` persists, saved and loaded as one unit by ``CheckpointStore``.
///
/// One state file (not one per tailed file) because exactly-once delivery with `--output` needs
/// the output length and every file's offset to move together atomically: after a crash the
/// output is truncated to `output.length` and every file resumes at its offset, which
/// reproduces exactly the bytes that were cut off.
struct FollowState: Hashable, Sendable {
    /// The output file at the time of the checkpoint (nil: stdout).
    struct Output: Hashable, Sendable {
        var identity: FileIdentity
        var length: Int64
    }

    var output: Output?
    var files: [FileCheckpoint] = []
    /// Wall-clock seconds when the checkpoint was taken. On a restart, files named like a
    /// followed file that are not in the checkpoint but were modified after it (minus a margin
    /// shorter than the rotate wait) were rotated away before the sidecar saw them: they are
    /// read from their start.
    var savedAt: Double = 0
}
