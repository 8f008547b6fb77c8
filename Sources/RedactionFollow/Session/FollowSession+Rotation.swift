import Redaction
import SystemPackage

/// Names and rotation: which file is under each followed name, new files, and closing rotated
/// files (handing their stream over to a successor that continues it).
extension FollowSession {
    /// Marks files whose followed name now points elsewhere (or nowhere) as rotated.
    func checkNames(now: Double) {
        var moved: [FileIdentity] = []
        for (path, identity) in tracked.pathIdentities {
            let current = try? fileSystem.status(of: path, followingSymlinks: true)
            if current?.identity != identity {
                tracked.pathIdentities[path] = nil
                moved.append(identity)
            }
        }
        let checkedAt = lastNameCheckTime
        lastNameCheckTime = clock.wallClockNow()
        guard !moved.isEmpty else { return }
        let stillFollowed = Set(tracked.pathIdentities.values)
        var rotatedNames = Set<FilePath>()
        for identity in moved where !stillFollowed.contains(identity) {
            if let file = tracked.file(with: identity), file.phase == .active {
                file.phase = .rotated
                file.lastActivity = now
                counters.rotations += 1
                tracked.changed = true
                rotatedNames.insert(file.followedPath)
                trace("rotated: \(file.followedPath) \(identity) at \(file.readOffset)")
            }
        }
        // A file that came and went under the name since the last check (a slow cycle) is read
        // before the one now under it.
        if !rotatedNames.isEmpty {
            recoverUnseenRotations(of: rotatedNames, modifiedAfter: checkedAt - unseenRotationMargin,
                                   rotationNamesOnly: true, first: false, now: now)
        }
    }

    /// Expands the globs again and opens files not seen before (from their beginning).
    func rescan(now: Double) {
        var seen = Set<FileIdentity>()
        for directory in followedPaths.literalDirectories { watcher.watch(directory: directory) }
        for candidate in followedPaths.scan(now: now) {
            let path = candidate.path
            let identity = candidate.status.identity
            seen.insert(identity)
            if tracked.pathIdentities[path] == identity || isOwnOutput(identity, path: path) { continue }
            if let file = tracked.file(with: identity) {
                tracked.pathIdentities[path] = identity
                file.lastKnownPath = path
                continue
            }
            if let done = tracked.finishedCheckpoint(identity), done.headLength > 0 {
                // A closed file under a followed name: skip it unless it grew or was replaced.
                guard candidate.status.size != done.offset else { continue }
                guard let (file, current) = openRegular(path), current.identity == identity else { continue }
                tracked.forgetFinished(identity)
                if let resumed = ContentMarkers(file: file, size: current.size, matching: done) {
                    // A closed file grew again: read the rest, close it again after the rotate wait.
                    let tailed = makeFile(identity: identity, followedPath: path, path: path, file: file,
                                          offset: done.offset, now: now, openBlock: done.openBlock, markers: resumed)
                    tailed.phase = .rotated
                    tracked.add(tailed)
                    continue
                }
                // The inode was reused by a new file: handled as new below.
            } else if tracked.finishedCheckpoint(identity) != nil {
                // An empty closed file proves nothing about a file now under its inode.
                tracked.forgetFinished(identity)
            }
            if let suspicion = tracked.suspectedCopies[identity] {
                if now - suspicion.since < settings.rotateWait { continue }
                tracked.suspectedCopies[identity] = nil
            } else if candidate.status.size >= Int64(FileCheckpoint.headCapacity), isPossibleCopy(path) {
                tracked.suspectedCopies[identity] = TrackedFiles.SuspectedCopy(path: path, since: now)
                continue
            }
            guard let (file, current) = openRegular(path), current.identity == identity else { continue }
            let tailed = makeFile(identity: identity, followedPath: path, path: path, file: file, offset: 0, now: now)
            tracked.pathIdentities[path] = identity
            tracked.add(tailed)
            watchDirectories(of: path)
            trace("new: \(path) \(identity)")
        }
        tracked.expireFinished(now: now, retention: settings.finishedRetention, seen: seen)
        for identity in tracked.suspectedCopies.keys where !seen.contains(identity) { tracked.suspectedCopies[identity] = nil }
    }

    /// Closes rotated files whose rotate wait is over, after a last read. An unfinished last line
    /// or open block goes to a successor that has not started yet (it continues the stream);
    /// otherwise the unfinished line is emitted once, whole, with a newline added.
    func closeExpired(now: Double) throws {
        let expired = tracked.open.filter { $0.phase == .rotated && now - $0.lastActivity >= settings.rotateWait }
        for file in expired {
            var sink = LinePrefixingSink(output: output, prefix: file.prefix)
            var outcome = TailedFile.ReadOutcome.budgetExhausted
            while outcome == .budgetExhausted {
                outcome = try file.read(into: readBuffer, budget: perFileBudget, sink: &sink).outcome
            }
            diagnostics.checkEngineFailures(of: file.redactor, source: file.followedPath.string)
            if outcome == .endOfFile, file.holdsOpenStreamState, let successor = tracked.successor(of: file),
               successor.hasReadNothing {
                let finished = FileCheckpoint.whole(file.file, identity: file.identity, size: file.readOffset,
                                                    path: file.followedPath)
                trace("handover: \(file.lastKnownPath) \(file.identity) -> \(successor.identity)")
                successor.continueStream(of: file, finished: finished)
                if successor.handover == nil { tracked.markFinished(finished, at: now) }
            } else {
                if outcome == .endOfFile && file.hasPartialLine {
                    // Its newline may still come; then it would be read as an extra fragment
                    // line. The writer is gone after the rotate wait, so this is the last word.
                    try file.finishPartialLine(into: &sink)
                }
                counters.closedFileStatistics.merge(file.redactor.statistics)
                if outcome == .endOfFile && file.readOffset > 0 {
                    tracked.markFinished(file.checkpoint(status: .finished), at: now)
                }
            }
            tracked.close(file)
        }
    }
}
