import RedactionFollow
import SystemPackage

/// What applications, logrotate and attackers do to files, for tests. Every change is recorded
/// for the watcher; paths are absolute.
extension MemoryFileSystem {
    /// Creates `path` and its missing parents as directories (mode 0755 unless given).
    func makeDirectories(_ path: String, permissions: UInt16 = 0o755) {
        var current = ""
        for part in MemoryFileSystem.normalize(path).split(separator: "/") {
            current += "/" + part
            if (try? status(of: FilePath(current), followingSymlinks: false)) == nil {
                try! createDirectory(FilePath(current), permissions: 0o777)
                try! setPermissions(current, permissions)
            }
        }
    }

    func setPermissions(_ path: String, _ permissions: UInt16) throws {
        guard case .inode(let inode) = try resolve(path, followLast: true).entry else { throw Errno.noSuchFileOrDirectory }
        inode.permissions = permissions
    }

    /// Appends `text` like a logger with `O_APPEND` (creating the file).
    func append(_ text: String, to path: String) {
        let file = try! openForWriting(FilePath(path), [.create, .append], permissions: 0o644)
        Array(text.utf8).withUnsafeBytes { try! file.writeAll($0) }
        pendingChanges = .everything
    }

    /// Creates an empty file, optionally with a given inode number (inode reuse).
    func createFile(_ path: String, inode number: UInt64? = nil) {
        if let number {
            let inode = Inode(number: number, isDirectory: false, permissions: 0o644, owner: effectiveUserID,
                              modified: clock.wallClockNow())
            place(.inode(inode), at: path)
        } else {
            append("", to: path)
        }
    }

    /// The inode number of the file at `path` (following symlinks).
    func inodeNumber(_ path: String) -> UInt64 { try! status(of: FilePath(path), followingSymlinks: true).identity.inode }

    /// Cuts `path` to `length` bytes (copytruncate's truncation; `truncate -s`).
    func truncate(_ path: String, to length: Int = 0) {
        guard case .inode(let inode) = try! resolve(path, followLast: true).entry else { fatalError("no file \(path)") }
        inode.bytes.removeLast(max(0, inode.bytes.count - length))
        inode.modified = clock.wallClockNow()
        pendingChanges.content = true
    }

    /// Copies the content of `source` to a new file `destination` (copytruncate's copy).
    func copy(_ source: String, to destination: String) {
        append(text(of: source), to: destination)
    }

    /// Renames like mv(1).
    func move(_ source: String, to destination: String) {
        try! rename(FilePath(source), to: FilePath(destination))
        pendingChanges = .everything
    }

    /// Deletes the name (open handles keep the content).
    func delete(_ path: String) {
        try! remove(FilePath(path))
        pendingChanges = .everything
    }

    /// Creates (or atomically replaces) a symlink at `path` pointing to `target`.
    func symlink(_ target: String, at path: String) { place(.symlink(target), at: path) }

    /// The content of `path` as text (empty when missing).
    func text(of path: String) -> String {
        guard let (_, entry) = try? resolve(path, followLast: true), case .inode(let inode)? = entry else { return "" }
        return String(decoding: inode.bytes, as: UTF8.self)
    }

    /// Everything written to stdout so far.
    var stdoutText: String { String(decoding: stdoutInode.bytes, as: UTF8.self) }
}
