import RedactionFollow
import SystemPackage

/// The in-memory ``ChangeWatcher``: reports the file system's recorded changes at once, or lets
/// the manual clock run for the timeout when nothing changed (polling: always the timeout).
final class MemoryChangeWatcher: ChangeWatcher {
    let fileSystem: MemoryFileSystem
    let isEventDriven: Bool
    private(set) var watched: Set<FilePath> = []

    init(fileSystem: MemoryFileSystem, isEventDriven: Bool) {
        self.fileSystem = fileSystem
        self.isEventDriven = isEventDriven
    }

    func watch(directory: FilePath) { watched.insert(directory) }

    func wait(timeout: Double) -> DirectoryChanges {
        guard isEventDriven else {
            fileSystem.clock.advance(by: timeout)
            return .everything
        }
        let changes = fileSystem.pendingChanges
        if changes.content || changes.names {
            fileSystem.pendingChanges = DirectoryChanges()
            return changes
        }
        fileSystem.clock.advance(by: timeout)
        return DirectoryChanges()
    }
}
