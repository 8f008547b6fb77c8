import RedactionFollow
import SystemPackage

/// An in-memory ``FollowFileSystem`` for deterministic tests: files, directories and symlinks in
/// a map of absolute paths; inodes are objects, so an open handle keeps reading a file after it is
/// renamed or deleted, as on POSIX.
///
/// Test-side mutations (``append(_:to:)``, ``rename(_:to:)``, ``truncate(_:to:)``, ...) act like
/// an application and record changes for the ``MemoryChangeWatcher``.
///
/// Crashes: ``crash()`` models `kill -9` of the process using the file system: handles opened
/// before it are dead (their writes are dropped, their locks released). ``crashBefore`` arms a
/// crash at the next matching write-side operation (the operation does not happen and the caller
/// gets `EIO`), to test each window of a checkpoint.
final class MemoryFileSystem: FollowFileSystem {
    /// A file or directory.
    final class Inode {
        let number: UInt64
        let isDirectory: Bool
        var bytes: [UInt8] = []
        var permissions: UInt16
        var owner: UInt32
        var modified: Double
        /// The live handle holding the `flock`, if any.
        var lockedBy: ObjectIdentifier?

        init(number: UInt64, isDirectory: Bool, permissions: UInt16, owner: UInt32, modified: Double) {
            self.number = number
            self.isDirectory = isDirectory
            self.permissions = permissions
            self.owner = owner
            self.modified = modified
        }
    }

    enum Entry {
        case inode(Inode)
        case symlink(String)
    }

    /// A write-side operation, for ``crashBefore`` and the operation log.
    enum Operation: Equatable, CustomStringConvertible {
        case open(String)
        case write(String)
        case sync(String)
        case resize(String)
        case rename(from: String, to: String)
        case remove(String)
        case syncDirectory(String)

        var description: String {
            switch self {
            case .open(let path): "open \(path)"
            case .write(let path): "write \(path)"
            case .sync(let path): "fsync \(path)"
            case .resize(let path): "truncate \(path)"
            case .rename(let from, let to): "rename \(from) -> \(to)"
            case .remove(let path): "unlink \(path)"
            case .syncDirectory(let path): "fsync dir \(path)"
            }
        }
    }

    let clock: ManualClock
    private(set) var entries: [String: Entry] = [:]
    private(set) var generation = 0
    private var nextInode: UInt64 = 100
    var effectiveUserID: UInt32 = 1000
    /// What changed since the watcher last looked.
    var pendingChanges = DirectoryChanges()
    /// Crash before the first operation this returns true for (then disarmed).
    var crashBefore: ((Operation) -> Bool)?
    /// Armed by ``afterReads(_:of:_:)``.
    private var readHook: (inode: Inode, remaining: Int, action: () -> Void)?
    /// Every write-side operation in order.
    private(set) var operations: [Operation] = []
    /// Captures everything written to stdout.
    let stdoutInode: Inode
    /// A process's stdout (a new handle per process, so a crashed one writes nothing more).
    var standardOutput: any WritableFile {
        MemoryWritableFile(fileSystem: self, inode: stdoutInode, path: "<stdout>", append: true)
    }

    init(clock: ManualClock) {
        self.clock = clock
        stdoutInode = Inode(number: 1, isDirectory: false, permissions: 0o600, owner: 1000, modified: 0)
        entries["/"] = .inode(Inode(number: 2, isDirectory: true, permissions: 0o755, owner: 0, modified: 0))
    }

