import SystemPackage

/// Every file `follow` knows about: the open ones, the names they are followed under, the
/// finished ones (closed, remembered so they are not read again) and suspected copytruncate
/// copies. What a checkpoint records is derived from it (``checkpointEntries()``).
///
/// Invariants:
/// - ``open`` is in reading order: a rotated file before the file that replaced it under its
///   followed name (its successor), so per-name order is kept.
/// - An identity is in at most one of ``open`` and the finished map; opening a file removes its
///   finished entry (an open file wins: inode reuse).
/// - ``changed`` is set by every mutation a checkpoint would record; the session clears it after
///   a checkpoint.
struct TrackedFiles {
    /// A closed file: its final checkpoint and the monotonic time it was closed.
    struct FinishedFile {
        var checkpoint: FileCheckpoint
        var since: Double
    }

    /// A new file whose first bytes equal an open file's: maybe a copytruncate copy in the
    /// making, held back for the rotate wait.
    struct SuspectedCopy {
        var path: FilePath
        var since: Double
    }

    private(set) var open: [TailedFile] = []
    /// Followed name -> identity of the (active, open) file under it.
    var pathIdentities: [FilePath: FileIdentity] = [:] {
        didSet { changed = true }
    }
    private(set) var finished: [FileIdentity: FinishedFile] = [:]
    var suspectedCopies: [FileIdentity: SuspectedCopy] = [:]
    var changed = true

    // MARK: - Open files

    func file(with identity: FileIdentity) -> TailedFile? { open.first { $0.identity == identity } }

    func isOpen(_ identity: FileIdentity) -> Bool { open.contains { $0.identity == identity } }

    /// Adds `file` after the others (`first`: before them, for files rotated before a restart).
    mutating func add(_ file: TailedFile, first: Bool = false) {
        finished[file.identity] = nil
        if first { open.insert(file, at: 0) } else { open.append(file) }
        changed = true
    }

    /// Removes `file` from the open files (the caller records it as finished or hands it over).
    mutating func close(_ file: TailedFile) {
        open.removeAll { $0 === file }
        for (path, identity) in pathIdentities where identity == file.identity { pathIdentities[path] = nil }
        changed = true
    }

    /// The rotated file whose stream `file` continues: the last open rotated file before it
    /// under the same followed name.
    func predecessor(of file: TailedFile) -> TailedFile? {
        guard let index = open.firstIndex(where: { $0 === file }) else { return nil }
        return open[..<index].last { $0.phase == .rotated && $0.followedPath == file.followedPath }
    }

    /// The open file that continues `file`'s stream, if any (the next one under its name).
    func successor(of file: TailedFile) -> TailedFile? {
        guard let index = open.firstIndex(where: { $0 === file }) else { return nil }
        return open[(index + 1)...].first { $0.followedPath == file.followedPath }
    }

    // MARK: - Finished files

    /// The finished checkpoint of `identity`, if it is remembered.
    func finishedCheckpoint(_ identity: FileIdentity) -> FileCheckpoint? { finished[identity]?.checkpoint }

    /// Remembers a closed file (or a consumed copy) so it is not read again.
    mutating func markFinished(_ checkpoint: FileCheckpoint, at now: Double) {
        finished[checkpoint.identity] = FinishedFile(checkpoint: checkpoint, since: now)
        changed = true
    }

    /// Forgets a finished file (it grew again, or its inode now holds another file).
    mutating func forgetFinished(_ identity: FileIdentity) {
        guard finished.removeValue(forKey: identity) != nil else { return }
        changed = true
    }

    /// Forgets finished files not seen under a followed name (`seen`) for `retention` seconds.
    mutating func expireFinished(now: Double, retention: Double, seen: Set<FileIdentity>) {
        for (identity, entry) in finished where !seen.contains(identity) && now - entry.since >= retention {
            forgetFinished(identity)
        }
    }

    // MARK: - Checkpoint

    /// What a checkpoint records: every open file at its position (active or rotated), the
    /// pending state of predecessors handed over to a successor, and the finished files.
    func checkpointEntries() -> [FileCheckpoint] {
        var entries = open.map { $0.checkpoint(status: $0.phase == .active ? .active : .rotated) }
        entries += open.compactMap { $0.handover?.pending }
        let listed = Set(entries.map(\.identity))
        entries += finished.values.map(\.checkpoint).filter { !listed.contains($0.identity) }
        return entries
    }
}
