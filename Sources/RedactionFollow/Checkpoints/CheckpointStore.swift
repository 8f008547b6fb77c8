public import SystemPackage

/// Loads and saves the ``FollowState`` in `--state DIR`.
///
/// Files in DIR: `follow.state` (the checkpoint, mode 0600), `follow.state.tmp` (only while
/// saving), `follow.lock` (held with `flock` so two sidecars cannot share DIR).
///
/// Contracts:
/// - DIR must be a directory owned by this user (or root) and not writable by group or others:
///   whoever can write in it could plant a symlink or a forged checkpoint. Otherwise ``init``
///   throws. Every file in it is opened with `O_NOFOLLOW | O_CLOEXEC`, the temp file also with
///   `O_EXCL`, so a planted symlink is refused, never written through.
/// - ``save(_:)`` is atomic: write a new temp file, `fsync` it, `rename` it over the state file,
///   `fsync` the directory. A crash at any point leaves either the old or the new state.
/// - ``load()`` never crashes and never throws on bad content: an empty, truncated, garbled or
///   wrong-version file is reported as ``LoadResult/corrupt(_:)`` (the caller warns once and
///   falls back), a missing one as ``LoadResult/missing``. A leftover temp file is removed.
/// - The file holds numbers, hashes and file names only, never log content.
public final class CheckpointStore {
    enum LoadResult {
        case missing
        case loaded(FollowState)
        /// Why the file was refused (no content from it).
        case corrupt(String)
    }

    public let directory: FilePath
    private let fileSystem: any FollowFileSystem
    var statePath: FilePath { directory.appending("follow.state") }
    var temporaryPath: FilePath { directory.appending("follow.state.tmp") }
    /// Held for the life of the store: the lock lasts as long as the open file.
    private let lock: any WritableFile

    /// Creates DIR (mode 0700) if needed, checks its permissions and takes the lock.
    /// - Throws: ``FollowError`` when DIR cannot be used, is writable by others, or another
    ///   sidecar holds it.
    public init(directory: FilePath, fileSystem: any FollowFileSystem) throws(FollowError) {
        self.directory = directory
        self.fileSystem = fileSystem
        do { try fileSystem.createDirectory(directory, permissions: 0o700) } catch .fileExists {} catch {
            throw FollowError("--state \(directory): cannot create directory: \(error)")
        }
        let status: FileStatus
        do { status = try fileSystem.status(of: directory, followingSymlinks: true) } catch {
            throw FollowError("--state \(directory): \(error)")
        }
        guard status.kind == .directory else { throw FollowError("--state \(directory): not a directory") }
        if status.permissions & 0o022 != 0 {
            let mode = String(status.permissions, radix: 8)
            throw FollowError("--state \(directory) is writable by group or others (mode 0\(mode)); whoever can write "
                + "there can redirect the sidecar's writes. Use a directory only this user can write (chmod 700)")
        }
        if status.owner != fileSystem.effectiveUserID && status.owner != 0 {
            throw FollowError("--state \(directory) belongs to user \(status.owner), not to this user "
                + "(\(fileSystem.effectiveUserID)) or root; use a directory this user owns")
        }
        let lockPath = directory.appending("follow.lock")
        do { lock = try fileSystem.openForWriting(lockPath, [.create, .readWrite, .noFollow], permissions: 0o600) } catch {
            throw FollowError("--state \(directory): cannot open lock file \(lockPath): \(error)")
        }
        let locked: Bool
        do { locked = try lock.tryLock() } catch { throw FollowError("--state \(directory): cannot lock: \(error)") }
        guard locked else { throw FollowError("--state \(directory): another `redact follow` is using this state directory") }
    }

    /// The largest state file read (a bigger one is corrupt).
    static let maximumSize = 64 << 20

    /// Reads the state file (see the type's contract).
    func load() -> LoadResult {
        try? fileSystem.remove(temporaryPath)
        let file: any ReadableFile
        do { file = try fileSystem.openForReading(statePath, followingSymlinks: false) } catch .noSuchFileOrDirectory {
            return .missing
        } catch {
            return .corrupt("cannot open: \(error)")
        }
        do {
            guard let bytes = try file.readAll(limit: Self.maximumSize) else { return .corrupt("larger than 64 MiB") }
            return Self.parse(bytes)
        } catch {
            return .corrupt("read failed: \(error)")
        }
    }

    /// Writes `state` atomically (see the type's contract).
    /// - Throws: ``FollowError`` when the file cannot be written (disk full, permissions, a
    ///   symlink in the way).
    func save(_ state: FollowState) throws(FollowError) {
        let bytes = Self.serialize(state)
        do {
            try writeNewFile(temporaryPath, bytes, fileSystem: fileSystem)
        } catch {
            throw FollowError("state: cannot write \(temporaryPath): \(error)")
        }
        do { try fileSystem.rename(temporaryPath, to: statePath) } catch {
            throw FollowError("state: cannot rename \(temporaryPath) to \(statePath): \(error)")
        }
        try? fileSystem.synchronizeDirectory(directory)
    }
}

/// Writes `bytes` to a new file at `path` (mode 0600 unless `permissions` says otherwise),
/// refusing to write through anything already there: `O_CREAT | O_EXCL | O_NOFOLLOW`. A leftover
/// (a crash between create and rename) is removed once and the create retried; removing a
/// planted symlink removes the link, never its target. The file is synced before returning.
func writeNewFile(_ path: FilePath, _ bytes: [UInt8], permissions: UInt16 = 0o600,
                  fileSystem: any FollowFileSystem) throws(Errno) {
    let file: any WritableFile
    do {
        file = try fileSystem.openForWriting(path, [.create, .exclusive, .noFollow], permissions: permissions)
    } catch .fileExists {
        try fileSystem.remove(path)
        file = try fileSystem.openForWriting(path, [.create, .exclusive, .noFollow], permissions: permissions)
    }
    try Errno.catching { try bytes.withUnsafeBytes { try file.writeAll($0) } }
    try file.synchronize()
}
