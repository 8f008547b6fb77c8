/// A known value that was refused. Names the value's position, never the value.
public struct KnownValueError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        /// Shorter than ``KnownValueList/minimumLength`` bytes.
        case tooShort
        /// Longer than ``KnownValueList/maximumLength`` bytes.
        case tooLong
        /// Holds a line break (lines are redacted one at a time, so it could never match).
        case lineBreak
    }

    /// 0-based index of the refused value in the list given.
    public var index: Int
    public var problem: Problem

    public init(index: Int, problem: Problem) {
        self.index = index
        self.problem = problem
    }

    /// What is wrong, without the value (`shorter than 4 bytes`).
    public var reason: String {
        switch problem {
        case .tooShort: return "shorter than \(KnownValueList.minimumLength) bytes"
        case .tooLong: return "longer than \(KnownValueList.maximumLength) bytes"
        case .lineBreak: return "holds a line break"
        }
    }

    public var description: String { "known value #\(index + 1) is \(reason)" }
}
