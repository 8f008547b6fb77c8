#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A pthread read-write lock: many readers at once, or one writer.
///
/// ## Design rationale
/// A pthread lock rather than `Synchronization.Mutex`: ThreadSanitizer intercepts pthread locks
/// (it cannot see the standard library's futex-based one), so the concurrency tests run clean
/// under `--sanitize=thread` and a real race stays visible.
///
/// ## Thread safety
/// That is its purpose. Never lock it again on a thread that holds it (not reentrant).
final class ReadWriteLock: @unchecked Sendable {
    // SAFETY: allocated and initialised in init, destroyed in deinit, only used through pthread calls.
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        let rc = pthread_rwlock_init(lock, nil)
        precondition(rc == 0, "pthread_rwlock_init failed: \(rc)")
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deinitialize(count: 1)
        lock.deallocate()
    }

    /// Runs `body` holding the lock for reading (other readers may run at the same time).
    @inline(__always)
    func withReadLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    /// Runs `body` holding the lock alone.
    @inline(__always)
    func withWriteLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}
