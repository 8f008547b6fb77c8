import Redaction

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `follow` loop: discovers files, reads them through rotation and truncation, writes
/// redacted whole lines to the output, and checkpoints.
///
/// One thread, one loop: wait for a change (inotify or a polling tick), check names (rotation),
/// rescan globs (new files), read every open file to its end (oldest first, so a rotated file's
/// last lines come before its successor's first), close rotated files whose rotate wait is over,
/// flush, checkpoint when due.
///
/// Delivery contracts:
/// - With `--output FILE` and `--state DIR`: exactly once across restarts, SIGTERM and `kill -9`.
///   A checkpoint is taken only after the output is flushed and fsynced, and records the output
///   length; on start the output is truncated back to it and every file resumes at its offset.
/// - To stdout (or without `--state`): at least once; after `kill -9` the lines written since the
///   last checkpoint (at most one `--checkpoint-interval`) are written again. A clean stop
///   (SIGTERM, SIGINT) duplicates nothing.
/// - Rename rotation and delete-and-recreate lose nothing if the old file is still read within
///   the rotate wait after its last write. copytruncate loses only what the writer adds between
///   the copy and the truncation: on a truncation the tailer looks for the copy (a file in the same
///   directory named like the original, with the same first bytes and the same bytes before the
///   offset) and reads the rest from it.
final class FollowSession {
    struct Settings {
        var patterns: [String]
        var from: FollowStartPosition
        var rotateWait: Double
        var pollInterval: Double
        var checkpointInterval: Double
        var withFilename: Bool
        var useInotify: Bool
    }

    private let settings: Settings
    private let ruleSet: CompiledRuleSet
    private let configuration: RedactionConfiguration
    private let scratch: ScanScratch
    private let output: FollowOutput
    private let store: CheckpointStore?
    private let watcher: ChangeWatcher

    /// Open files in the order they were opened (a rotated file before its successor).
    private var openFiles: [TailedFile] = []
    /// Followed name -> identity of the file under it (only for open files).
    private var pathIdentities: [String: FileIdentity] = [:]
    /// Closed files (rotated files after the rotate wait, consumed copytruncate copies): kept
    /// while under a followed name, and at least ``finishedRetention`` seconds after closing, so
    /// neither a rescan nor a restart reads them again.
    private var finished: [FileIdentity: FileCheckpoint] = [:] {
        didSet { dirty = true }
    }
    private var finishedSince: [FileIdentity: Double] = [:]
    private var finishedRetention: Double { max(10, 2 * settings.checkpointInterval + 2) }
    /// New files whose first bytes equal an open file's: maybe a copytruncate copy; held back
    /// for the rotate wait (path, first seen).
    private var suspectedCopies: [FileIdentity: (path: String, since: Double)] = [:]
    /// Names that failed to open (noted once until they open).
    private var unreadablePaths = Set<String>()
    private let readBuffer: UnsafeMutableRawBufferPointer
    private let perFileBudget: Int
    private var dirty = true
    private var lastCheckpoint = -Double.infinity
    private var lastScan = -Double.infinity
    private var lastTruncationNote = -Double.infinity
    private var warnedAboutOwnOutput = false
    /// `REDACT_FOLLOW_DEBUG=1`: decisions (names, identities, offsets; never content) to stderr.
    private let debug = getenv("REDACT_FOLLOW_DEBUG") != nil

    private func trace(_ message: @autoclosure () -> String) {
        if debug { StandardError.write("redact: debug: follow: \(message())") }
    }

    init(settings: Settings, ruleSet: CompiledRuleSet, configuration: RedactionConfiguration,
         output: FollowOutput, store: CheckpointStore?) {
        self.settings = settings
        self.ruleSet = ruleSet
        self.configuration = configuration
        self.output = output
        self.store = store
        scratch = ruleSet.makeScratch()
        watcher = ChangeWatcher(useInotify: settings.useInotify)
        readBuffer = .allocate(byteCount: max(4096, configuration.readSize), alignment: 16)
        perFileBudget = max(1 << 20, configuration.readSize * 16)
    }

    deinit { readBuffer.deallocate() }

