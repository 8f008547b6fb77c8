import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileStatus {
    /// The fields `follow` uses, from swift-system's `Stat`.
    init(_ stat: Stat) {
        let kind: Kind
        switch stat.type {
        case .regular: kind = .regular
        case .directory: kind = .directory
        case .symbolicLink: kind = .symbolicLink
        default: kind = .other
        }
        let modified = stat.st_mtim
        self.init(identity: FileIdentity(device: UInt64(stat.deviceID.rawValue), inode: UInt64(stat.inode.rawValue)),
                  kind: kind, size: stat.size, permissions: UInt16(stat.permissions.rawValue & 0o7777),
                  owner: UInt32(stat.userID.rawValue),
                  modificationTime: Double(modified.tv_sec) + Double(modified.tv_nsec) / 1e9)
    }
}
