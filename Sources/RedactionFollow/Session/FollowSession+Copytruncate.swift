import SystemPackage

/// copytruncate recovery: when a file shrinks or is rewritten, the rest of its old content is read
/// from the copy (a file next to it, named like it, with the same first bytes and the same bytes
/// before the read position), then the file is read again from the start.
extension FollowSession {
    /// A file shrank or was rewritten: read the rest of its old content from the copy if one is
    /// found (copytruncate), then read it again from the start.
    func handleTruncation(of file: TailedFile, now: Double) throws {
        trace("truncated: \(file.lastKnownPath) \(file.identity) at \(file.readOffset)")
        counters.truncations += 1
        if now - lastTruncationNote >= 10 {
            lastTruncationNote = now
            diagnostics.note("follow: \(file.lastKnownPath) was truncated; reading it from the start")
        }
        let described = file.checkpoint(status: .active)
        let recovered = try readFromCopy(of: file, described: described, startingAt: file.readOffset)
        if !recovered && file.readOffset > 0 { counters.copytruncateLosses += 1 }
        file.restartFromBeginning()
    }

    /// Looks for a copy of the content `described` (same first bytes and bytes before its offset)
    /// among the files next to `file` named like it; feeds the copy's bytes from `offset` on into
    /// `file`'s redactor and records the copy as finished.
    /// - Returns: whether a copy was found.
    @discardableResult
    func readFromCopy(of file: TailedFile, described: FileCheckpoint, startingAt offset: Int64) throws -> Bool {
        var candidates: [FilePath] = []
        for (identity, suspicion) in tracked.suspectedCopies where identity != file.identity { candidates.append(suspicion.path) }
        // Names the original went by: the copy is named after the followed name (app.log.1,
        // app.log-20250101), even when the original itself was renamed since.
        for original in Set([file.followedPath, file.lastKnownPath, described.path]) {
            let base = original.baseName
            for path in siblings(of: original) where path.baseName != base && path.baseName.hasPrefix(base) {
                if !candidates.contains(path) { candidates.append(path) }
            }
        }
        for path in candidates {
            guard let (copy, status) = openRegular(path, quiet: true) else { continue }
            let identity = status.identity
            guard identity != file.identity, !tracked.isOpen(identity),
                  !isFinishedUnchanged(identity, file: copy, size: status.size) else { continue }
            if described.isMatched(by: copy, size: status.size) {
                trace("copy of \(file.lastKnownPath) found: \(path) \(identity) size \(status.size), reading from \(offset)")
                var sink = LinePrefixingSink(output: output, prefix: file.prefix)
                if status.size > offset {
                    try file.readContinuation(from: copy, startingAt: offset, into: readBuffer, sink: &sink)
                    diagnostics.checkEngineFailures(of: file.redactor, source: file.followedPath.string)
                }
            } else if !(tracked.suspectedCopies[identity] != nil && status.size < described.offset
                        && described.headIsMatched(by: copy, size: status.size)) {
                continue
            }
            // The copy's content is now delivered (or was already read through the original).
            tracked.markFinished(FileCheckpoint.whole(copy, identity: identity, size: status.size, path: path),
                                 at: clock.monotonicNow())
            tracked.suspectedCopies[identity] = nil
            return true
        }
        return false
    }

    /// Whether the file at `path` starts with the same bytes as an open file (a copytruncate copy
    /// in the making, or a file with a common header: held back for the rotate wait).
    func isPossibleCopy(_ path: FilePath) -> Bool {
        guard let file = try? fileSystem.openForReading(path, followingSymlinks: true) else { return false }
        let head = file.bytes(at: 0, count: FileCheckpoint.headCapacity)
        guard head.count == FileCheckpoint.headCapacity else { return false }
        let hash = ContentHash.of(head)
        return tracked.open.contains { open in
            let saved = open.checkpoint(status: .active)
            return saved.headLength == FileCheckpoint.headCapacity && saved.headHash == hash
        }
    }

    /// Whether the open file is a finished file, unchanged (same size and content markers). A
    /// finished entry that no longer matches (inode reused by a new file) is dropped.
    func isFinishedUnchanged(_ identity: FileIdentity, file: any ReadableFile, size: Int64) -> Bool {
        guard let done = tracked.finishedCheckpoint(identity), done.headLength > 0 else { return false }
        let matches = done.isMatched(by: file, size: size)
        if matches && size == done.offset { return true }
        if !matches { tracked.forgetFinished(identity) }
        return false
    }
}