    /// Follows until SIGTERM or SIGINT (exit status 0 after a final checkpoint) or stdout closes.
    /// - Throws: ``CLIError`` for I/O errors on the output or the state directory.
    func run() throws -> Int32 {
        do {
            try start()
            var namesChanged = true
            while !SignalHandling.shouldTerminate {
                let cycleStart = MonotonicClock.now()
                if SignalHandling.hangupReceived != 0 {
                    SignalHandling.hangupReceived = 0
                    try output.reopen()
                    dirty = true
                    lastCheckpoint = -.infinity
                }
                let scanInterval = watcher.isEventDriven ? 1.0 : settings.pollInterval
                if namesChanged || cycleStart - lastScan >= scanInterval {
                    checkNames(now: cycleStart)
                    rescan(now: cycleStart)
                    lastScan = cycleStart
                }
                let more = try readAll(now: cycleStart)
                try closeExpired(now: MonotonicClock.now())
                try output.flush()
                let now = MonotonicClock.now()
                if dirty && now - lastCheckpoint >= settings.checkpointInterval { try checkpoint(now: now) }
                if SignalHandling.shouldTerminate { break }
                let changes = watcher.wait(timeout: more ? 0 : nextTimeout(now: now, scanInterval: scanInterval))
                namesChanged = changes.names
                if watcher.isEventDriven && changes.content {
                    // Coalesce bursts of write events: at most ~100 cycles a second.
                    let elapsed = MonotonicClock.now() - cycleStart
                    if elapsed < 0.01 { usleep(useconds_t((0.01 - elapsed) * 1e6)) }
                }
            }
            if store == nil {
                // Nothing will resume a rotated file's unfinished line: emit it now, once.
                for file in openFiles where file.phase == .rotated && file.hasPartialLine {
                    var sink = LinePrefixingSink(output: output, prefix: file.prefix)
                    try file.finishPartialLine(into: &sink)
                }
            }
            try output.flush()
            try checkpoint(now: MonotonicClock.now())
            return 0
        } catch is OutputSink.Closed {
            return 0  // stdout went away: nothing more to deliver; no checkpoint (at least once)
        }
    }

    /// Seconds until the next timer: rescan tick, checkpoint, rotate-wait expiry (capped at 0.25 s so a
    /// signal that lands just before `poll` is seen soon).
    private func nextTimeout(now: Double, scanInterval: Double) -> Double {
        var timeout = min(0.25, max(0, lastScan + scanInterval - now))
        if dirty { timeout = min(timeout, max(0, lastCheckpoint + settings.checkpointInterval - now)) }
        for file in openFiles where file.phase == .rotated {
            timeout = min(timeout, max(0.001, file.lastActivity + settings.rotateWait - now))
        }
        return timeout
    }

    // MARK: - Start

