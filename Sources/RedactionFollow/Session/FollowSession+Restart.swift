import Redaction
import SystemPackage

/// Restart recovery: load the checkpoint, undo output written after it, and reopen every file at
/// its offset (or find it renamed, truncated, replaced, or rotated away while the sidecar was down).
extension FollowSession {
    /// Loads the state, restores the output, opens the files (checkpointed ones at their offsets).
    /// Called by the first ``step(control:)``; calling it again does nothing.
    public func start() throws {
        guard !started else { return }
        started = true
        // Watch first, so no change after the scan below goes unreported.
        for directory in followedPaths.literalDirectories { watcher.watch(directory: directory) }
        let state = loadState()
        if let state, let saved = state.output {
            switch try output.restore(to: saved) {
            case .truncated: break
            case .differentFile:
                diagnostics.note("follow: --output is not the file of the last checkpoint (rotated or replaced); "
                    + "lines after the checkpoint may be delivered twice")
            case .shorter:
                diagnostics.warning("follow: --output is shorter than the last checkpoint recorded "
                    + "(truncated by something else); appending")
            }
        }
        var checkpoints: [FileIdentity: FileCheckpoint] = [:]
        for entry in state?.files ?? [] where checkpoints[entry.identity]?.status != .active {
            if entry.status == .finished, checkpoints[entry.identity] != nil { continue }  // open entries win
            checkpoints[entry.identity] = entry
        }
        let now = clock.monotonicNow()
        var stale = 0
        var newFiles: [(path: FilePath, file: any ReadableFile, identity: FileIdentity, size: Int64)] = []

        for candidate in followedPaths.scan(now: now) {
            let path = candidate.path
            guard let (file, status) = openRegular(path) else { continue }
            let identity = status.identity
            if isOwnOutput(identity, path: path) { continue }
            if tracked.isOpen(identity) || newFiles.contains(where: { $0.identity == identity }) {
                if tracked.isOpen(identity) { tracked.pathIdentities[path] = identity }
                continue
            }
            guard let saved = checkpoints.removeValue(forKey: identity) else {
                newFiles.append((path, file, identity, status.size))
                continue
            }
            let resumed = ContentMarkers(file: file, size: status.size, matching: saved)
            let matches = resumed != nil
            trace("start: \(path) \(identity) size \(status.size) checkpoint \(saved.status) offset \(saved.offset) matches \(matches)")
            if matches {
                if saved.status == .finished && status.size == saved.offset {
                    tracked.markFinished(saved, at: now)
                    continue
                }
                let rotated = saved.status != .active
                let tailed = makeFile(identity: identity, followedPath: rotated ? saved.path : path, path: path, file: file,
                                      offset: saved.offset, now: now, openBlock: saved.openBlock, markers: resumed)
                tailed.phase = rotated ? .rotated : .active
                if tailed.phase == .active { tracked.pathIdentities[path] = identity }
                tracked.add(tailed)
            } else {
                // Truncated (copytruncate while stopped), rewritten, or a reused inode.
                stale += 1
                let tailed = makeFile(identity: identity, followedPath: path, path: path, file: file, offset: 0, now: now)
                tracked.pathIdentities[path] = identity
                tracked.add(tailed)
                try readFromCopy(of: tailed, described: saved, startingAt: saved.offset)
            }
            watchDirectories(of: path)
        }
        // Checkpointed files no longer under a followed name: renamed or deleted while stopped.
        // They go first, oldest first: their lines come before their successors'.
        var missing = 0
        var rotated: [(modified: Double, file: TailedFile)] = []
        for saved in checkpoints.values where saved.status != .finished {
            guard let (path, file, status) = findFile(saved.identity, near: saved.path) else {
                trace("start: \(saved.identity) (\(saved.path)) not found")
                missing += 1
                continue
            }
            let resumed = ContentMarkers(file: file, size: status.size, matching: saved)
            let matches = resumed != nil
            trace("start: \(saved.identity) found as \(path) size \(status.size) offset \(saved.offset) matches \(matches)")
            let tailed = makeFile(identity: saved.identity, followedPath: saved.path, path: path, file: file,
                                  offset: matches ? saved.offset : 0, now: now, openBlock: matches ? saved.openBlock : nil,
                                  markers: resumed)
            tailed.phase = .rotated
            rotated.append((status.modificationTime, tailed))
            if !matches {
                // Truncated after the checkpoint (copytruncate), then renamed: the rest of the
                // old content is in the copy, the new content in this file from 0.
                stale += 1
                try readFromCopy(of: tailed, described: saved, startingAt: saved.offset)
            }
        }
        for entry in rotated.sorted(by: { $0.modified > $1.modified }) { tracked.add(entry.file, first: true) }
        // Finished files (closed, or consumed copies) stay known for the retention period even
        // when no followed name matches them, so a second restart does not read them again.
        for saved in checkpoints.values where saved.status == .finished && tracked.finishedCheckpoint(saved.identity) == nil {
            tracked.markFinished(saved, at: now)
        }
        if let state {
            // Files created and rotated away after the last checkpoint: their lines were cut from
            // --output, or never read. Oldest first, before the current files.
            var followedNames = Set(state.files.map(\.path))
            followedNames.formUnion(tracked.pathIdentities.keys)
            var known: [FileIdentity: FileCheckpoint] = [:]
            for entry in state.files { known[entry.identity] = entry }
            recoverUnseenRotations(of: followedNames, modifiedAfter: state.savedAt - unseenRotationMargin, known: known,
                                   excluding: Set(newFiles.map(\.identity)), rotationNamesOnly: false, first: true,
                                   now: now)
        }
        for new in newFiles {
            if isFinishedUnchanged(new.identity, file: new.file, size: new.size) { continue }  // a consumed copy
            if state != nil && isCopyOfOpenFile(new.file, size: new.size) {
                // A copytruncate copy made while stopped, under a pattern that names copies too
                // (`app.log*`): held back as while running, then read from the original's
                // position at its truncation (``readFromCopy(of:described:startingAt:)``).
                trace("start: new \(new.path) \(new.identity) is a copy of an open file: held back")
                tracked.suspectedCopies[new.identity] = TrackedFiles.SuspectedCopy(path: new.path, since: now)
                continue
            }
            var offset: Int64 = 0
            if state == nil && settings.from == .end {
                offset = FileCheckpoint.startOfLastLine(in: new.file, size: new.size, limit: configuration.maxLineBytes + 2)
            }
            let tailed = makeFile(identity: new.identity, followedPath: new.path, path: new.path, file: new.file,
                                  offset: offset, now: now)
            trace("start: new \(new.path) \(new.identity) from \(offset)")
            tracked.pathIdentities[new.path] = new.identity
            tracked.add(tailed)
            watchDirectories(of: new.path)
        }
        if stale > 0 {
            diagnostics.warning("follow: \(stale) checkpoint(s) did not match their file (truncated, "
                + "rewritten or inode reused while stopped); those files are read from the start")
        }
        if missing > 0 {
            diagnostics.note("follow: \(missing) checkpointed file(s) are gone (deleted while stopped)")
        }
        lastScan = now
        namesChanged = true  // the first cycle checks names again: a rotation during start is seen at once
        tracked.changed = true
    }

    /// The checkpoint, or nil (none, or unusable: one warning, then the documented fallback).
    private func loadState() -> FollowState? {
        guard let store else { return nil }
        switch store.load() {
        case .missing: return nil
        case .loaded(let loaded): return loaded
        case .corrupt(let reason):
            diagnostics.warning("follow: state file \(store.statePath) is unusable (\(reason)); "
                + "ignoring it: files are read per --from (default: from the beginning) and --output is not "
                + "truncated, so lines may be delivered twice")
            return nil
        }
    }
}
