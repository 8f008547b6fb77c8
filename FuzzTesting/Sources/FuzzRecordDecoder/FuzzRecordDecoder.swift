import FuzzSupport
import Redaction

// (d) The record layer (`RedactionConfiguration.recordFormat`, issue "log shapes"): JSON records
// (Docker json-file, journald export JSON, any JSON object) and CRI records, whose partial
// records (`P`) are joined with their continuation before scanning.
//
// The payload goes through `StreamRedactor` with the built-in rules and a format the decision
// bytes choose (every `RecordFormat`), with a canary planted as
// 1. a raw token at any offset (inside or outside a JSON string: the raw line is scanned too);
// 2. a Docker json-file record line whose `log` value holds the canary JSON-escaped
//    (`\u0067hp_...`), so only the decoded value shows it;
// 3. a CRI partial record and its final record with the canary split between them;
// 4. a Docker json-file line over 16 KiB written as two records (the first `log` without its
//    newline), the canary split between them.
// Invariants: one feed == random chunks; line feeds kept; a final LF kept; the planted canary
// (for 3 and 4: each half of it) never survives; and `JSONStringCodec` round-trips the payload
// (`decode(encode(x))` is `x` with invalid UTF-8 replaced, exactly as `String(decoding:)` does).

@_cdecl("FuzzRecordDecoder_main")
func fuzzMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzzOneInput)
}

let formats = RecordFormat.allCases
let token = Canary.githubToken

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(UnsafeRawBufferPointer(start: data, count: size))
    let format = formats[Int(input.byte()) % formats.count]
    let placement = Int(input.byte()) % 4
    let offset = Int(input.uint16())
    var generator = SplitMix64(seed: input.seed())
    let payload = input.remaining
    checkCodec(Array(payload))

    // The canary's secret and what must not survive of it.
    let secret = token.secret
    let halves = [Array(secret[..<12]), Array(secret[12...])]
    let mustNotSurvive: [[UInt8]]
    var planted: [UInt8]
    let at = offset % (payload.count + 1)
    switch placement {
    case 0:
        planted = token.planted
        mustNotSurvive = [secret]
    case 1:
        // `ghp_` with its `g` escaped: the raw bytes never hold the secret, the decoded value does.
        planted = Array("\n{\"log\":\"deploy github_token=\\u0067".utf8) + secret.dropFirst() + Array(" ok\\n\",\"stream\":\"stdout\",\"time\":\"2024-11-30T10:00:00.000000001Z\"}\n".utf8)
        // Only formats that read JSON records decode the escape (`text` and `cri` do not).
        mustNotSurvive = [.auto, .json, .docker, .journald].contains(format) ? [Array(secret.dropFirst())] : []
    case 2:
        planted = Array("\n2024-11-30T10:00:00.000000001Z stdout P deploy github_token=".utf8) + halves[0]
            + Array("\n2024-11-30T10:00:00.000000002Z stdout F ".utf8) + halves[1] + Array(" ok\n".utf8)
        mustNotSurvive = format == .auto || format == .cri ? halves : []
    default:
        // The daemon's first record carries exactly 16 KiB of the line.
        let head = Array("deploy github_token=".utf8) + halves[0]
        let padding = [UInt8](repeating: UInt8(ascii: "a"), count: 16 * 1024 - head.count - 1)
        planted = Array("\n{\"log\":\"".utf8) + padding + Array(" ".utf8) + head
            + Array("\",\"stream\":\"stderr\",\"time\":\"2024-11-30T10:00:00.000000001Z\"}\n{\"log\":\"".utf8) + halves[1]
            + Array(" ok\\n\",\"stream\":\"stderr\",\"time\":\"2024-11-30T10:00:00.000000002Z\"}\n".utf8)
        mustNotSurvive = format == .auto || format == .docker ? halves : []
    }
    // Skip the canary check when the fuzzer's bytes already hold what is checked.
    let checked = mustNotSurvive.allSatisfy { !ByteSearch.contains(payload, $0) } ? mustNotSurvive : []
    var bytes = Array(payload)
    bytes.insert(contentsOf: planted, at: at)

    var configuration = RedactionConfiguration()
    configuration.recordFormat = format
    let whole = StreamHarness.redact(bytes, with: FuzzRuleSets.builtin, configuration: configuration)
    var chunkedConfiguration = configuration
    chunkedConfiguration.readSize = [1, 3, 64, 4096][Int.random(in: 0..<4, using: &generator)]
    let chunked = StreamHarness.redactInChunks(bytes, with: FuzzRuleSets.builtin, configuration: chunkedConfiguration,
                                               generator: &generator)
    fuzzRequire(chunked == whole, "format \(format): chunked output (read size \(chunkedConfiguration.readSize)) differs from one-buffer output")
    fuzzRequire(ByteSearch.lineFeeds(whole) == ByteSearch.lineFeeds(bytes),
                "format \(format): \(ByteSearch.lineFeeds(bytes)) line feeds in, \(ByteSearch.lineFeeds(whole)) out")
    fuzzRequire(bytes.last != 0x0A || whole.last == 0x0A, "format \(format): the final line lost its terminator")
    for fragment in checked {
        fuzzRequire(!ByteSearch.contains(whole, fragment), "format \(format), placement \(placement): a planted canary survived")
    }
    return 0
}

/// `JSONStringCodec`: encoding any bytes gives a literal that `literalEnd` delimits exactly and
/// that decodes to the bytes (invalid UTF-8 replaced by U+FFFD); decoding any bytes as a literal
/// body never traps.
func checkCodec(_ bytes: [UInt8]) {
    var literal: [UInt8] = []
    bytes.withUnsafeBytes { JSONStringCodec.encode($0, into: &literal) }
    let end = literal.withUnsafeBytes { try? JSONStringCodec.literalEnd(in: $0, from: 0) }
    fuzzRequire(end == literal.count, "JSONStringCodec.literalEnd does not end an encoded literal at its closing quote")
    var decoded: [UInt8] = []
    let body = literal.dropFirst().dropLast()
    let ok: Bool = body.withUnsafeBytes { (try? JSONStringCodec.decode($0, into: &decoded)) != nil }
    fuzzRequire(ok, "JSONStringCodec cannot decode what it encoded")
    fuzzRequire(decoded == Array(String(decoding: bytes, as: UTF8.self).utf8), "JSONStringCodec round trip changed the text")
    // Any bytes as a literal: an error or an end inside the buffer.
    var quoted = [UInt8(ascii: "\"")] + bytes
    if let end = quoted.withUnsafeBytes({ try? JSONStringCodec.literalEnd(in: $0, from: 0) }) {
        fuzzRequire(end >= 2 && end <= quoted.count, "JSONStringCodec.literalEnd returned an offset outside the literal")
        var out: [UInt8] = []
        let decodes: Bool = quoted[1..<(end - 1)].withUnsafeBytes { (try? JSONStringCodec.decode($0, into: &out)) != nil }
        fuzzRequire(decodes, "JSONStringCodec.literalEnd accepted a literal whose body does not decode")
    }
    quoted.removeAll()
}
