/// The identity of a file independent of its name: device and inode numbers.
///
/// Contract: two open files with equal identities are the same file. An identity can be reused
/// after the file is deleted and closed everywhere (inode reuse), so checkpoints pair it with a
/// content fingerprint (see ``FileCheckpoint``).
public struct FileIdentity: Hashable, Sendable, CustomStringConvertible {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    public var description: String { "\(device):\(inode)" }
}
