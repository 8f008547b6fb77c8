/// Working memory of the value decoders for one ``ScanScratch``: the decoded bytes, the map back
/// to the encoded ones, the bytes-literal view of the line, and the scratch that scans decoded
/// text (one level deeper).
///
/// Made on the first line that needs decoding; every buffer keeps its capacity, so decoding
/// allocates nothing once the largest token seen so far has been decoded. Not thread-safe: it
/// belongs to its ``ScanScratch``.
final class DecodingScratch {
    /// Decoded text (a percent-decoded token, or a key and a base64-decoded value).
    var decoded: [UInt8] = []
    /// For a percent-decoded token: decoded byte `i` came from token bytes `offsets[i]..<offsets[i + 1]`.
    var offsets: [Int32] = []
    /// The line with each Python bytes-literal prefix replaced by a space.
    var view: [UInt8] = []
    /// The bytes literals of the line.
    var literals: [PythonBytesLiteral] = []
    /// Rules of the spans that covered only a bytes-literal prefix (see ``PythonBytesLiteral``),
    /// per literal; -1 when none did.
    var prefixRules: [Int32] = []

    /// Index of the ``CompiledRuleSet/encodedCredentialsRuleID`` rule in the set identified by
    /// ``ruleSetIdentity`` (nil when the set has none), looked up on first use.
    var encodedCredentialsRule: Int32?
    /// The same rule when its keywords cover every base64 context (it then gates the base64 search).
    var base64Gate: Int32?
    var ruleSetIdentity: ObjectIdentifier?

    /// The scratch that scans decoded text: depth ``depth`` + 1.
    private(set) lazy var nested: ScanScratch = {
        let scratch = ScanScratch(ruleCount: ruleCount, maximumCaptureCount: maximumCaptureCount, limits: limits)
        scratch.decodingDepth = depth + 1
        scratch.profile = profile
        return scratch
    }()

    /// Decoding depth of the text the owning scratch scans.
    let depth: Int
    private let ruleCount: Int
    private let maximumCaptureCount: Int
    private let limits: MatchLimits
    /// The owning scratch's profile, shared with the nested scratch.
    private let profile: RuleProfile?

    init(depth: Int, ruleCount: Int, maximumCaptureCount: Int, limits: MatchLimits, profile: RuleProfile? = nil) {
        self.depth = depth
        self.profile = profile
        self.ruleCount = ruleCount
        self.maximumCaptureCount = maximumCaptureCount
        self.limits = limits
        decoded.reserveCapacity(1024)
        offsets.reserveCapacity(1024)
        literals.reserveCapacity(8)
        prefixRules.reserveCapacity(8)
    }
}
