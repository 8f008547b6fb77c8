import RedactionFollow
import Testing

/// Restarts and crashes: exactly once with `--output`, at least once to stdout, resuming inside
/// a key block, inode reuse, and every crash window of a checkpoint.
@Suite("Checkpoint recovery")
struct CheckpointRecoveryTests {
    /// A point in a cycle where the process dies, as the file-system operation it never makes.
    struct CrashWindow: CustomTestStringConvertible, Sendable {
        let name: String
        let matches: @Sendable (MemoryFileSystem.Operation) -> Bool
        var testDescription: String { name }
    }

    static let windows: [CrashWindow] = [
        CrashWindow(name: "before the output is written") { if case .write(let path) = $0 { path.hasPrefix("/out/") } else { false } },
        CrashWindow(name: "after the output write, before its fsync") { $0 == .sync("/out/redacted.log") },
        CrashWindow(name: "after the output fsync, before the state temp file") { $0 == .open("/state/follow.state.tmp") },
        CrashWindow(name: "while writing the state temp file") { $0 == .write("/state/follow.state.tmp") },
        CrashWindow(name: "before the state temp file's fsync") { $0 == .sync("/state/follow.state.tmp") },
        CrashWindow(name: "after the temp fsync, before the rename") {
            $0 == .rename(from: "/state/follow.state.tmp", to: "/state/follow.state")
        },
        CrashWindow(name: "after the rename, before the directory fsync") { $0 == .syncDirectory("/state") },
    ]

    @Test("kill -9 in each window of a checkpoint: --output stays exactly once", arguments: windows)
    func crashWindowsOfACheckpoint(window: CrashWindow) throws {
        let world = FollowWorld()
        world.fileSystem.append(TestLog.lines(0..<50), to: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.append(TestLog.lines(50..<120), to: "/logs/app.log")
        world.fileSystem.crashBefore = window.matches
        do { try world.run(for: 2) } catch is FollowError {}  // the directory fsync failure is not fatal
        #expect(world.fileSystem.crashBefore == nil, "the crash happened")
        world.crash()
        world.fileSystem.append(TestLog.lines(120..<150), to: "/logs/app.log")
        try world.start()
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<150)
    }

