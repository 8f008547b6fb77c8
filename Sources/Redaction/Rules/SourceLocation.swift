/// Where a rule (or a rule pack entry) was defined: a file name or built-in pack name, and a line.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path as given by the user, or `builtin:<pack>` for embedded packs.
    public var file: String
    /// 1-based line number, or 0 when unknown.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { line > 0 ? "\(file):\(line)" : file }
}
