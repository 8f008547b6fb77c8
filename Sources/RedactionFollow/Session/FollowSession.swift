public import Redaction
import SystemPackage

/// The `follow` loop: discovers files, reads them through rotation and truncation, writes
/// redacted whole lines to the output, and checkpoints.
///
/// One thread, one loop (``step(control:)``): check names (rotation), rescan globs (new files),
/// read every open file to its end (a rotated file before its successor), close rotated files
/// whose rotate wait is over, flush, checkpoint when due, write metrics when due, then wait for
/// a change (inotify or a polling tick) through the ``FollowFileSystem``'s watcher. The other
/// aspects live in extensions: restart recovery (`+Restart`), names and rotation (`+Rotation`),
/// copytruncate recovery (`+Copytruncate`), files rotated away unseen (`+UnseenRotations`),
/// opening files (`+Opening`), metrics (`+Metrics`);
/// the set of known files is ``TrackedFiles``.
///
/// Delivery contracts:
/// - With `--output FILE` and a ``CheckpointStore``: exactly once across restarts, SIGTERM and
///   `kill -9`. A checkpoint is taken only after the output is flushed and fsynced, and records
///   the output length; on start the output is truncated back to it and every file resumes at
///   its offset.
/// - To stdout (or without a store): at least once; after `kill -9` the lines written since the
///   last checkpoint (at most one checkpoint interval) are written again. A clean stop duplicates
///   nothing.
/// - Order: the lines of one file come in file order. A file that replaced a rotated one under
///   the same followed name (its successor) is read only once the rotated file was read to its
///   end, so the rotated file's lines come first, also after a restart; lines a stale writer
///   appends to the rotated file later can come after the successor's. When the rotated file
///   ends in an unfinished line or inside a multi-line block (a PEM key), the successor waits
///   until the rotated file is closed and continues its stream: the unfinished line is completed
///   by the successor's first bytes and the block stays masked.
/// - Rename rotation and delete-and-recreate lose nothing if the old file is still read within
///   the rotate wait after its last write. copytruncate loses only what the writer adds between
///   the copy and the truncation.
///
/// Not thread-safe: one session per process, driven from one thread.
public final class FollowSession {
    let settings: FollowSettings
    let ruleSet: CompiledRuleSet
    let configuration: RedactionConfiguration
    let scratch: ScanScratch
    let output: FollowOutput
    let store: CheckpointStore?
    let fileSystem: any FollowFileSystem
    let clock: any FollowClock
    let diagnostics: any FollowDiagnostics
    let watcher: any ChangeWatcher
    let followedPaths: FollowedPaths
    let metricsFile: MetricsFile?

    var tracked = TrackedFiles()
    var counters = FollowCounters()
    /// Names that failed to open (warned once until they open).
    var unreadablePaths = Set<FilePath>()
    // SAFETY: allocated in `init`, deallocated only in `deinit`; lent to one read at a time.
    let readBuffer: UnsafeMutableRawBufferPointer
    let perFileBudget: Int
    var lastCheckpoint = -Double.infinity
    var lastScan = -Double.infinity
    var lastMetrics = -Double.infinity
    var lastTruncationNote = -Double.infinity
    var lastMetricsFailure = -Double.infinity
    /// Wall-clock time of the last name check (files modified after it may have come and gone).
    var lastNameCheckTime: Double
    var warnedAboutOwnOutput = false
    var namesChanged = true
    var started = false

