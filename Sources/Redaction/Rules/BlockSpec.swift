/// A multi-line block a rule masks in a stream (swift-redact extension `[rules.block]`): a key
/// block such as a PEM private key, or a value block whose key and value sit on different lines.
///
/// **Key block** (no `value`): when a line matches `begin` and `end` does not match after it on
/// the same line, the rest of that line and every following line is masked, line by line
/// (terminators kept, so the line count never changes), up to the first line that matches `end`:
/// there the bytes before the end marker are masked and the marker and the rest of the line are
/// kept. A block without `end` within `maxLines` lines is masked up to that bound and counted as
/// unterminated (fail closed).
///
/// **Value block** (with `value`): the begin line names a secret whose value comes on a later
/// line (`variable "db_password" {` then `default = "..."`; `Your API token:` then the token
/// alone; `password: |` then the YAML block scalar). The begin line is not masked. On each of the
/// next `maxLines` lines the `value` regex is matched; its secret group (the first non-empty
/// group) goes through the rule's value shape, entropy and allowlists like a regex match, is
/// masked when they accept it, and the block closes. A line that matches `end` (and holds no
/// accepted value) closes the block; after `maxLines` lines it closes too (that is its normal
/// end, not counted as unterminated). A blank line neither holds the value nor counts against
/// `maxLines`, unless `end` matches it: then it closes the block. Every line is also scanned as
/// usual.
///
/// With `everyValue` (a value block whose begin line names a section, `[datadog]` or `datadog:`,
/// that may hold several secrets) an accepted value does not close the block: every line up to
/// the one that matches `end`, or the last of `maxLines`, has its value masked.
///
/// With `joinLines` (a statement or a call spread over lines: `INSERT INTO users (name, password)`
/// then `VALUES ('a', 'x');`, `new NetworkCredential(` then one argument a line) the value pattern
/// is matched on the begin line and the block's lines so far joined by blanks, the current line
/// last; only what it finds in the current line is masked (the lines before it were written). The
/// joined text is held in memory only, up to ``joinedLimit`` bytes: a block that grows past it
/// closes. `valueFrom` names another rule whose regex serves as the value pattern (the one-line
/// form of the same statement), instead of `value`.
public struct BlockSpec: Sendable, Hashable {
    public var begin: String
    public var end: String
    public var maxLines: Int
    /// The regex that finds the secret on a line after `begin` (a value block), or nil (a key block).
    public var value: String?
    /// Whether a value block stays open after an accepted value (see above); false for key blocks.
    public var everyValue: Bool
    /// Whether the value pattern sees the block's lines joined (see above).
    public var joinLines: Bool
    /// The id of the rule whose regex is the value pattern (instead of `value`), or nil.
    public var valueFrom: String?

    /// The most bytes of joined text a `joinLines` block holds.
    public static let joinedLimit = 4096

    public init(begin: String, end: String, maxLines: Int = 200, value: String? = nil, everyValue: Bool = false,
                joinLines: Bool = false, valueFrom: String? = nil) {
        self.begin = begin
        self.end = end
        self.maxLines = maxLines
        self.value = value
        self.everyValue = everyValue
        self.joinLines = joinLines
        self.valueFrom = valueFrom
    }
}
