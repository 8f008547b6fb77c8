#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The identity of a file independent of its name: device and inode numbers.
///
/// Contract: two open files with equal identities are the same file. An identity can be reused
/// after the file is deleted and closed everywhere (inode reuse), so checkpoints pair it with a
/// content fingerprint (see ``FileCheckpoint``).
struct FileIdentity: Hashable, Sendable, CustomStringConvertible {
    var device: UInt64
    var inode: UInt64

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    var description: String { "\(device):\(inode)" }
}