    /// - Parameters:
    ///   - output: where redacted lines go (stdout or `--output`).
    ///   - store: the checkpoint store (`--state`), or nil for no resume.
    ///   - fileSystem, clock: the seams (``SystemFileSystem`` and ``SystemClock`` in production).
    public init(settings: FollowSettings, ruleSet: CompiledRuleSet, configuration: RedactionConfiguration,
                output: FollowOutput, store: CheckpointStore?, fileSystem: any FollowFileSystem,
                clock: any FollowClock, diagnostics: any FollowDiagnostics) {
        self.settings = settings
        self.ruleSet = ruleSet
        self.configuration = configuration
        self.output = output
        self.store = store
        self.fileSystem = fileSystem
        self.clock = clock
        self.diagnostics = diagnostics
        scratch = ruleSet.makeScratch()
        watcher = fileSystem.makeChangeWatcher(useInotify: settings.useInotify, diagnostics: diagnostics)
        followedPaths = FollowedPaths(patterns: settings.patterns, followSymlinks: settings.followSymlinks,
                                      disappearanceDelay: settings.rotateWait, fileSystem: fileSystem,
                                      diagnostics: diagnostics)
        metricsFile = settings.metricsFile.map { MetricsFile(path: $0, fileSystem: fileSystem) }
        lastNameCheckTime = clock.wallClockNow()
        readBuffer = .allocate(byteCount: max(4096, configuration.readSize), alignment: 16)
        perFileBudget = max(1, settings.readBudget)
    }

    deinit { readBuffer.deallocate() }

    /// Follows until `control` says stop (then a final flush and checkpoint) or stdout closes.
    /// - Throws: ``FollowError`` for I/O errors on the output, the files or the state directory.
    public func run(control: any FollowControl) throws {
        do {
            try start()
            while !control.shouldStop { try step(control: control) }
            try stop()
        } catch is FollowOutput.Closed {
            // stdout went away: nothing more to deliver; no checkpoint (at least once).
        }
    }

    /// One cycle of the loop, ending with a wait for changes (see the type's overview).
    public func step(control: (any FollowControl)? = nil) throws {
        if !started { try start() }
        let cycleStart = clock.monotonicNow()
        if control?.takeReopenRequest() == true {
            try output.reopen()
            tracked.changed = true
            lastCheckpoint = -.infinity
        }
        if control?.takeStatisticsRequest() == true { diagnostics.statistics(metrics.prometheusText) }
        let scanInterval = watcher.isEventDriven ? 1.0 : settings.pollInterval
        if namesChanged || cycleStart - lastScan >= scanInterval {
            checkNames(now: cycleStart)
            rescan(now: cycleStart)
            lastScan = cycleStart
        }
        let more = try readAll(now: cycleStart)
        try closeExpired(now: clock.monotonicNow())
        try output.flush()
        let now = clock.monotonicNow()
        if tracked.changed && now - lastCheckpoint >= settings.checkpointInterval { try checkpoint(now: now) }
        if metricsFile != nil && now - lastMetrics >= settings.metricsInterval { writeMetrics(now: now) }
        if control?.shouldStop == true { return }
        let changes = watcher.wait(timeout: more ? 0 : nextTimeout(now: now, scanInterval: scanInterval))
        namesChanged = changes.names
        if watcher.isEventDriven && changes.content {
            // Coalesce bursts of write events: at most ~100 cycles a second.
            let elapsed = clock.monotonicNow() - cycleStart
            if elapsed < 0.01 { clock.sleep(seconds: 0.01 - elapsed) }
        }
    }

    /// Ends following: without a store, a rotated file's unfinished line is emitted (nothing
    /// would resume it); then flush, a final checkpoint and the metrics file.
    public func stop() throws {
        if store == nil {
            for file in tracked.open where file.phase == .rotated && file.hasPartialLine {
                var sink = LinePrefixingSink(output: output, prefix: file.prefix)
                try file.finishPartialLine(into: &sink)
            }
        }
        try output.flush()
        let now = clock.monotonicNow()
        try checkpoint(now: now)
        if metricsFile != nil { writeMetrics(now: now) }
    }

