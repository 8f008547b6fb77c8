public import SystemPackage

/// Waits for changes in the followed directories (inotify, or timed waits when polling).
///
/// Contracts:
/// - ``wait(timeout:)`` returns after at most `timeout` seconds, earlier on a change or a signal;
///   it never blocks signal handling.
/// - Watches are on directories only (events for the files inside them included); a directory
///   that disappears loses its watch and is watched again once ``watch(directory:)`` is called
///   after it is back.
public protocol ChangeWatcher: AnyObject {
    /// Whether changes are reported as they happen (false: polling; every wait reports
    /// ``DirectoryChanges/everything``).
    var isEventDriven: Bool { get }

    /// Watches `directory` (idempotent; a directory that does not exist is ignored).
    func watch(directory: FilePath)

    /// Waits up to `timeout` seconds (see the type's contract).
    func wait(timeout: Double) -> DirectoryChanges
}
