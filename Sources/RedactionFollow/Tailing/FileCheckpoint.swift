import Redaction
import SystemPackage

/// The saved position in one tailed file. Holds no log content: only numbers and hashes.
///
/// - `offset` is the byte just after the last complete line delivered; a partial last line is
///   never counted, so after a restart it is read again and emitted once, whole.
/// - `headLength`/`headHash` fingerprint the first bytes (up to ``FileCheckpoint/headCapacity``) and
///   detect inode reuse; `windowLength`/`windowHash` fingerprint the bytes just before `offset`
///   (up to ``FileCheckpoint/windowCapacity``) and detect a truncation or rewrite (copytruncate),
///   even one that regrew past the offset.
/// - `openBlock` is the engine's open multi-line block at `offset` (a rule id and a count).
/// - `path` is the followed name the file belongs to (the file is found again by identity in its
///   directory if it was renamed while the sidecar was down, and a rotated file is tied to the
///   file under that name, its successor); for a consumed copytruncate copy, the copy's name.
struct FileCheckpoint: Hashable, Sendable {
    /// How many leading bytes the head fingerprint covers at most.
    static let headCapacity = 64
    /// How many bytes before the offset the window fingerprint covers at most.
    static let windowCapacity = 32

    /// What the file was doing when the checkpoint was taken.
    enum Status: String, Sendable {
        /// Under a followed name.
        case active
        /// Renamed or deleted, being drained during the rotate wait.
        case rotated
        /// Closed after the rotate wait (or a consumed copytruncate copy) but still under a
        /// followed name: not to be read again unless it grows.
        case finished
    }

    var identity: FileIdentity
    var offset: Int64
    var headLength: Int
    var headHash: UInt64
    var windowLength: Int
    var windowHash: UInt64
    var status: Status
    var path: FilePath
    /// A multi-line block (a PEM key) open at `offset`: restored into the new redactor on resume,
    /// so the block's remaining lines are still masked after a restart.
    var openBlock: OpenBlock? = nil
}
