/// What a ``ChangeWatcher`` saw since the last wait: a hint, not a list (callers re-check every
/// file themselves, so a lost or coalesced event costs latency, never data).
public struct DirectoryChanges: Hashable, Sendable {
    /// File content may have changed (`IN_MODIFY` and friends).
    public var content: Bool
    /// Names may have changed (create, rename, delete, overflow): check names, rescan globs.
    public var names: Bool

    public init(content: Bool = false, names: Bool = false) {
        self.content = content
        self.names = names
    }

    /// Everything may have changed (polling, overflow).
    public static let everything = DirectoryChanges(content: true, names: true)
}