    /// Loads the state, restores the output, opens the files (checkpointed ones at their offsets).
    private func start() throws {
        var state: FollowState?
        if let store {
            switch store.load() {
            case .missing: break
            case .loaded(let loaded): state = loaded
            case .corrupt(let reason):
                StandardError.write("redact: warning: follow: state file \(store.statePath) is unusable (\(reason)); "
                    + "ignoring it: files are read per --from (default: from the beginning) and --output is not "
                    + "truncated, so lines may be delivered twice")
            }
        }
        if let state, let saved = state.output {
            switch try output.restore(to: saved) {
            case .truncated: break
            case .differentFile:
                StandardError.write("redact: note: follow: --output is not the file of the last checkpoint (rotated or replaced); "
                    + "lines after the checkpoint may be delivered twice")
            case .shorter:
                StandardError.write("redact: warning: follow: --output is shorter than the last checkpoint recorded "
                    + "(truncated by something else); appending")
            }
        }
        let isRestart = state != nil
        var checkpoints: [FileIdentity: FileCheckpoint] = [:]
        for entry in state?.files ?? [] where checkpoints[entry.identity]?.status != .active {
            if entry.status == .finished, checkpoints[entry.identity] != nil { continue }  // open entries win
            checkpoints[entry.identity] = entry
        }
        let now = MonotonicClock.now()
        var stale = 0
        var newFiles: [(path: String, descriptor: Int32, identity: FileIdentity, size: Int64)] = []

        for path in GlobExpander.expand(settings.patterns) {
            guard let (descriptor, info) = openRegular(path) else { continue }
            let identity = FileIdentity(info)
            if isOwnOutput(identity, path: path) {
                close(descriptor)
                continue
            }
            let size = Int64(info.st_size)
            if fileIsOpen(identity) || newFiles.contains(where: { $0.identity == identity }) {
                pathIdentities[path] = fileIsOpen(identity) ? identity : nil
                close(descriptor)
                continue
            }
            guard let saved = checkpoints.removeValue(forKey: identity) else {
                newFiles.append((path, descriptor, identity, size))
                continue
            }
            trace("start: \(path) \(identity) size \(size) checkpoint \(saved.status) offset \(saved.offset) "
                + "matches \(TailedFile.matches(saved, descriptor: descriptor, size: size))")
            if TailedFile.matches(saved, descriptor: descriptor, size: size) {
                if saved.status == .finished && size == saved.offset {
                    finished[identity] = saved
                    finishedSince[identity] = now
                    close(descriptor)
                    continue
                }
                let file = makeFile(identity: identity, path: path, descriptor: descriptor, offset: saved.offset, now: now,
                                    openBlock: saved.openBlock)
                file.phase = saved.status == .active ? .active : .rotated
                if file.phase == .active { pathIdentities[path] = identity }
                openFiles.append(file)
            } else {
                // Truncated (copytruncate while stopped), rewritten, or a reused inode.
                stale += 1
                let file = makeFile(identity: identity, path: path, descriptor: descriptor, offset: 0, now: now)
                pathIdentities[path] = identity
                openFiles.append(file)
                try readFromCopy(of: file, described: saved, startingAt: saved.offset)
            }
            watchDirectories(of: path)
        }
        // Checkpointed files no longer under a followed name: renamed or deleted while stopped.
        var missing = 0
        for saved in checkpoints.values where saved.status != .finished {
            guard let (path, descriptor, info) = findFile(saved.identity, near: saved.path) else {
                trace("start: \(saved.identity) (\(saved.path)) not found")
                missing += 1
                continue
            }
            trace("start: \(saved.identity) found as \(path) size \(info.st_size) offset \(saved.offset) "
                + "matches \(TailedFile.matches(saved, descriptor: descriptor, size: Int64(info.st_size)))")
            if TailedFile.matches(saved, descriptor: descriptor, size: Int64(info.st_size)) {
                let file = makeFile(identity: saved.identity, path: path, descriptor: descriptor, offset: saved.offset, now: now,
                                    openBlock: saved.openBlock)
                file.phase = .rotated
                openFiles.insert(file, at: 0)
            } else {
                // Truncated after the checkpoint (copytruncate), then renamed: the rest of the
                // old content is in the copy, the new content in this file from 0.
                stale += 1
                let file = makeFile(identity: saved.identity, path: path, descriptor: descriptor, offset: 0, now: now)
                file.phase = .rotated
                openFiles.insert(file, at: 0)
                try readFromCopy(of: file, described: saved, startingAt: saved.offset)
            }
        }
        // Finished files (closed, or consumed copies) stay known for the retention period even
        // when no followed name matches them, so a second restart does not read them again.
        for saved in checkpoints.values where saved.status == .finished && finished[saved.identity] == nil {
            finished[saved.identity] = saved
            finishedSince[saved.identity] = now
        }
        if let state {
            recoverUnseenRotations(state: state, now: now, newFiles: Set(newFiles.map(\.identity)))
        }
        for new in newFiles {
            if isFinishedUnchanged(new.identity, descriptor: new.descriptor, size: new.size) {  // a consumed copy
                close(new.descriptor)
                continue
            }
            var offset: Int64 = 0
            if !isRestart && settings.from == .end {
                offset = TailedFile.startOfLastLine(new.descriptor, size: new.size, limit: configuration.maxLineBytes + 2)
            }
            let file = makeFile(identity: new.identity, path: new.path, descriptor: new.descriptor, offset: offset, now: now)
            trace("start: new \(new.path) \(new.identity) from \(offset)")
            pathIdentities[new.path] = new.identity
            openFiles.append(file)
            watchDirectories(of: new.path)
        }
        if stale > 0 {
            StandardError.write("redact: warning: follow: \(stale) checkpoint(s) did not match their file (truncated, "
                + "rewritten or inode reused while stopped); those files are read from the start")
        }
        if missing > 0 {
            StandardError.write("redact: note: follow: \(missing) checkpointed file(s) are gone (deleted while stopped)")
        }
        for pattern in settings.patterns { watcher.watch(directory: GlobExpander.literalDirectory(of: pattern)) }
        lastScan = now
        dirty = true
    }

