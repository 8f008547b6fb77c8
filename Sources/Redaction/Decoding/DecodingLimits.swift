/// The bounds every value decoder keeps, so decoding costs at most a fixed multiple of the line.
///
/// - Depth: decoded text is scanned again (rules and decoders), but at most ``maximumDepth``
///   decodings deep: a percent-encoded value that holds base64 of `user:password` is found (two
///   levels); a third encoding inside is scanned by the rules only, not decoded.
/// - Bytes: an encoded token longer than ``maximumTokenBytes`` is not decoded (it is a blob, not a
///   credential: the longest context decoded in practice, a base64 PEM key or a Docker config,
///   is a few KiB); the rules still scan its raw bytes.
///
/// Decoded text is never longer than its encoded token, and tokens of one line do not overlap,
/// so each level decodes at most the line's length, and the bytes-literal view adds one more copy.
enum DecodingLimits {
    /// How many decodings deep text is decoded again (a line is depth 0).
    static let maximumDepth = 2
    /// Longest encoded token (percent-encoded run or base64 value) that is decoded, in bytes.
    static let maximumTokenBytes = 64 * 1024
    /// Longest key name looked at before a `:` or `=` when deciding a base64 value's context.
    static let maximumKeyBytes = 64
    /// Shortest base64 value decoded (`a:b` encodes to 4 characters).
    static let minimumBase64Bytes = 4
}
