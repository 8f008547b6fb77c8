#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real ``FollowClock``: `CLOCK_MONOTONIC`, `CLOCK_REALTIME` and `nanosleep`.
public final class SystemClock: FollowClock {
    public init() {}

    public func monotonicNow() -> Double { Self.read(CLOCK_MONOTONIC) }

    public func wallClockNow() -> Double { Self.read(CLOCK_REALTIME) }

    public func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        // Interrupted by a signal: return early, the loop checks its flags.
        _ = nanosleep(&request, &remaining)
    }

    private static func read(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