    /// After a restart: files named like a followed file (same directory, name starting with its
    /// name, not compressed), unknown to the checkpoint and modified after it, were created and
    /// rotated away after the last checkpoint (their lines were cut from --output, or never read):
    /// read them from the start, oldest first, before the current files.
    ///
    /// A file closed before the checkpoint was last written at least the rotate wait earlier, and
    /// closed files stay in the checkpoint for ``finishedRetention`` seconds, so the margin below
    /// (shorter than the rotate wait) never makes a delivered file count as unseen.
    private func recoverUnseenRotations(state: FollowState, now: Double, newFiles: Set<FileIdentity>) {
        let margin = min(1.0, settings.rotateWait / 2)
        var prefixes: Set<String> = []
        for saved in state.files { prefixes.insert(saved.path) }
        for path in pathIdentities.keys { prefixes.insert(path) }
        var found: [(mtime: Double, path: String, descriptor: Int32, identity: FileIdentity)] = []
        var seen = newFiles.union(openFiles.map(\.identity))
        var saved: [FileIdentity: FileCheckpoint] = [:]
        for entry in state.files { saved[entry.identity] = entry }
        for (identity, entry) in finished { saved[identity] = entry }
        for followed in prefixes {
            let directory = GlobExpander.directory(of: followed)
            let base = GlobExpander.baseName(of: followed)
            for name in directoryEntries(directory) where name != base && name.hasPrefix(base) {
                if [".gz", ".xz", ".bz2", ".zst", ".lz4", ".zip"].contains(where: { name.hasSuffix($0) }) { continue }
                let path = directory == "." ? name : directory + "/" + name
                guard let (descriptor, info) = openRegular(path, quiet: true) else { continue }
                let identity = FileIdentity(info)
                let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
                // Known: open, or described by a checkpoint it still matches (not a reused inode).
                let known = seen.contains(identity)
                    || saved[identity].map { $0.headLength > 0 && TailedFile.matches($0, descriptor: descriptor, size: Int64(info.st_size)) } == true
                guard !known, mtime > state.savedAt - margin else {
                    close(descriptor)
                    continue
                }
                seen.insert(identity)
                found.append((mtime, path, descriptor, identity))
            }
        }
        for entry in found.sorted(by: { $0.mtime > $1.mtime }) {
            trace("start: unseen rotated file \(entry.path) \(entry.identity) read from 0")
            let file = makeFile(identity: entry.identity, path: entry.path, descriptor: entry.descriptor, offset: 0, now: now)
            file.phase = .rotated
            openFiles.insert(file, at: 0)
            finished[entry.identity] = nil  // a stale entry of a reused inode
            finishedSince[entry.identity] = nil
        }
    }

    // MARK: - Names

    /// Marks files whose followed name now points elsewhere (or nowhere) as rotated.
    private func checkNames(now: Double) {
        var moved: [FileIdentity] = []
        for (path, identity) in pathIdentities {
            var info = stat()
            if stat(path, &info) != 0 || FileIdentity(info) != identity {
                pathIdentities[path] = nil
                moved.append(identity)
            }
        }
        guard !moved.isEmpty else { return }
        let stillFollowed = Set(pathIdentities.values)
        for identity in moved where !stillFollowed.contains(identity) {
            if let file = openFiles.first(where: { $0.identity == identity }), file.phase == .active {
                file.phase = .rotated
                file.lastActivity = now
                dirty = true
                trace("rotated: \(file.path) \(identity) at \(file.readOffset)")
            }
        }
    }

