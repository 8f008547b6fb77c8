import RedactionFollow
import SystemPackage
import Testing

/// The state directory's safety: permissions, owner, planted symlinks, one sidecar per directory.
@Suite("State directory")
struct StateDirectoryTests {
    @Test("a state directory writable by group or others is refused with a clear error", arguments: [0o777, 0o775, 0o757])
    func writableByOthersIsRefused(mode: Int) throws {
        let world = FollowWorld()
        world.fileSystem.makeDirectories("/state", permissions: UInt16(mode))
        let error = try #require(throws: FollowError.self) { try world.start() }
        #expect(error.message.contains("writable by group or others"))
        #expect(error.message.contains("0\(String(mode, radix: 8))"))
    }

    @Test("a state directory owned by another user is refused")
    func foreignOwnerIsRefused() throws {
        let world = FollowWorld()
        world.fileSystem.effectiveUserID = 2000
        world.fileSystem.makeDirectories("/state", permissions: 0o700)
        world.fileSystem.effectiveUserID = 1000
        let error = try #require(throws: FollowError.self) { try world.start() }
        #expect(error.message.contains("belongs to user 2000"))
    }

    @Test("a symlink planted as the temp file is replaced, never written through")
    func plantedTempSymlink() throws {
        let world = FollowWorld()
        world.fileSystem.append("victim content\n", to: "/victim")
        world.fileSystem.makeDirectories("/state", permissions: 0o700)
        world.fileSystem.symlink("/victim", at: "/state/follow.state.tmp")
        world.fileSystem.append(TestLog.lines(0..<5), to: "/logs/app.log")
        try world.start()
        world.fileSystem.symlink("/victim", at: "/state/follow.state.tmp")  // planted again after load removed it
        try world.settleAndStop()
        #expect(world.fileSystem.text(of: "/victim") == "victim content\n")
        #expect(world.fileSystem.text(of: "/state/follow.state").hasPrefix("redact-follow-state 1\n"))
        let status = try world.fileSystem.status(of: "/state/follow.state", followingSymlinks: false)
        #expect(status.kind == .regular && status.permissions == 0o600)
    }

    @Test("a symlink planted as the lock or the state file is refused, not followed")
    func plantedLockAndStateSymlinks() throws {
        let world = FollowWorld()
        world.fileSystem.append("victim\n", to: "/victim")
        world.fileSystem.makeDirectories("/state", permissions: 0o700)
        world.fileSystem.symlink("/victim", at: "/state/follow.lock")
        let error = try #require(throws: FollowError.self) { try world.start() }
        #expect(error.message.contains("lock file"))
        world.fileSystem.delete("/state/follow.lock")
        world.fileSystem.symlink("/victim", at: "/state/follow.state")
        try world.start()
        #expect(world.diagnostics.warnings.contains { $0.contains("state file") && $0.contains("unusable") })
        try world.stop()
        #expect(world.fileSystem.text(of: "/victim") == "victim\n")
    }

    @Test("two sidecars cannot share a state directory; a crashed one releases it")
    func oneSidecarPerDirectory() throws {
        let world = FollowWorld()
        try world.start()
        let second = #expect(throws: FollowError.self) {
            _ = try CheckpointStore(directory: "/state", fileSystem: world.fileSystem)
        }
        #expect(second?.message.contains("another `redact follow`") == true)
        world.crash()
        try world.start()
        try world.stop()
    }
}
