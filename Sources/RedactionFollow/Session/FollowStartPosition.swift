/// `--from`: where reading starts in a file that has no checkpoint at the first start.
///
/// On a restart with a valid state file every file without a checkpoint is read from its
/// beginning whatever this says (it appeared while the sidecar was down, e.g. by rotation), and a
/// file that appears while following is always read from its beginning.
public enum FollowStartPosition: String, CaseIterable, Sendable {
    /// Read existing content (the default).
    case beginning
    /// Skip existing content: start after the current end, dropping the rest of an unfinished
    /// last line so that no fragment is ever emitted.
    case end
}