    // MARK: - Paths

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// Resolves symlinks in `path` (in the last component only when `followLast`).
    /// - Returns: the resolved path and its entry (nil: missing, the parent exists).
    func resolve(_ path: String, followLast: Bool) throws(Errno) -> (path: String, entry: Entry?) {
        var pending = Self.normalize(path).split(separator: "/").map(String.init)
        var current = "/"
        var hops = 0
        while !pending.isEmpty {
            let name = pending.removeFirst()
            let candidate = current == "/" ? "/" + name : current + "/" + name
            guard let entry = entries[candidate] else {
                if pending.isEmpty { return (candidate, nil) }
                throw .noSuchFileOrDirectory
            }
            if case .symlink(let target) = entry, followLast || !pending.isEmpty {
                hops += 1
                if hops > 40 { throw .tooManySymbolicLinkLevels }
                let absolute = target.hasPrefix("/") ? target : (current == "/" ? "/" : current + "/") + target
                pending = Self.normalize(absolute).split(separator: "/").map(String.init) + pending
                current = "/"
                continue
            }
            if !pending.isEmpty, case .inode(let inode) = entry, !inode.isDirectory { throw .notDirectory }
            current = candidate
        }
        return (current, entries[current])
    }

    private func status(of entry: Entry) -> FileStatus {
        switch entry {
        case .inode(let inode): return status(of: inode)
        case .symlink(let target):
            return FileStatus(identity: FileIdentity(device: 1, inode: UInt64(abs(target.hashValue % 100_000)) + 1_000_000),
                              kind: .symbolicLink, size: Int64(target.utf8.count), permissions: 0o777, owner: effectiveUserID,
                              modificationTime: 0)
        }
    }

    func status(of inode: Inode) -> FileStatus {
        FileStatus(identity: FileIdentity(device: 1, inode: inode.number), kind: inode.isDirectory ? .directory : .regular,
                   size: Int64(inode.bytes.count), permissions: inode.permissions, owner: inode.owner,
                   modificationTime: inode.modified)
    }

    /// Records a write-side operation; crashes first when it is armed for it.
    func perform(_ operation: Operation) throws(Errno) {
        if let rule = crashBefore, rule(operation) {
            crashBefore = nil
            crash()
            throw .ioError
        }
        operations.append(operation)
    }

    /// Whether a handle opened in `handleGeneration` still belongs to a live process.
    func isAlive(_ handleGeneration: Int) -> Bool { handleGeneration == generation }

    /// `kill -9` of the process: every handle opened so far is dead, its locks are released.
    func crash() {
        generation += 1
        for case .inode(let inode) in entries.values { inode.lockedBy = nil }
    }

    /// Runs `action` once, right after the `count`-th read of the file now at `path` (through any
    /// handle): what another process (logrotate) does between two reads of the sidecar.
    func afterReads(_ count: Int, of path: String, _ action: @escaping () -> Void) {
        guard case .inode(let inode)? = try? resolve(path, followLast: true).entry else { fatalError("no file \(path)") }
        readHook = (inode, count, action)
    }

    /// Disarms the action of ``afterReads(_:of:_:)``; returns whether it had not run yet.
    func cancelReadHook() -> Bool {
        defer { readHook = nil }
        return readHook != nil
    }

    /// Counts a read of `inode` for ``afterReads(_:of:_:)``.
    func didRead(_ inode: Inode) {
        guard let hook = readHook, hook.inode === inode else { return }
        guard hook.remaining <= 1 else {
            readHook?.remaining -= 1
            return
        }
        readHook = nil
        hook.action()
    }

    // MARK: - FollowFileSystem

    func openForReading(_ path: FilePath, followingSymlinks: Bool) throws(Errno) -> any ReadableFile {
        let (_, entry) = try resolve(path.string, followLast: followingSymlinks)
        switch entry {
        case nil: throw .noSuchFileOrDirectory
        case .symlink: throw .tooManySymbolicLinkLevels
        case .inode(let inode): return MemoryReadableFile(fileSystem: self, inode: inode)
        }
    }

