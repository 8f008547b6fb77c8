/// A multi-line block a rule masks in a stream, such as a PEM private key (swift-redact extension
/// `[rules.block]`).
///
/// When a line matches `begin` and `end` does not match after it on the same line, the rest of that
/// line and every following line is masked, line by line (terminators kept, so the line count never
/// changes), up to the first line that matches `end`: there the bytes before the end marker are
/// masked and the marker and the rest of the line are kept. A block without `end` within
/// `maxLines` lines is masked up to that bound and counted as unterminated (fail closed).
public struct BlockSpec: Sendable, Hashable {
    public var begin: String
    public var end: String
    public var maxLines: Int

    public init(begin: String, end: String, maxLines: Int = 200) {
        self.begin = begin
        self.end = end
        self.maxLines = maxLines
    }
}
