/// What `follow` needs to know about a file (the fields of `stat(2)` it uses).
public struct FileStatus: Hashable, Sendable {
    /// The kinds of file `follow` tells apart.
    public enum Kind: Hashable, Sendable {
        case regular
        case directory
        case symbolicLink
        /// Devices, sockets, FIFOs: never followed.
        case other
    }

    public var identity: FileIdentity
    public var kind: Kind
    /// Size in bytes.
    public var size: Int64
    /// Permission bits (`st_mode & 0o7777`).
    public var permissions: UInt16
    /// Owner user id.
    public var owner: UInt32
    /// Last modification, in seconds since the epoch (wall clock).
    public var modificationTime: Double

    public init(identity: FileIdentity, kind: Kind, size: Int64, permissions: UInt16, owner: UInt32,
                modificationTime: Double) {
        self.identity = identity
        self.kind = kind
        self.size = size
        self.permissions = permissions
        self.owner = owner
        self.modificationTime = modificationTime
    }
}
