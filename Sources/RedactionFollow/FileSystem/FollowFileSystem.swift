public import SystemPackage

/// The seam between `follow` and the file system: every open, read, stat, directory listing,
/// rename and watch goes through it.
///
/// ``SystemFileSystem`` is the real one (swift-system's `FileDescriptor`, `FilePath`, `Errno`;
/// inotify). Tests use an in-memory one with a manual clock, so rotation, truncation, inode
/// reuse and crash windows run deterministically, without sleeps.
///
/// Errors are `Errno` values; callers turn them into messages that name the path (never
/// content).
public protocol FollowFileSystem: AnyObject {
    /// Opens `path` read-only, never blocking on a FIFO; with `followingSymlinks` false a symlink
    /// as the last component is refused (`O_NOFOLLOW`, `ELOOP`).
    func openForReading(_ path: FilePath, followingSymlinks: Bool) throws(Errno) -> any ReadableFile

    /// Opens `path` for writing as `creation` says, creating it with `permissions` (minus umask).
    func openForWriting(_ path: FilePath, _ creation: FileCreation, permissions: UInt16) throws(Errno) -> any WritableFile

    /// The process's standard output.
    var standardOutput: any WritableFile { get }

    /// The status of `path` (`stat`, or `lstat` when `followingSymlinks` is false).
    func status(of path: FilePath, followingSymlinks: Bool) throws(Errno) -> FileStatus

    /// The names in `directory`, without `.` and `..`, in no particular order.
    func entries(ofDirectory directory: FilePath) throws(Errno) -> [String]

    /// `path` with every symlink resolved (`realpath`), or nil when it cannot be resolved.
    func resolvingSymlinks(_ path: FilePath) -> FilePath?

    /// Renames `source` to `destination`, replacing it atomically (`rename`).
    func rename(_ source: FilePath, to destination: FilePath) throws(Errno)

    /// Removes the name `path` (`unlink`; a symlink itself, never its target).
    func remove(_ path: FilePath) throws(Errno)

    /// Creates a directory (`mkdir`).
    func createDirectory(_ path: FilePath, permissions: UInt16) throws(Errno)

    /// Makes a directory's entries durable (`fsync` on the directory), after a rename in it.
    func synchronizeDirectory(_ path: FilePath) throws(Errno)

    /// The effective user id of this process (who may own the state directory).
    var effectiveUserID: UInt32 { get }

    /// A watcher for changes in directories: inotify when `useInotify` and available, polling
    /// otherwise.
    func makeChangeWatcher(useInotify: Bool, diagnostics: any FollowDiagnostics) -> any ChangeWatcher
}