    /// Seconds until the next timer: rescan tick, checkpoint, metrics, rotate-wait expiry (capped
    /// at 0.25 s so a signal that lands just before the wait is seen soon).
    private func nextTimeout(now: Double, scanInterval: Double) -> Double {
        var timeout = min(0.25, max(0, lastScan + scanInterval - now))
        if tracked.changed { timeout = min(timeout, max(0, lastCheckpoint + settings.checkpointInterval - now)) }
        for file in tracked.open where file.phase == .rotated {
            timeout = min(timeout, max(0.001, file.lastActivity + settings.rotateWait - now))
        }
        return timeout
    }

    // MARK: - Reading

    /// Reads every open file once (up to its budget), a successor only after its predecessor
    /// reached its end. Returns whether some file has more.
    private func readAll(now: Double) throws -> Bool {
        var more = false
        var unfinished = Set<FilePath>()  // followed names whose rotated file is not drained yet
        let rotatedNames = Set(tracked.open.lazy.filter { $0.phase == .rotated }.map(\.followedPath))
        for file in tracked.open {
            if rotatedNames.contains(file.followedPath), let predecessor = tracked.predecessor(of: file),
               unfinished.contains(file.followedPath) || (predecessor.holdsOpenStreamState && file.hasReadNothing) {
                // Waits for its predecessor to be drained (or closed, when the successor continues
                // its stream); a truncation meanwhile must still be seen.
                if !file.headIsUnchangedBeforeFirstRead() {
                    try handleTruncation(of: file, now: now)
                    tracked.changed = true
                }
                continue
            }
            if file.siblingsWhenEmpty != nil { try recoverMissedCopy(of: file, now: now) }
            var sink = LinePrefixingSink(output: output, prefix: file.prefix)
            let (count, outcome) = try file.read(into: readBuffer, budget: perFileBudget, sink: &sink)
            diagnostics.checkEngineFailures(of: file.redactor, source: file.followedPath.string)
            if count > 0 {
                file.lastActivity = now
                tracked.changed = true
            }
            if let done = file.completeHandoverIfDelivered() { tracked.markFinished(done, at: now) }
            switch outcome {
            case .endOfFile: break
            case .budgetExhausted:
                more = true
                if file.phase == .rotated { unfinished.insert(file.followedPath) }
            case .truncated:
                try handleTruncation(of: file, now: now)
                more = true
                tracked.changed = true
                if file.phase == .rotated { unfinished.insert(file.followedPath) }
            }
        }
        return more
    }

    // MARK: - Checkpoints

    /// Flushes and syncs the output, then saves every file's position with the output length.
    func checkpoint(now: Double) throws {
        let outputState = try output.commit()
        if let store {
            let state = FollowState(output: outputState, files: tracked.checkpointEntries(), savedAt: clock.wallClockNow())
            try store.save(state)
            counters.checkpoints += 1
            counters.lastCheckpointTime = state.savedAt
        }
        tracked.changed = false
        lastCheckpoint = now
    }

    /// Makes a tailed file with a new redactor.
    /// - Parameters:
    ///   - openBlock: the checkpoint's open multi-line block when resuming at its offset.
    ///   - markers: when resuming at a checkpoint's offset, the markers that matched it.
    func makeFile(identity: FileIdentity, followedPath: FilePath, path: FilePath, file: any ReadableFile,
                  offset: Int64, now: Double, openBlock: OpenBlock? = nil, markers: ContentMarkers? = nil) -> TailedFile {
        let redactor = StreamRedactor(ruleSet: ruleSet, configuration: configuration, scratch: scratch)
        redactor.openBlock = openBlock
        let tailed = TailedFile(identity: identity, followedPath: followedPath, path: path, file: file, offset: offset,
                                redactor: redactor, withFilename: settings.withFilename, now: now, markers: markers)
        if offset == 0, (try? file.status().size) == 0 {
            tailed.siblingsWhenEmpty = Set(siblings(of: path).compactMap { try? fileSystem.status(of: $0, followingSymlinks: false).identity })
        }
        return tailed
    }

    func trace(_ message: @autoclosure () -> String) {
        if diagnostics.isDebugEnabled { diagnostics.debug("follow: \(message())") }
    }
}
