/// How ``FollowFileSystem/openForWriting(_:_:permissions:)`` opens a file. Every open is
/// close-on-exec (`O_CLOEXEC`).
public struct FileCreation: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Create the file when missing (`O_CREAT`).
    public static let create = FileCreation(rawValue: 1 << 0)
    /// Fail when the name exists, whatever it is, a symlink included (`O_EXCL`).
    public static let exclusive = FileCreation(rawValue: 1 << 1)
    /// Every write goes to the end (`O_APPEND`).
    public static let append = FileCreation(rawValue: 1 << 2)
    /// Refuse a symlink as the last component (`O_NOFOLLOW`).
    public static let noFollow = FileCreation(rawValue: 1 << 3)
    /// Open for reading too (`O_RDWR`), as lock files are.
    public static let readWrite = FileCreation(rawValue: 1 << 4)
}
