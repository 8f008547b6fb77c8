import RedactionFollow
import Testing

/// copytruncate and in-place rewrites on the in-memory file system.
@Suite("Copytruncate")
struct CopytruncateTests {
    @Test("copytruncate: the rest of the old content comes from the copy, the file is read again from 0",
          arguments: [false, true])
    func copyThenTruncate(crashBetween: Bool) throws {
        let world = FollowWorld()
        world.fileSystem.append(TestLog.lines(0..<100), to: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.append(TestLog.lines(100..<120), to: "/logs/app.log")  // not read yet
        if crashBetween { world.crash() }
        world.fileSystem.copy("/logs/app.log", to: "/logs/app.log.1")
        world.fileSystem.truncate("/logs/app.log")
        world.fileSystem.append(TestLog.lines(120..<150), to: "/logs/app.log")
        if crashBetween { try world.start() }
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<150)
        #expect(world.diagnostics.notes.contains { $0.contains("truncated") } || crashBetween)
        if !crashBetween {
            #expect(world.session == nil)
        }
    }

    @Test("a copy shorter than what was already read is recorded as delivered: a restart does not read it again",
          arguments: [false, true])
    func copyShorterThanTheReadPosition(truncatedWhileDown: Bool) throws {
        let world = FollowWorld()
        world.fileSystem.append(TestLog.lines(0..<100), to: "/logs/app.log")
        try world.start()
        try world.run(for: 0.3)
        world.fileSystem.copy("/logs/app.log", to: "/logs/app.log.1")  // logrotate's copy...
        world.fileSystem.append(TestLog.lines(100..<110), to: "/logs/app.log")  // ...the writer goes on...
        try world.run(for: 0.1)  // ...and the sidecar reads past the copy's end
        if truncatedWhileDown { world.crash() }
        world.fileSystem.truncate("/logs/app.log")  // then the truncation
        world.fileSystem.append(TestLog.lines(110..<120), to: "/logs/app.log")
        if truncatedWhileDown {
            try world.start()
        } else {
            try world.run(for: 0.1)
            world.crash()
            try world.start()
        }
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<120)
    }

    /// A `kill -9` restart between logrotate's copy (`app.log` to `app.log.1`) and its truncation
    /// of `app.log`: the copy is new, unknown to the checkpoint and of the file being resumed.
    enum RestartBetweenCopyAndTruncation: String, CaseIterable, CustomTestStringConvertible, Sendable {
        /// Copied after the last checkpoint: the copy holds lines past its offset.
        case copiedAfterTheCheckpoint = "copied after the last checkpoint"
        /// Copied before the last checkpoint, which is past the copy's end (already delivered).
        case copiedBeforeTheCheckpoint = "copied before the last checkpoint"

        var testDescription: String { rawValue }
    }

    @Test("kill -9 between the copy and the truncation: the copy is not read again from its start",
          arguments: RestartBetweenCopyAndTruncation.allCases)
    func restartBetweenCopyAndTruncation(interleaving: RestartBetweenCopyAndTruncation) throws {
        let world = FollowWorld()
        world.fileSystem.append(TestLog.lines(0..<100), to: "/logs/app.log")
        try world.start()
        try world.run()  // checkpointed after line 99
        world.fileSystem.append(TestLog.lines(100..<120), to: "/logs/app.log")
        switch interleaving {
        case .copiedAfterTheCheckpoint:
            world.crash()
            world.fileSystem.copy("/logs/app.log", to: "/logs/app.log.1")
            world.fileSystem.append(TestLog.lines(120..<130), to: "/logs/app.log")
        case .copiedBeforeTheCheckpoint:
            world.fileSystem.copy("/logs/app.log", to: "/logs/app.log.1")
            world.fileSystem.append(TestLog.lines(120..<130), to: "/logs/app.log")
            try world.run(for: 0.3)  // read past the copy's end and checkpointed
            world.crash()
        }
        try restartThenTruncate(world)
    }

    @Test("a copytruncate at any point while a restarted sidecar reads the file delivers every line once",
          arguments: 1...8)
    func copytruncateWhileARestartReadsTheFile(reads: Int) throws {
        let world = FollowWorld()
        // An old generation, never followed: only a wrong copy match would read it.
        world.fileSystem.append(TestLog.lines(1_000..<1_300), to: "/logs/app.log.7")
        world.clock.advance(by: 60)
        world.fileSystem.append(TestLog.lines(0..<100), to: "/logs/app.log")
        try world.start()
        try world.run()  // checkpointed after line 99
        world.fileSystem.append(TestLog.lines(100..<120), to: "/logs/app.log")
        world.crash()
        let copytruncate = {
            world.fileSystem.copy("/logs/app.log", to: "/logs/app.log.1")
            world.fileSystem.truncate("/logs/app.log")
        }
        // The restart reads app.log to decide where to resume, then to resume: the copy and the
        // truncation land after its `reads`-th read (before, between or after those decisions).
        world.fileSystem.afterReads(reads, of: "/logs/app.log", copytruncate)
        try world.start()
        try world.run(for: 0.3)
        if world.fileSystem.cancelReadHook() { copytruncate() }
        world.fileSystem.append(TestLog.lines(120..<150), to: "/logs/app.log")
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<150)
    }

    /// The same race when the pattern also names the copies (`app.log*`): at restart the copy is
    /// a new file under a followed name, not a file rotated away unseen; it is held back as a
    /// suspected copy (as while running) and read from the original's position at the truncation.
    @Test("kill -9 between the copy and the truncation, with a pattern that names the copy too")
    func restartBetweenCopyAndTruncationUnderAPatternThatNamesTheCopy() throws {
        let world = FollowWorld(patterns: ["/logs/app.log*"])
        world.fileSystem.append(TestLog.lines(0..<100), to: "/logs/app.log")
        try world.start()
        try world.run()  // checkpointed after line 99
        world.fileSystem.append(TestLog.lines(100..<120), to: "/logs/app.log")
        world.crash()
        world.fileSystem.copy("/logs/app.log", to: "/logs/app.log.1")
        world.fileSystem.append(TestLog.lines(120..<130), to: "/logs/app.log")
        try restartThenTruncate(world)
    }

    @Test("a successor copytruncated while it waits behind its rotated predecessor loses nothing")
    func copytruncateOfAWaitingSuccessor() throws {
        let world = FollowWorld()
        world.settings.readBudget = 4096
        world.fileSystem.append(TestLog.lines(0..<2_000), to: "/logs/app.log")
        try world.start()
        try world.session?.step()  // one budget of the file
        world.fileSystem.move("/logs/app.log", to: "/logs/app.log.1")
        world.fileSystem.append(TestLog.lines(2_000..<2_100), to: "/logs/app.log")
        try world.session?.step()  // the successor is open, waiting for the predecessor
        world.fileSystem.copy("/logs/app.log", to: "/logs/app.log.ct1")
        world.fileSystem.truncate("/logs/app.log")
        world.fileSystem.append(TestLog.lines(2_100..<2_150), to: "/logs/app.log")
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<2_150, ordered: false)
    }

    @Test("a file seen only empty, then filled, copied and truncated within one cycle: the copy is read first")
    func copytruncateBeforeTheFirstByteWasRead() throws {
        let world = FollowWorld()
        world.fileSystem.append("position 1\n", to: "/logs/app.log.pos")  // present before: never read
        world.fileSystem.createFile("/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.append(TestLog.lines(0..<30), to: "/logs/app.log")
        world.fileSystem.copy("/logs/app.log", to: "/logs/app.log.ct1")
        world.fileSystem.truncate("/logs/app.log")
        world.fileSystem.append(TestLog.lines(30..<40), to: "/logs/app.log")
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<40)
        #expect(!world.output.contains("position"))
    }

    @Test("a truncation without a copy is counted as a possible loss in the metrics")
    func truncationWithoutCopy() throws {
        let world = FollowWorld()
        world.fileSystem.append(TestLog.lines(0..<50), to: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.truncate("/logs/app.log")
        world.fileSystem.append(TestLog.lines(50..<60), to: "/logs/app.log")
        try world.run(for: 2)
        let metrics = try #require(world.session?.metrics)
        #expect(metrics.truncations == 1)
        #expect(metrics.copytruncateLosses == 1)
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<60)
    }

    @Test("truncated and regrown past the old offset between two polls: caught by the content marker")
    func truncateAndRegrow() throws {
        let world = FollowWorld()
        world.settings.useInotify = false
        world.settings.pollInterval = 0.3
        world.fileSystem.append(TestLog.lines(0..<10), to: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.truncate("/logs/app.log")
        world.fileSystem.append(TestLog.lines(10..<40, tag: " regrown"), to: "/logs/app.log")
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<40)
    }

    /// The sidecar restarts after a copy of app.log was made (lines 0..<130 written), then
    /// logrotate truncates app.log and lines 130..<150 follow: every line must come exactly once.
    private func restartThenTruncate(_ world: FollowWorld) throws {
        try world.start()
        try world.run(for: 0.3)
        world.fileSystem.truncate("/logs/app.log")
        world.fileSystem.append(TestLog.lines(130..<150), to: "/logs/app.log")
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<150)
    }
}