    /// Expands the globs again and opens files not seen before (from their beginning).
    private func rescan(now: Double) {
        var seen = Set<FileIdentity>()
        for pattern in settings.patterns { watcher.watch(directory: GlobExpander.literalDirectory(of: pattern)) }
        for path in GlobExpander.expand(settings.patterns) {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let identity = FileIdentity(info)
            seen.insert(identity)
            if pathIdentities[path] == identity || isOwnOutput(identity, path: path) { continue }
            if let file = openFiles.first(where: { $0.identity == identity }) {
                pathIdentities[path] = identity
                file.lastKnownPath = path
                continue
            }
            if let done = finished[identity], done.headLength == 0 {
                // An empty closed file proves nothing about a file now under its inode.
                finished[identity] = nil
                finishedSince[identity] = nil
            }
            if let done = finished[identity] {
                guard Int64(info.st_size) != done.offset else { continue }
                guard let (descriptor, current) = openRegular(path), FileIdentity(current) == identity else { continue }
                let size = Int64(current.st_size)
                finished[identity] = nil
                finishedSince[identity] = nil
                if TailedFile.matches(done, descriptor: descriptor, size: size) {
                    // A closed file grew again: read the rest, close it again after the rotate wait.
                    let file = makeFile(identity: identity, path: path, descriptor: descriptor, offset: done.offset, now: now,
                                            openBlock: done.openBlock)
                    file.phase = .rotated
                    openFiles.append(file)
                    continue
                }
                close(descriptor)  // the inode was reused by a new file: handled as new below
            }
            if let suspicion = suspectedCopies[identity] {
                if now - suspicion.since < settings.rotateWait { continue }
                suspectedCopies[identity] = nil
            } else if Int64(info.st_size) >= Int64(FileCheckpoint.headCapacity), isPossibleCopy(path) {
                suspectedCopies[identity] = (path, now)
                continue
            }
            guard let (descriptor, current) = openRegular(path), FileIdentity(current) == identity else { continue }
            let file = makeFile(identity: identity, path: path, descriptor: descriptor, offset: 0, now: now)
            pathIdentities[path] = identity
            openFiles.append(file)
            watchDirectories(of: path)
            dirty = true
        }
        for identity in finished.keys where !seen.contains(identity) {
            if now - (finishedSince[identity] ?? 0) >= finishedRetention {
                finished[identity] = nil
                finishedSince[identity] = nil
            }
        }
        for identity in suspectedCopies.keys where !seen.contains(identity) { suspectedCopies[identity] = nil }
    }

    /// Whether the file at `path` starts with the same bytes as an open file (a copytruncate copy
    /// in the making, or a file with a common header: held back for the rotate wait).
    private func isPossibleCopy(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let head = TailedFile.readBytes(descriptor, at: 0, count: FileCheckpoint.headCapacity)
        guard head.count == FileCheckpoint.headCapacity else { return false }
        let hash = ContentHash.of(head)
        return openFiles.contains { file in
            let saved = file.checkpoint(status: .active)
            return saved.headLength == FileCheckpoint.headCapacity && saved.headHash == hash
        }
    }

    // MARK: - Reading

    /// Reads every open file once (up to its budget). Returns whether some file has more.
    private func readAll(now: Double) throws -> Bool {
        var more = false
        for file in openFiles {
            var sink = LinePrefixingSink(output: output, prefix: file.prefix)
            let (count, outcome) = try file.read(into: readBuffer, budget: perFileBudget, sink: &sink)
            if count > 0 {
                file.lastActivity = now
                dirty = true
            }
            switch outcome {
            case .endOfFile: break
            case .budgetExhausted: more = true
            case .truncated:
                try handleTruncation(of: file, now: now)
                more = true
                dirty = true
            }
        }
        return more
    }

    /// A file shrank or was rewritten: read the rest of its old content from the copy if one is
    /// found (copytruncate), then read it again from the start.
    private func handleTruncation(of file: TailedFile, now: Double) throws {
        trace("truncated: \(file.path) \(file.identity) at \(file.readOffset)")
        if now - lastTruncationNote >= 10 {
            lastTruncationNote = now
            StandardError.write("redact: note: follow: \(file.lastKnownPath) was truncated; reading it from the start")
        }
        let described = file.checkpoint(status: .active)
        try readFromCopy(of: file, described: described, startingAt: file.readOffset)
        file.restartFromBeginning()
    }

