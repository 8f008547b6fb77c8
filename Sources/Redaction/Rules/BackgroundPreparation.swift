#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// How far the background preparation of the built-in packs
/// (``BuiltinPacks/prepareInBackground()``) has come, and a way to sleep until it gets further.
///
/// ## Design rationale
/// The results of that work are Swift globals (`static let`), initialised once per process. A
/// thread that reads one while another thread initialises it waits in the runtime's once-lock,
/// which on Linux is a priority-inheritance futex: the kernel spins on it while the owner runs
/// on the other core. At start-up that spin was several milliseconds of CPU time burnt for
/// nothing (the main thread, done parsing the arguments, waiting for the packs). So readers call
/// ``wait(for:)`` first, which sleeps on a condition variable until the stage they need is
/// reached, and then read the global without contention.
///
/// ## Thread safety
/// Every method may be called from any thread; `stage` is only read and written holding `mutex`.
/// Never call ``wait(for:)`` on the preparing thread for a stage it has not reached yet (it would
/// wait for itself).
final class BackgroundPreparation: @unchecked Sendable {
    /// The steps of the preparation, in order.
    enum Stage: Int, Comparable {
        /// No background preparation was started in this process (readers do the work themselves).
        case notStarted
        /// The thread runs and has finished nothing yet.
        case started
        /// The built-in packs are decoded.
        case packsDecoded
        /// The default selection's keyword scanner is built: nothing is left to do.
        case scannerBuilt

        static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The process's one preparation.
    static let shared = BackgroundPreparation()

    // SAFETY: allocated and initialised in init, destroyed in deinit, only used through pthread calls.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    // SAFETY: only read and written holding `mutex`.
    private var stage = Stage.notStarted

    /// A preparation of its own, at ``Stage/notStarted`` (the process uses ``shared``; tests make
    /// their own).
    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        let mutexStatus = pthread_mutex_init(mutex, nil)
        precondition(mutexStatus == 0, "pthread_mutex_init failed: \(mutexStatus)")
        let conditionStatus = pthread_cond_init(condition, nil)
        precondition(conditionStatus == 0, "pthread_cond_init failed: \(conditionStatus)")
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deinitialize(count: 1)
        condition.deallocate()
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Whether a background preparation was started (whatever its stage).
    var isStarted: Bool { current() > .notStarted }

    /// Records that `reached` is done (a stage never goes back: recording an earlier one, as the
    /// starting thread may after a fast preparing thread, changes nothing) and wakes the waiters.
    func record(_ reached: Stage) {
        pthread_mutex_lock(mutex)
        if reached > stage { stage = reached }
        pthread_mutex_unlock(mutex)
        pthread_cond_broadcast(condition)
    }

    /// Sleeps until `needed` is reached, then returns `true`; returns `false` at once when no
    /// preparation was started (the caller then does the work itself).
    @discardableResult
    func wait(for needed: Stage) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard stage > .notStarted else { return false }
        while stage < needed { pthread_cond_wait(condition, mutex) }
        return true
    }

    private func current() -> Stage {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return stage
    }
}
