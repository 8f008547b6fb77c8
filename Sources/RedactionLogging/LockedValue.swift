#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a pthread mutex.
///
/// ## Design rationale
/// `Synchronization.Mutex` would do, but on Linux it is futex-based inside the standard library,
/// which is not built with ThreadSanitizer: TSan cannot see its lock and unlock and reports false
/// races on everything it guards. TSan intercepts pthread mutexes, so the concurrency tests run
/// clean under `--sanitize=thread` and any real race stays visible. swift-log's own handlers lock
/// the same way.
///
/// ## Thread safety
/// `withLock` serialises all access to the value.
// SAFETY: `value` is only read or written inside `withLock`, under the mutex.
final class LockedValue<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let rc = pthread_mutex_init(mutex, nil)
        precondition(rc == 0, "pthread_mutex_init failed: \(rc)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value. Keep `body` short: never match under it.
    @inline(__always)
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
