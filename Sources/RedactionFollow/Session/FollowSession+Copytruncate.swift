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
    ///
    /// A copy made while the sidecar was already past its end (logrotate copied, the writer added
    /// lines, the sidecar read them, then the truncation came) holds nothing new: it has the same
    /// first bytes and is shorter than the offset. Such copies are recorded as finished too, so a
    /// restart never takes them for files rotated away unseen (which would deliver them twice).
    /// A full match is looked for first: a shorter file with the same head can be the copy of an
    /// earlier generation when every generation starts alike (a banner).
    /// - Returns: whether the rest of the content after `offset` was found in a copy.
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
        var alreadyDelivered: [(path: FilePath, copy: any ReadableFile, status: FileStatus)] = []
        for path in candidates {
            guard let (copy, status) = openRegular(path, quiet: true) else { continue }
            let identity = status.identity
            guard identity != file.identity, !tracked.isOpen(identity),
                  !isFinishedUnchanged(identity, file: copy, size: status.size) else { continue }
            guard described.isMatched(by: copy, size: status.size) else {
                if status.size < described.offset && described.headIsMatched(by: copy, size: status.size) {
                    alreadyDelivered.append((path, copy, status))
                }
                continue
            }
            trace("copy of \(file.lastKnownPath) found: \(path) \(identity) size \(status.size), reading from \(offset)")
            if status.size > offset {
                var sink = LinePrefixingSink(output: output, prefix: file.prefix)
                try file.readContinuation(from: copy, startingAt: offset, into: readBuffer, sink: &sink)
                diagnostics.checkEngineFailures(of: file.redactor, source: file.followedPath.string)
            }
            markCopyFinished(path: path, copy: copy, status: status)
            return true
        }
        for shorter in alreadyDelivered {
            trace("copy of \(file.lastKnownPath) already read through it: \(shorter.path) size \(shorter.status.size)")
            markCopyFinished(path: shorter.path, copy: shorter.copy, status: shorter.status)
        }
        return false
    }

    /// A file opened empty got its first bytes: if meanwhile a copy of it appeared next to it
    /// (named like it, new since it was empty) whose first bytes are not the file's, the file was
    /// filled, copied and truncated before this sidecar read any of it (a copytruncate within one
    /// slow cycle). The copy's content comes first, then the file's. A copy whose first bytes
    /// are the file's was made of content the file still holds: it is left to the truncation
    /// handling.
    func recoverMissedCopy(of file: TailedFile, now: Double) throws {
        guard let before = file.siblingsWhenEmpty, let size = try? file.file.status().size, size > 0 else { return }
        file.siblingsWhenEmpty = nil
        guard file.readOffset == 0 else { return }
        let current = file.file.bytes(at: 0, count: FileCheckpoint.headCapacity)
        let base = file.lastKnownPath.baseName
        for path in siblings(of: file.lastKnownPath) where path.baseName != base && path.baseName.hasPrefix(base) {
            if [".gz", ".xz", ".bz2", ".zst", ".lz4", ".zip"].contains(where: { path.baseName.hasSuffix($0) }) { continue }
            guard let (copy, status) = openRegular(path, quiet: true), status.size > 0, !before.contains(status.identity),
                  !tracked.isOpen(status.identity), tracked.finishedCheckpoint(status.identity) == nil else { continue }
            let head = copy.bytes(at: 0, count: min(FileCheckpoint.headCapacity, current.count))
            if head == Array(current.prefix(head.count)) { continue }
            trace("missed copy of \(file.lastKnownPath): \(path) \(status.identity) size \(status.size), read from 0")
            counters.truncations += 1
            var sink = LinePrefixingSink(output: output, prefix: file.prefix)
            try file.readContinuation(from: copy, startingAt: 0, into: readBuffer, sink: &sink)
            diagnostics.checkEngineFailures(of: file.redactor, source: file.followedPath.string)
            markCopyFinished(path: path, copy: copy, status: status)
            tracked.changed = true
        }
    }

    /// Records a copy whose content is delivered (read from it, or already through the original).
    private func markCopyFinished(path: FilePath, copy: any ReadableFile, status: FileStatus) {
        tracked.markFinished(FileCheckpoint.whole(copy, identity: status.identity, size: status.size, path: path),
                             at: clock.monotonicNow())
        tracked.suspectedCopies[status.identity] = nil
    }

    /// Whether `candidate`, of `size` bytes, is a copy of an open file's content (a copytruncate
    /// copy, complete or still being written): its lines come through that file, delivered up to
    /// the file's position; the rest comes from the file or, once it is truncated, from the copy
    /// (``readFromCopy(of:described:startingAt:)``, from that position). Such a copy is never a
    /// file rotated away unseen: read from 0, it would deliver those lines twice.
    ///
    /// A copy starts with the open file's first bytes and either holds its bytes before its
    /// position (copied after the reader got there), or ends with the bytes the open file holds at
    /// the same place (a copy of a part it still holds), or ends before its position when the
    /// open file no longer reaches that position (truncated since; copied before the reader passed
    /// the copy's end, which `readFromCopy` records as already delivered). A file that only shares
    /// the first bytes (every generation starts with the same banner) is none of these.
    func isCopyOfOpenFile(_ candidate: any ReadableFile, size: Int64) -> Bool {
        tracked.open.contains { open in
            let described = open.checkpoint(status: .active)
            guard described.headIsMatched(by: candidate, size: size) else { return false }
            if described.offset > 0 && described.isMatched(by: candidate, size: size) { return true }
            let length = Int(min(size, Int64(FileCheckpoint.windowCapacity)))
            let ending = candidate.bytes(at: size - Int64(length), count: length)
            if open.file.bytes(at: size - Int64(length), count: length) == ending { return true }
            // Checked after reading: a truncation just before the read shows here.
            return size < described.offset && ((try? open.file.status().size) ?? 0) < described.offset
        }
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
