/// The state of a multi-line block left open between two lines: which rule opened it and how
/// many lines after its begin line were masked. Holds no content, so it may be persisted.
public struct OpenBlock: Sendable, Hashable {
    /// The id of the rule whose `block` is open.
    public var ruleID: String
    /// Lines masked after the begin line so far (the block closes at the rule's `maxLines`).
    public var linesMasked: Int

    public init(ruleID: String, linesMasked: Int) {
        self.ruleID = ruleID
        self.linesMasked = linesMasked
    }
}