    /// Looks for a copy of the content `described` (same first bytes and bytes before its offset)
    /// among the files next to `file` named like it; feeds the copy's bytes from `offset` on
    /// into `file`'s redactor and records the copy as finished.
    private func readFromCopy(of file: TailedFile, described: FileCheckpoint, startingAt offset: Int64) throws {
        var candidates: [String] = []
        for (identity, suspicion) in suspectedCopies where identity != file.identity { candidates.append(suspicion.path) }
        // Names the original went by: the copy is named after the followed name (app.log.1,
        // app.log-20250101), even when the original itself was renamed since.
        for original in Set([file.path, file.lastKnownPath, described.path]) {
            let directory = GlobExpander.directory(of: original)
            let base = GlobExpander.baseName(of: original)
            for name in directoryEntries(directory) where name != base && name.hasPrefix(base) {
                let path = directory == "." ? name : directory + "/" + name
                if !candidates.contains(path) { candidates.append(path) }
            }
        }
        for path in candidates {
            guard let (descriptor, info) = openRegular(path, quiet: true) else { continue }
            let identity = FileIdentity(info)
            let size = Int64(info.st_size)
            guard identity != file.identity, !fileIsOpen(identity),
                  !isFinishedUnchanged(identity, descriptor: descriptor, size: size) else {
                close(descriptor)
                continue
            }
            if TailedFile.matches(described, descriptor: descriptor, size: size) {
                trace("copy of \(file.path) found: \(path) \(identity) size \(size), reading from \(offset)")
                var sink = LinePrefixingSink(output: output, prefix: file.prefix)
                if size > offset {
                    _ = try file.readContinuation(from: descriptor, startingAt: offset, into: readBuffer, sink: &sink)
                }
            } else if !(suspectedCopies[identity] != nil && size < described.offset
                        && headMatches(described, descriptor: descriptor, size: size)) {
                close(descriptor)
                continue
            }
            // The copy's content is now delivered (or was already read through the original).
            finished[identity] = Self.describeWhole(descriptor, identity: identity, size: size, path: path)
            finishedSince[identity] = MonotonicClock.now()
            suspectedCopies[identity] = nil
            close(descriptor)
            dirty = true
            return
        }
    }

    private func headMatches(_ saved: FileCheckpoint, descriptor: Int32, size: Int64) -> Bool {
        guard saved.headLength > 0, size >= Int64(saved.headLength) else { return false }
        return ContentHash.of(TailedFile.readBytes(descriptor, at: 0, count: saved.headLength)) == saved.headHash
    }

    /// A finished-file checkpoint covering all `size` bytes.
    private static func describeWhole(_ descriptor: Int32, identity: FileIdentity, size: Int64, path: String) -> FileCheckpoint {
        let head = TailedFile.readBytes(descriptor, at: 0, count: Int(min(size, Int64(FileCheckpoint.headCapacity))))
        let windowLength = Int(min(size, Int64(FileCheckpoint.windowCapacity)))
        let window = TailedFile.readBytes(descriptor, at: size - Int64(windowLength), count: windowLength)
        return FileCheckpoint(identity: identity, offset: size, headLength: head.count, headHash: ContentHash.of(head),
                              windowLength: window.count, windowHash: ContentHash.of(window), status: .finished, path: path)
    }

    /// Closes rotated files whose rotate wait is over, after a last read; an unfinished last line
    /// is emitted once, whole, with a newline added.
    private func closeExpired(now: Double) throws {
        guard openFiles.contains(where: { $0.phase == .rotated && now - $0.lastActivity >= settings.rotateWait }) else { return }
        var kept: [TailedFile] = []
        for file in openFiles {
            guard file.phase == .rotated && now - file.lastActivity >= settings.rotateWait else {
                kept.append(file)
                continue
            }
            var sink = LinePrefixingSink(output: output, prefix: file.prefix)
            var outcome = TailedFile.ReadOutcome.budgetExhausted
            while outcome == .budgetExhausted {
                outcome = try file.read(into: readBuffer, budget: perFileBudget, sink: &sink).outcome
            }
            if outcome == .endOfFile && file.readOffset > 0 {
                if file.hasPartialLine {
                    try file.finishPartialLine(into: &sink)
                    // Its newline may still come; then it would be read as an extra fragment
                    // line. The writer is gone after the rotate wait, so this is the last word.
                }
                finished[file.identity] = file.checkpoint(status: .finished)
                finishedSince[file.identity] = now
            }
            for (path, identity) in pathIdentities where identity == file.identity { pathIdentities[path] = nil }
            dirty = true
        }
        openFiles = kept
    }