    @Test("exactly once with --output across many crashes, rotations and restarts", arguments: [1, 2, 3, 4])
    func exactlyOnceAcrossCrashes(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let world = FollowWorld()
        try world.start()
        var next = 0
        var rotations = 0
        for _ in 0..<12 {
            let batch = 20 + Int(random.next() % 200)
            world.fileSystem.append(TestLog.lines(next..<(next + batch)), to: "/logs/app.log")
            next += batch
            try world.run(for: Double(random.next() % 600) / 1000)
            switch random.next() % 4 {
            case 0:
                rotations += 1
                world.fileSystem.move("/logs/app.log", to: "/logs/app.log.\(rotations)")
                world.fileSystem.append(TestLog.lines(next..<(next + 5)), to: "/logs/app.log.\(rotations)")  // stale writer
                next += 5
            case 1:
                world.crash()
                try world.start()
            default:
                break
            }
        }
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<next)
    }

    @Test("to stdout: after kill -9 lines since the last checkpoint come again, none is lost")
    func atLeastOnceToStdout() throws {
        let world = FollowWorld(output: nil)
        world.settings.checkpointInterval = 5
        world.fileSystem.append(TestLog.lines(0..<30), to: "/logs/app.log")
        try world.start()
        try world.run()  // checkpointed in the first cycle
        world.fileSystem.append(TestLog.lines(30..<40), to: "/logs/app.log")
        try world.session?.step()  // read and flushed, not yet checkpointed
        world.crash()
        try world.start()
        try world.settleAndStop()
        let numbers = TestLog.numbers(in: world.output)
        #expect(Set(numbers) == Set(0..<40))
        #expect(numbers.count == 50, "lines 30..<40 were delivered twice")
        #expect(Array(numbers.prefix(40)) == Array(0..<40))
    }

    @Test("a restart inside a multi-line private key keeps masking its lines")
    func restartInsideAKeyBlock() throws {
        let world = FollowWorld()
        world.fileSystem.append("before\n-----BEGIN RSA PRIVATE KEY-----\n\(RotationTests.keyBody1)\n", to: "/logs/app.log")
        try world.start()
        try world.run()  // a checkpoint inside the block
        world.crash()
        world.fileSystem.append("\(RotationTests.keyBody2)\n-----END RSA PRIVATE KEY-----\nafter\n", to: "/logs/app.log")
        try world.start()
        try world.settleAndStop()
        #expect(world.output == "before\n-----BEGIN RSA PRIVATE KEY-----\n***\n***\n-----END RSA PRIVATE KEY-----\nafter\n")
    }

    @Test("a partial line across a restart is emitted once, whole", arguments: [false, true])
    func partialLineAcrossRestart(crash: Bool) throws {
        let world = FollowWorld()
        world.fileSystem.append("line 00000 first\npartial", to: "/logs/app.log")
        try world.start()
        try world.run()
        if crash { world.crash() } else { try world.stop() }
        #expect(world.output == "line 00000 first\n", "no fragment was written")
        world.fileSystem.append(" line\n", to: "/logs/app.log")
        try world.start()
        try world.settleAndStop()
        #expect(world.output == "line 00000 first\npartial line\n")
    }

    @Test("inode reused while stopped: the checkpoint does not match, the new file is read from its start")
    func inodeReuse() throws {
        let world = FollowWorld()
        world.fileSystem.append(TestLog.lines(0..<20), to: "/logs/app.log")
        try world.start()
        try world.run()
        try world.stop()
        let inode = world.fileSystem.inodeNumber("/logs/app.log")
        world.fileSystem.delete("/logs/app.log")
        world.fileSystem.createFile("/logs/app.log", inode: inode)
        world.fileSystem.append(TestLog.lines(20..<60, tag: " reused"), to: "/logs/app.log")  // longer than the offset
        try world.start()
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<60)
        #expect(world.diagnostics.warnings.contains { $0.contains("did not match their file") })
    }

    @Test("a file closed after rotation is not read again after a restart")
    func finishedFilesStayFinished() throws {
        let world = FollowWorld(patterns: ["/logs/*.log"])
        world.fileSystem.append(TestLog.lines(0..<20), to: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.move("/logs/app.log", to: "/logs/old.log")  // still matched by the glob
        world.fileSystem.append(TestLog.lines(20..<30), to: "/logs/app.log")
        try world.settleAndStop()
        try world.start()
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<30)
    }

    @Test("a corrupt state file: one warning, files read per --from, output appended",
          arguments: ["empty", "garbage", "truncated", "checksum"])
    func corruptStateFile(kind: String) throws {
        let world = FollowWorld()
        world.fileSystem.append(TestLog.lines(0..<30), to: "/logs/app.log")
        try world.start()
        try world.settleAndStop()
        let saved = world.fileSystem.text(of: "/state/follow.state")
        let damaged: String
        switch kind {
        case "empty": damaged = ""
        case "garbage": damaged = String(decoding: (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }, as: UTF8.self)
        case "truncated": damaged = String(saved.prefix(saved.count / 2))
        default: damaged = saved.replacing("file 1 ", with: "file 2 ")
        }
        world.fileSystem.delete("/state/follow.state")
        world.fileSystem.append(damaged, to: "/state/follow.state")
        world.diagnostics.clear()
        try world.start()
        try world.settleAndStop()
        #expect(TestLog.numbers(in: world.output).count == 60)
        #expect(world.diagnostics.warnings.count == 1)
        #expect(world.diagnostics.warnings.first?.contains("state file") == true)
        #expect(!world.diagnostics.everything.contains("ghp_"))
        try world.start()
        try world.settleAndStop()
        #expect(TestLog.numbers(in: world.output).count == 60, "the next checkpoint is valid again")
    }
}

/// A small deterministic random generator for scenario tests.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
