import ArgumentParser

/// A duration option value: `250ms`, `5s`, `1.5s`, `2m`, or a bare number of seconds (`0.5`).
///
/// Contract: the value is finite and not negative; ``seconds`` is what callers use.
struct FollowDuration: ExpressibleByArgument, Sendable, Hashable, CustomStringConvertible {
    /// The duration in seconds.
    var seconds: Double

    init(seconds: Double) { self.seconds = seconds }

    init?(argument: String) {
        let text = argument
        let units: [(suffix: String, scale: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = Substring(text)
        var scale = 1.0
        for unit in units where text.hasSuffix(unit.suffix) {
            number = text.dropLast(unit.suffix.count)
            scale = unit.scale
            break
        }
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        seconds = value * scale
    }

    var description: String {
        if seconds < 1, seconds > 0 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds == seconds.rounded() { return "\(Int(seconds))s" }
        return "\(seconds)s"
    }

    /// Milliseconds, rounded up, clamped to `Int32` (for `poll(2)`).
    var milliseconds: Int32 { Int32(min(Double(Int32.max), (seconds * 1000).rounded(.up))) }
}
