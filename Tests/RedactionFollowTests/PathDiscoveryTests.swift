import RedactionFollow
import SystemPackage
import Testing

/// What `follow` says about its paths, glob expansion, and the symlink policy.
@Suite("Path discovery")
struct PathDiscoveryTests {
    @Test("a missing path: one warning, a note when it appears, a note when it is gone for longer than a rotation")
    func missingPathIsReportedOnTransitions() throws {
        let world = FollowWorld()
        try world.start()
        try world.run(for: 3)
        #expect(world.diagnostics.warnings == ["follow: /logs/app.log does not exist (yet); waiting for it to appear"])
        world.fileSystem.append(TestLog.lines(0..<5), to: "/logs/app.log")
        try world.run(for: 2)
        #expect(world.diagnostics.notes == ["follow: /logs/app.log appeared; following it"])
        world.fileSystem.move("/logs/app.log", to: "/logs/app.log.1")
        world.fileSystem.createFile("/logs/app.log")  // a rotation: no message
        try world.run(for: 3)
        #expect(world.diagnostics.notes.count == 1)
        world.fileSystem.delete("/logs/app.log")
        try world.run(for: 3)
        #expect(world.diagnostics.notes.last == "follow: /logs/app.log is gone; waiting for it to appear again")
        #expect(world.diagnostics.warnings.count == 1)
        try world.stop()
        TestLog.expectExactlyOnce(world.output, 0..<5)
    }

    @Test("an unmatched glob and a directory are each warned about once",
          arguments: [("/logs/*.log", "follow: '/logs/*.log' matches no file (yet); waiting for one to appear"),
                      ("/logs", "follow: /logs is a directory; follow the files in it with a quoted glob such as '/logs/*.log'")])
    func unmatchedGlobOrDirectory(pattern: String, warning: String) throws {
        let world = FollowWorld(patterns: [pattern])
        try world.start()
        try world.run(for: 5)
        #expect(world.diagnostics.warnings == [warning])
    }

    @Test("glob expansion: *, ?, [..] per component, hidden files only explicitly, sorted")
    func globExpansion() throws {
        let world = FollowWorld(patterns: ["/logs/*/[ab]?.log", "/logs/.*.log"])
        for path in ["/logs/x/a1.log", "/logs/x/b2.log", "/logs/y/a3.log", "/logs/x/c1.log", "/logs/x/a12.log",
                     "/logs/.hidden.log", "/logs/x/.a1.log"] {
            world.fileSystem.makeDirectories(String(path[..<path.lastIndex(of: "/")!]))
            world.fileSystem.append("line 00000 \(path)\n", to: path)
        }
        try world.start()
        try world.settleAndStop()
        let followed = world.output.split(separator: "\n").map { String($0.dropFirst("line 00000 ".count)) }
        #expect(followed == ["/logs/x/a1.log", "/logs/x/b2.log", "/logs/y/a3.log", "/logs/.hidden.log"])
    }

    @Test("a symlink resolving outside the followed directories is refused (one warning) unless --follow-symlinks",
          arguments: [false, true])
    func symlinkOutsideIsRefused(followSymlinks: Bool) throws {
        let world = FollowWorld(patterns: ["/logs/*.log"])
        world.settings.followSymlinks = followSymlinks
        world.fileSystem.makeDirectories("/etc")
        world.fileSystem.append("root:SECRETHASH:19000:0:99999:7:::\n", to: "/etc/shadow")
        world.fileSystem.symlink("/etc/shadow", at: "/logs/evil.log")
        world.fileSystem.append(TestLog.lines(0..<3), to: "/logs/app-1.log")
        world.fileSystem.symlink("app-1.log", at: "/logs/current.log")  // inside: followed
        try world.start()
        try world.run(for: 3)
        try world.settleAndStop()
        #expect(world.output.contains("SECRETHASH") == followSymlinks)
        let refusals = world.diagnostics.warnings.filter { $0.contains("outside the followed directories") }
        #expect(refusals.count == (followSymlinks ? 0 : 1))
        #expect(refusals.allSatisfy { $0.contains("/logs/evil.log") && !$0.contains("SECRETHASH") })
        #expect(TestLog.numbers(in: world.output) == [0, 1, 2])
    }

    @Test("the --output file is never followed, even when a glob matches it")
    func ownOutputIsNotFollowed() throws {
        let world = FollowWorld(patterns: ["/logs/*.log"], output: "/logs/redacted.log")
        world.fileSystem.append(TestLog.lines(0..<20), to: "/logs/app.log")
        try world.start()
        try world.run(for: 3)
        world.fileSystem.append(TestLog.lines(20..<30), to: "/logs/app.log")
        try world.settleAndStop()
        TestLog.expectExactlyOnce(world.output, 0..<30)
        #expect(world.diagnostics.warnings == ["follow: /logs/redacted.log is the --output file; not following it"])
    }

    @Test("--from end skips existing lines of files present at the first start, keeping a line being written")
    func fromEnd() throws {
        let world = FollowWorld(output: nil, state: nil)
        world.settings.from = .end
        world.fileSystem.append(TestLog.lines(0..<10) + "line 00010 half", to: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.append(" done\n" + TestLog.lines(11..<15), to: "/logs/app.log")
        try world.settleAndStop()
        #expect(TestLog.numbers(in: world.output) == Array(10..<15))
        #expect(world.output.hasPrefix("line 00010 half done\n"))
    }

    @Test("--with-filename prefixes every line with its followed name, also after rotation")
    func withFilename() throws {
        let world = FollowWorld(output: nil)
        world.settings.withFilename = true
        world.fileSystem.append("a\nb\n", to: "/logs/app.log")
        try world.start()
        try world.run()
        world.fileSystem.move("/logs/app.log", to: "/logs/app.log.1")
        world.fileSystem.append("c\n", to: "/logs/app.log")
        try world.settleAndStop()
        #expect(world.output == "/logs/app.log: a\n/logs/app.log: b\n/logs/app.log: c\n")
    }
}
