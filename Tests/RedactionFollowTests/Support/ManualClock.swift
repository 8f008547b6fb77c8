import RedactionFollow

/// A ``FollowClock`` that moves only when told to (or when the session sleeps or waits).
final class ManualClock: FollowClock {
    private(set) var monotonic: Double = 1_000
    /// Wall clock = epoch offset + monotonic.
    let epochOffset: Double = 1_800_000_000

    func monotonicNow() -> Double { monotonic }
    func wallClockNow() -> Double { epochOffset + monotonic }
    func sleep(seconds: Double) { advance(by: seconds) }

    func advance(by seconds: Double) { monotonic += max(0, seconds) }
}