    // MARK: - Checkpoints

    /// Flushes and syncs the output, then saves every file's position with the output length.
    private func checkpoint(now: Double) throws {
        let outputState = try output.commit()
        if let store {
            var entries = openFiles.map { $0.checkpoint(status: $0.phase == .active ? .active : .rotated) }
            let open = Set(openFiles.map(\.identity))
            entries += finished.values.filter { !open.contains($0.identity) }  // an open file wins (inode reuse)
            var wallClock = timespec()
            clock_gettime(CLOCK_REALTIME, &wallClock)
            let savedAt = Double(wallClock.tv_sec) + Double(wallClock.tv_nsec) / 1e9
            try store.save(FollowState(output: outputState, files: entries, savedAt: savedAt))
        }
        dirty = false
        lastCheckpoint = now
    }

    // MARK: - Helpers

    /// - Parameter openBlock: the checkpoint's open multi-line block when resuming at its offset.
    private func makeFile(identity: FileIdentity, path: String, descriptor: Int32, offset: Int64, now: Double,
                          openBlock: OpenBlock? = nil) -> TailedFile {
        let redactor = StreamRedactor(ruleSet: ruleSet, configuration: configuration, scratch: scratch)
        redactor.openBlock = openBlock
        return TailedFile(identity: identity, path: path, descriptor: descriptor, offset: offset, redactor: redactor,
                          withFilename: settings.withFilename, now: now)
    }

    /// Whether the open file is a finished file, unchanged (same size and content markers). A
    /// finished entry that no longer matches (inode reused by a new file) is dropped.
    private func isFinishedUnchanged(_ identity: FileIdentity, descriptor: Int32, size: Int64) -> Bool {
        guard let done = finished[identity], done.headLength > 0 else { return false }
        if size == done.offset && TailedFile.matches(done, descriptor: descriptor, size: size) { return true }
        if !TailedFile.matches(done, descriptor: descriptor, size: size) {
            finished[identity] = nil
            finishedSince[identity] = nil
        }
        return false
    }

    /// Whether `identity` is our own `--output` file, which is never followed: reading our own
    /// output would feed it back into itself forever. Says so once.
    private func isOwnOutput(_ identity: FileIdentity, path: String) -> Bool {
        guard let own = output.identity, own == identity else { return false }
        if !warnedAboutOwnOutput {
            warnedAboutOwnOutput = true
            StandardError.write("redact: warning: follow: \(path) is the --output file; not following it")
        }
        return true
    }

    private func fileIsOpen(_ identity: FileIdentity) -> Bool { openFiles.contains { $0.identity == identity } }

    /// Opens `path` read-only if it is a regular file; notes a failure once per name.
    private func openRegular(_ path: String, quiet: Bool = false) -> (Int32, stat)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            if !quiet && errno != ENOENT && unreadablePaths.insert(path).inserted {
                StandardError.write("redact: warning: follow: \(path): cannot open: \(String(cString: strerror(errno)))")
            }
            return nil
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        unreadablePaths.remove(path)
        return (descriptor, info)
    }

    /// Finds the file with `identity` in the directory of `path` (a file renamed while stopped).
    private func findFile(_ identity: FileIdentity, near path: String) -> (String, Int32, stat)? {
        let directory = GlobExpander.directory(of: path)
        for name in directoryEntries(directory) {
            let candidate = directory == "." ? name : directory + "/" + name
            var info = stat()
            guard lstat(candidate, &info) == 0, FileIdentity(info) == identity else { continue }
            guard let (descriptor, opened) = openRegular(candidate, quiet: true) else { continue }
            if FileIdentity(opened) == identity { return (candidate, descriptor, opened) }
            close(descriptor)
        }
        return nil
    }

    private func directoryEntries(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private func watchDirectories(of path: String) {
        watcher.watch(directory: GlobExpander.directory(of: path))
        if let target = GlobExpander.resolved(path) { watcher.watch(directory: GlobExpander.directory(of: target)) }
    }
}