    func openForWriting(_ path: FilePath, _ creation: FileCreation, permissions: UInt16) throws(Errno) -> any WritableFile {
        let exclusive = creation.contains(.create) && creation.contains(.exclusive)
        let (resolved, entry) = try resolve(path.string, followLast: !creation.contains(.noFollow) && !exclusive)
        try perform(.open(resolved))
        switch entry {
        case .symlink: throw exclusive ? .fileExists : .tooManySymbolicLinkLevels
        case .inode(let inode):
            if exclusive { throw .fileExists }
            if inode.isDirectory { throw .isDirectory }
            return MemoryWritableFile(fileSystem: self, inode: inode, path: resolved, append: creation.contains(.append))
        case nil:
            guard creation.contains(.create) else { throw .noSuchFileOrDirectory }
            let inode = try makeInode(at: resolved, isDirectory: false, permissions: permissions & ~0o022)
            return MemoryWritableFile(fileSystem: self, inode: inode, path: resolved, append: creation.contains(.append))
        }
    }

    func status(of path: FilePath, followingSymlinks: Bool) throws(Errno) -> FileStatus {
        let (_, entry) = try resolve(path.string, followLast: followingSymlinks)
        guard let entry else { throw .noSuchFileOrDirectory }
        return status(of: entry)
    }

    func entries(ofDirectory directory: FilePath) throws(Errno) -> [String] {
        let (resolved, entry) = try resolve(directory.string, followLast: true)
        guard case .inode(let inode) = entry else { throw .noSuchFileOrDirectory }
        guard inode.isDirectory else { throw .notDirectory }
        let prefix = resolved == "/" ? "/" : resolved + "/"
        return entries.keys.filter { $0.hasPrefix(prefix) && $0 != resolved && !$0.dropFirst(prefix.count).contains("/") }
            .map { String($0.dropFirst(prefix.count)) }
    }

    func resolvingSymlinks(_ path: FilePath) -> FilePath? {
        guard let (resolved, entry) = try? resolve(path.string, followLast: true), entry != nil else { return nil }
        return FilePath(resolved)
    }

    func rename(_ source: FilePath, to destination: FilePath) throws(Errno) {
        let (from, entry) = try resolve(source.string, followLast: false)
        let (to, _) = try resolve(destination.string, followLast: false)
        try perform(.rename(from: from, to: to))
        guard let entry else { throw .noSuchFileOrDirectory }
        entries[from] = nil
        entries[to] = entry
    }

    func remove(_ path: FilePath) throws(Errno) {
        let (resolved, entry) = try resolve(path.string, followLast: false)
        try perform(.remove(resolved))
        guard entry != nil else { throw .noSuchFileOrDirectory }
        entries[resolved] = nil
    }

    func createDirectory(_ path: FilePath, permissions: UInt16) throws(Errno) {
        let (resolved, entry) = try resolve(path.string, followLast: false)
        guard entry == nil else { throw .fileExists }
        _ = try makeInode(at: resolved, isDirectory: true, permissions: permissions & ~0o022)
    }

    func synchronizeDirectory(_ path: FilePath) throws(Errno) {
        try perform(.syncDirectory(Self.normalize(path.string)))
    }

    func makeChangeWatcher(useInotify: Bool, diagnostics: any FollowDiagnostics) -> any ChangeWatcher {
        MemoryChangeWatcher(fileSystem: self, isEventDriven: useInotify)
    }

    /// Puts `entry` at `path` (replacing what is there), for the application-side helpers.
    func place(_ entry: Entry, at path: String) {
        entries[Self.normalize(path)] = entry
        pendingChanges = .everything
    }

    private func makeInode(at path: String, isDirectory: Bool, permissions: UInt16, number: UInt64? = nil) throws(Errno) -> Inode {
        guard case .inode(let parent) = entries[Self.parent(of: path)], parent.isDirectory else { throw .noSuchFileOrDirectory }
        let inode = Inode(number: number ?? nextNumber(), isDirectory: isDirectory, permissions: permissions,
                          owner: effectiveUserID, modified: clock.wallClockNow())
        entries[path] = .inode(inode)
        return inode
    }

    private func nextNumber() -> UInt64 {
        nextInode += 1
        return nextInode
    }
}
