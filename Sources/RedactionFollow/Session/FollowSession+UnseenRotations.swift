import SystemPackage

/// Files that were rotated away before the sidecar saw them under their followed name: created
/// and renamed while it was down (found at restart), or within one slow cycle (a generation that
/// lived under the name shorter than a cycle, when fsync stalls the loop). They are read from
/// their start, before the file now under the name.
extension FollowSession {
    /// How far before the reference time a file's modification counts as unseen: shorter than
    /// the rotate wait, so a file closed before it (last written at least the rotate wait
    /// earlier, and remembered as finished for the retention period) never counts.
    var unseenRotationMargin: Double { min(1.0, settings.rotateWait / 2) }

    /// Opens, as rotated files, the files next to each of `followedNames` named like it (not
    /// compressed), modified after `since` (wall clock), and not known: not open, not in
    /// `excluding`, not described by a finished or `known` checkpoint they still match, and not
    /// a copy of an open file's content (``isCopyOfOpenFile(_:size:)``: its lines come through
    /// the original and, after its truncation, from the copy at the original's position; while
    /// running, any file with an open file's first bytes is held back too). At restart this
    /// is what keeps a copytruncate that runs while the sidecar starts from being read twice.
    ///
    /// - Parameter rotationNamesOnly: only names where the followed name is followed by `.`, `-`
    ///   or `_` and a digit (`app.log.1`, `app.log-20250101`): while running, other files named
    ///   like the log (`app.log.pos` of another shipper) must not be taken for rotations.
    /// - Parameter first: at restart they go before every open file (oldest first); while
    ///   running after the files open so far, which is before the new file under the name.
    /// - Returns: how many files were opened.
    @discardableResult
    func recoverUnseenRotations(of followedNames: Set<FilePath>, modifiedAfter since: Double,
                                known: [FileIdentity: FileCheckpoint] = [:], excluding: Set<FileIdentity> = [],
                                rotationNamesOnly: Bool, first: Bool, now: Double) -> Int {
        var seen = excluding.union(tracked.open.map(\.identity))
        var described = known
        for entry in tracked.finished.values { described[entry.checkpoint.identity] = entry.checkpoint }
        var found: [(modified: Double, followed: FilePath, path: FilePath, file: any ReadableFile, identity: FileIdentity)] = []
        for followed in followedNames.sorted(by: { $0.string < $1.string }) {
            let base = followed.baseName
            for path in siblings(of: followed) {
                let name = path.baseName
                guard name != base, name.hasPrefix(base) else { continue }
                if [".gz", ".xz", ".bz2", ".zst", ".lz4", ".zip"].contains(where: { name.hasSuffix($0) }) { continue }
                if rotationNamesOnly && !Self.looksRotated(String(name.dropFirst(base.count))) { continue }
                guard let (file, status) = openRegular(path, quiet: true) else { continue }
                let identity = status.identity
                guard status.modificationTime > since, !seen.contains(identity) else { continue }
                // Known: described by a checkpoint it still matches (not a reused inode).
                if described[identity].map({ $0.headLength > 0 && $0.isMatched(by: file, size: status.size) }) == true { continue }
                if isCopyOfOpenFile(file, size: status.size) || (rotationNamesOnly && isPossibleCopy(path)) {
                    trace("\(path) \(identity) is a copy of an open file, not a file rotated away unseen")
                    continue
                }
                seen.insert(identity)
                found.append((status.modificationTime, followed, path, file, identity))
            }
        }
        for entry in found.sorted(by: { first ? $0.modified > $1.modified : $0.modified < $1.modified }) {
            trace("unseen rotated file \(entry.path) \(entry.identity) read from 0")
            let tailed = makeFile(identity: entry.identity, followedPath: entry.followed, path: entry.path, file: entry.file,
                                  offset: 0, now: now)
            tailed.phase = .rotated
            tracked.add(tailed, first: first)  // also drops a stale finished entry of a reused inode
        }
        return found.count
    }

    /// Whether `suffix` (the name after the followed name) looks like a rotation: a separator
    /// (`.`, `-`, `_`) then a digit.
    static func looksRotated(_ suffix: String) -> Bool {
        let characters = Array(suffix)
        guard characters.count >= 2, ".-_".contains(characters[0]) else { return false }
        return characters[1].isASCII && characters[1].isNumber
    }
}
