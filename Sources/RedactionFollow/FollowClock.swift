/// Time as `follow` sees it: a monotonic clock for its timers (rotate wait, checkpoint and
/// metrics intervals, rescans) and the wall clock for what it records (checkpoint time, metrics).
///
/// ``SystemClock`` is the real one; tests use a manual clock that only moves when told to (the
/// in-memory ``ChangeWatcher`` advances it by the time it would have waited).
public protocol FollowClock: AnyObject {
    /// Seconds on a monotonic clock (arbitrary origin).
    func monotonicNow() -> Double
    /// Seconds since the epoch.
    func wallClockNow() -> Double
    /// Pauses the calling thread (burst coalescing only; the loop's waits go through the watcher).
    func sleep(seconds: Double)
}
