import RedactionFollow
import Testing

/// Rotation on the in-memory file system: every kind of rotation delivers every line once, in
/// order, and a rotation inside a key or a line continues the same stream.
@Suite("Rotation")
struct RotationTests {
    /// One way the file under the followed name is replaced.
    struct Rotation: CustomTestStringConvertible, Sendable {
        let name: String
        /// Rotates `/logs/app.log` (the followed name) away; returns the name the old file
        /// keeps (where a stale writer appends), or nil when it has none left (deleted).
        let rotate: @Sendable (MemoryFileSystem) -> String?
        var testDescription: String { name }
    }

    static let rotations: [Rotation] = [
        Rotation(name: "rename and create") { fs in
            fs.move("/logs/app.log", to: "/logs/app.log.1")
            fs.createFile("/logs/app.log")
            return "/logs/app.log.1"
        },
        Rotation(name: "delete and recreate") { fs in
            fs.delete("/logs/app.log")
            fs.createFile("/logs/app.log")
            return nil
        },
        Rotation(name: "rename, successor created later") { fs in
            fs.move("/logs/app.log", to: "/logs/app.log-20260101")
            return "/logs/app.log-20260101"
        },
    ]

    @Test("every rotation kind: the old file is drained, the new one read from its start, once, in order",
          arguments: rotations)
    func rotationDeliversEveryLineOnce(rotation: Rotation) throws {
        let world = FollowWorld()
        world.fileSystem.append(TestLog.lines(0..<100), to: "/logs/app.log")
        try world.start()
        try world.run()
        let oldName = rotation.rotate(world.fileSystem)
        if let oldName { world.fileSystem.append(TestLog.lines(100..<110), to: oldName) }  // the stale writer
        let next = oldName == nil ? 100 : 110
        world.fileSystem.append(TestLog.lines(next..<(next + 50)), to: "/logs/app.log")
        try world.run(for: 3)  // past the rotate wait: the old file is closed
        world.fileSystem.append(TestLog.lines((next + 50)..<(next + 60)), to: "/logs/app.log")
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<(next + 60))
        #expect(world.session == nil)
        #expect(world.diagnostics.warnings.isEmpty)
    }

    @Test("symlink swap: the followed link moves to a new file; the old target is drained first")
    func symlinkSwap() throws {
        let world = FollowWorld()
        world.fileSystem.append(TestLog.lines(0..<40), to: "/logs/app-1.log")
        world.fileSystem.symlink("app-1.log", at: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.append(TestLog.lines(40..<45), to: "/logs/app-1.log")
        world.fileSystem.append(TestLog.lines(45..<80), to: "/logs/app-2.log")
        world.fileSystem.symlink("app-2.log", at: "/logs/app.log")
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<80)
    }

    /// Where the key is cut by the rotation.
    static let keyBody1 = "MIIEowIBAAKCAQEAjis9TrO3zLjMTa9z7NakfmB3K28AO2myCO5sgUdma4d8mmYN"
    static let keyBody2 = "HLFS5DzCbBWfi2uGbLhNjaBA5ZP0hRmw/lBCDGtoKdth7ImZGglLdzov95k09uDB"

    @Test("a rotation in the middle of a PEM key: the successor continues the block, the second half is masked",
          arguments: [false, true])
    func rotationInsideAKeyBlock(crashDuringHandover: Bool) throws {
        let world = FollowWorld()
        world.fileSystem.append("before\n-----BEGIN RSA PRIVATE KEY-----\n\(Self.keyBody1)\n", to: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.move("/logs/app.log", to: "/logs/app.log.1")
        let successor = "\(Self.keyBody2)\n-----END RSA PRIVATE KEY-----\nafter\n"
        world.fileSystem.append(successor, to: "/logs/app.log")
        try world.run(for: 0.5)
        #expect(!world.output.contains("after"), "the successor waits for the rotated file to close")
        #expect(world.session?.metrics.lagBytes["/logs/app.log"] == Int64(successor.utf8.count), "its lag shows")
        if crashDuringHandover {
            world.crash()
            try world.start()
        }
        try world.settleAndStop()
        #expect(world.output == "before\n-----BEGIN RSA PRIVATE KEY-----\n***\n***\n-----END RSA PRIVATE KEY-----\nafter\n")
        #expect(!world.output.contains("HLFS5D"))
    }

    @Test("a partial last line at rotation is completed by the successor's first bytes and scanned whole",
          arguments: [false, true])
    func partialLineAtRotation(crashBeforeDelivery: Bool) throws {
        let world = FollowWorld()
        world.fileSystem.append("line 00000 first\ndb password=", to: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.move("/logs/app.log", to: "/logs/app.log.1")
        world.fileSystem.append("Zq8vLw3xR9 ok\nline 00002 next\n", to: "/logs/app.log")
        try world.run(for: 0.3)
        if crashBeforeDelivery {
            world.crash()
            try world.start()
        }
        try world.settleAndStop()
        #expect(world.output == "line 00000 first\ndb password=*** ok\nline 00002 next\n")
        #expect(!world.output.contains("Zq8vLw3xR9"))
    }

    @Test("a partial line whose writer is gone is emitted once with a newline when the rotated file closes")
    func partialLineWithoutSuccessor() throws {
        let world = FollowWorld()
        world.fileSystem.append("line 00000\nline 00001 unfinished", to: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.delete("/logs/app.log")
        try world.settleAndStop()
        #expect(world.output == "line 00000\nline 00001 unfinished\n")
    }

    @Test("a file that came and went under the name within one slow cycle is read, in order; app.log.pos is not")
    func generationMissedWithinOneCycle() throws {
        let world = FollowWorld()
        world.fileSystem.append(TestLog.lines(0..<10), to: "/logs/app.log")
        try world.start()
        try world.run()
        // Two rotations before the next cycle (an fsync stalled the loop).
        world.fileSystem.move("/logs/app.log", to: "/logs/app.log.1")
        world.fileSystem.append(TestLog.lines(10..<20), to: "/logs/app.log")
        world.fileSystem.move("/logs/app.log", to: "/logs/app.log.2")
        world.fileSystem.append(TestLog.lines(20..<30), to: "/logs/app.log")
        world.fileSystem.append("position 12345\n", to: "/logs/app.log.pos")  // another tool's file
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<30)
        #expect(!world.output.contains("position"))
    }

    @Test("a rotated file larger than one read budget comes whole before its successor (also after kill -9)",
          arguments: [false, true])
    func rotatedFileComesBeforeItsSuccessor(crash: Bool) throws {
        let world = FollowWorld()
        world.settings.readBudget = 4096
        let count = 2_000  // about 31 KB: eight cycles' budgets
        world.fileSystem.append(TestLog.lines(0..<count), to: "/logs/app.log")
        try world.start()
        try world.session?.step()  // one cycle: one budget read and a checkpoint
        world.fileSystem.move("/logs/app.log", to: "/logs/app.log.1")
        world.fileSystem.append(TestLog.lines(count..<(count + 100)), to: "/logs/app.log")
        if crash {
            world.crash()
            try world.start()
        }
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<(count + 100))
    }
}
