import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real ``ChangeWatcher``: inotify on Linux, plain timed waits (polling) otherwise or when
/// inotify is off or unavailable.
///
/// ``wait(timeout:)`` uses `poll(2)`, which a signal interrupts, so signals are seen at once.
/// Watches are on directories only; `IN_IGNORED` (the directory went away) drops the watch.
final class InotifyWatcher: ChangeWatcher {
    private var descriptor: Int32 = -1
    private var watches: [FilePath: Int32] = [:]
    private var directoriesByWatch: [Int32: FilePath] = [:]
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var warnedAboutLimit = false
    private let diagnostics: any FollowDiagnostics

    var isEventDriven: Bool { descriptor >= 0 }

    /// - Parameter useInotify: false for `--no-inotify`; inotify failing to start also falls
    ///   back to polling, with one note.
    init(useInotify: Bool, diagnostics: any FollowDiagnostics) {
        self.diagnostics = diagnostics
        guard useInotify else { return }
        #if os(Linux)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if descriptor < 0 {
            diagnostics.note("follow: inotify unavailable (\(Errno(rawValue: errno))); polling instead")
        }
        #endif
    }

    deinit { if descriptor >= 0 { try? FileDescriptor(rawValue: descriptor).close() } }

    func watch(directory: FilePath) {
        #if os(Linux)
        guard descriptor >= 0, watches[directory] == nil else { return }
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB
            | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
        let watch = directory.withPlatformString { inotify_add_watch(descriptor, $0, mask) }
        if watch < 0 {
            if errno == ENOSPC && !warnedAboutLimit {
                warnedAboutLimit = true
                diagnostics.note("follow: inotify watch limit reached; some directories are polled")
            }
            return
        }
        watches[directory] = watch
        directoriesByWatch[watch] = directory
        #endif
    }

    func wait(timeout: Double) -> DirectoryChanges {
        let milliseconds = Int32(min(Double(Int32.max), max(0, (timeout * 1000).rounded(.up))))
        guard descriptor >= 0 else {
            if milliseconds > 0 { _ = poll(nil, 0, milliseconds) }
            return .everything
        }
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, milliseconds) > 0 else { return DirectoryChanges() }
        return drain()
    }

    /// Reads every queued event without waiting.
    private func drain() -> DirectoryChanges {
        var changes = DirectoryChanges()
        #if os(Linux)
        let events = FileDescriptor(rawValue: descriptor)
        while true {
            // Non-blocking: `.wouldBlock` (or any error) means drained.
            guard let count = try? buffer.withUnsafeMutableBytes({ try events.read(into: $0) }), count > 0 else { break }
            buffer.withUnsafeBytes { raw in
                Self.forEachEvent(in: UnsafeRawBufferPointer(rebasing: raw[0..<count])) { watch, mask in
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 { changes = .everything }
                    if mask & UInt32(IN_MODIFY | IN_CLOSE_WRITE) != 0 { changes.content = true }
                    if mask & UInt32(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB
                        | IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                        changes = .everything
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

    #if os(Linux)
    /// Calls `body` with the watch descriptor and mask of every event in `events` (what one
    /// `read(2)` of the inotify descriptor returned: whole events, each a fixed header followed
    /// by `len` bytes of name).
    private static func forEachEvent(in events: UnsafeRawBufferPointer, _ body: (Int32, UInt32) -> Void) {
        let headerSize = MemoryLayout<inotify_event>.size
        let watchOffset = MemoryLayout<inotify_event>.offset(of: \.wd) ?? 0
        let maskOffset = MemoryLayout<inotify_event>.offset(of: \.mask) ?? 4
        let lengthOffset = MemoryLayout<inotify_event>.offset(of: \.len) ?? 12
        // The kernel ABI (linux/inotify.h): wd, mask, cookie, len at 0, 4, 8, 12; 16-byte header.
        assert(watchOffset == 0 && maskOffset == 4 && lengthOffset == 12 && headerSize == 16,
               "inotify_event layout differs from the kernel ABI")
        var offset = 0
        while offset + headerSize <= events.count {
            // SAFETY: `offset + headerSize <= events.count`, so each field read lies inside the
            // buffer; the kernel aligns events only to 4 bytes and the name may leave any
            // alignment, hence the unaligned loads.
            let watch = events.loadUnaligned(fromByteOffset: offset + watchOffset, as: Int32.self)
            let mask = events.loadUnaligned(fromByteOffset: offset + maskOffset, as: UInt32.self)
            let nameLength = Int(events.loadUnaligned(fromByteOffset: offset + lengthOffset, as: UInt32.self))
            offset += headerSize + nameLength
            body(watch, mask)
        }
    }
    #endif
}
