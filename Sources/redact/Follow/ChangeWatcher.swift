#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for changes in the followed directories: inotify when available, plain timed waits
/// (polling) otherwise.
///
/// Contracts:
/// - ``wait(timeout:)`` returns after at most `timeout` seconds, earlier on a change or a signal
///   (it uses `poll(2)`, which a signal interrupts); it never blocks signal handling.
/// - The report is a hint, not a list: callers re-check every file themselves, so a lost or
///   coalesced event (queue overflow, a filesystem without inotify such as NFS) costs latency
///   (up to the polling interval), never data.
/// - Watches are on directories only (events for files inside them included); a directory that
///   disappears drops its watch and is watched again once it is back.
final class ChangeWatcher {
    /// What happened since the last wait.
    struct Changes {
        /// File content may have changed (IN_MODIFY and friends).
        var content = false
        /// Names may have changed (create, rename, delete, overflow): rescan paths.
        var names = false
    }

    private(set) var descriptor: Int32 = -1
    private var watches: [String: Int32] = [:]
    private var directoriesByWatch: [Int32: String] = [:]
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var warnedAboutLimit = false

    /// Whether inotify is in use (false: polling only).
    var isEventDriven: Bool { descriptor >= 0 }

    /// - Parameter useInotify: false for `--no-inotify`; inotify failing to start also falls
    ///   back to polling, with one note on stderr.
    init(useInotify: Bool) {
        guard useInotify else { return }
        #if os(Linux)
        descriptor = inotify_init1(Int32(0o4000 | 0o2000000))  // IN_NONBLOCK | IN_CLOEXEC
        if descriptor < 0 {
            StandardError.write("redact: note: follow: inotify unavailable (\(String(cString: strerror(errno)))); polling instead")
        }
        #endif
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Watches `directory` (idempotent; silently ignores a directory that does not exist).
    func watch(directory: String) {
        #if os(Linux)
        guard descriptor >= 0, watches[directory] == nil else { return }
        let mask: UInt32 = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB
            | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF) | 0x0100_0000  // IN_ONLYDIR
        let watch = inotify_add_watch(descriptor, directory, mask)
        if watch < 0 {
            if errno == ENOSPC && !warnedAboutLimit {
                warnedAboutLimit = true
                StandardError.write("redact: note: follow: inotify watch limit reached; some directories are polled")
            }
            return
        }
        watches[directory] = watch
        directoriesByWatch[watch] = directory
        #endif
    }

    /// Whether `directory` currently has a watch.
    func isWatching(_ directory: String) -> Bool { watches[directory] != nil }

    /// Waits up to `timeout` seconds (see the type's contract).
    func wait(timeout: Double) -> Changes {
        let milliseconds = Int32(min(Double(Int32.max), max(0, (timeout * 1000).rounded(.up))))
        guard descriptor >= 0 else {
            if milliseconds > 0 { _ = poll(nil, 0, milliseconds) }
            return Changes(content: true, names: true)
        }
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, milliseconds)
        guard ready > 0 else { return Changes() }
        return drain()
    }

    /// Reads all queued events without waiting.
    func drain() -> Changes {
        var changes = Changes()
        #if os(Linux)
        guard descriptor >= 0 else { return Changes(content: true, names: true) }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                break  // EAGAIN: drained
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { raw in
                var offset = 0
                let headerSize = MemoryLayout<inotify_event>.size
                while offset + headerSize <= count {
                    let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let nameLength = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    offset += headerSize + nameLength
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 { changes.names = true; changes.content = true }
                    if mask & UInt32(IN_MODIFY | IN_CLOSE_WRITE) != 0 { changes.content = true }
                    if mask & UInt32(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB
                        | IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                        changes.names = true
                        changes.content = true
                    }
                    if mask & UInt32(IN_IGNORED) != 0, let directory = directoriesByWatch.removeValue(forKey: watch) {
                        watches[directory] = nil
                        changes.names = true
                    }
                }
            }
        }
        #endif
        return changes
    }
}
