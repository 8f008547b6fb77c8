import FuzzSupport
import Redaction

// (a) The stream redactor, differential.
//
// For every input (payload = the input minus its last 11 decision bytes, see `FuzzInput`):
// 1. the built-in rules (`RuleSetBuilder().build()`) with a built-in canary planted at a
//    fuzzer-chosen offset, default configuration;
// 2. the custom rule set (`FuzzRuleSets.customPack`, one of `FuzzRuleSets.templates`) with a
//    custom canary;
// 3. the built-in rules under small limits, `RedactionConfiguration(maxLineBytes: 64, readSize: 16)`.
// Invariants: the output of one feed equals the output of random chunks (also through the CLI's
// fill/process path and random read sizes); the number of line feeds is kept; redacting the
// output again changes nothing (1 and 2; under small limits a line a placeholder lengthens may
// legitimately cross the limit on a second pass); the planted canary never survives.

@_cdecl("FuzzStreamRedactor_main")
func fuzzMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzzOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(UnsafeRawBufferPointer(start: data, count: size))
    let flags = input.byte()
    let offset = Int(input.uint16())
    var generator = SplitMix64(seed: input.seed())
    let payload = input.remaining

    // 1. Built-in rules, default configuration. Canary choice: bits 0-1 (3 = none).
    let builtinCanary = Canary.builtin.indices.contains(Int(flags & 3)) ? Canary.builtin[Int(flags & 3)] : nil
    let builtinInput = plant(builtinCanary, in: payload, at: offset)
    checkDefault(builtinInput.bytes, set: FuzzRuleSets.builtin, canary: builtinInput.canary,
                 name: "built-in", generator: &generator)

    // 2. Custom rules with one of the templates (bits 2-4), canary from bits 5-6 (3 = none).
    let template = Int(flags >> 2 & 7) % FuzzRuleSets.templates.count
    let customCanary = Canary.custom.indices.contains(Int(flags >> 5 & 3)) ? Canary.custom[Int(flags >> 5 & 3)] : nil
    let customInput = plant(customCanary, in: payload, at: offset)
    checkDefault(customInput.bytes, set: FuzzRuleSets.custom[template], canary: customInput.canary,
                 name: "custom template '\(FuzzRuleSets.templates[template])'", generator: &generator)

    // 3. Built-in rules under small limits.
    checkSmallLimits(builtinInput.bytes, canary: builtinInput.canary, generator: &generator)
    return 0
}

/// The payload with `canary` planted, and the canary to check (`nil` when none was planted or
/// the payload already holds its secret, see `Canary`).
func plant(_ canary: Canary?, in payload: ArraySlice<UInt8>, at offset: Int) -> (bytes: [UInt8], canary: Canary?) {
    guard let canary else { return (Array(payload), nil) }
    let checked = ByteSearch.contains(payload, canary.secret) ? nil : canary
    return (canary.plant(in: payload, at: offset % (payload.count + 1)), checked)
}

func checkDefault(_ input: [UInt8], set: CompiledRuleSet, canary: Canary?, name: String,
                  generator: inout SplitMix64) {
    let whole = StreamHarness.redact(input, with: set)
    let readSize = [1, 2, 7, 64, 4096][Int.random(in: 0..<5, using: &generator)]
    let chunked = StreamHarness.redactInChunks(input, with: set, configuration: RedactionConfiguration(readSize: readSize),
                                               generator: &generator)
    fuzzRequire(chunked == whole, "\(name): chunked output (read size \(readSize)) differs from one-buffer output")
    fuzzRequire(ByteSearch.lineFeeds(whole) == ByteSearch.lineFeeds(input),
                "\(name): \(ByteSearch.lineFeeds(input)) line feeds in, \(ByteSearch.lineFeeds(whole)) out")
    fuzzRequire(input.last != 0x0A || whole.last == 0x0A, "\(name): the final line lost its terminator")
    if let canary {
        fuzzRequire(!ByteSearch.contains(whole, canary.secret), "\(name): the planted canary \(canary.key)= survived")
    }
    let again = StreamHarness.redact(whole, with: set)
    fuzzRequire(again == whole, "\(name): redacting the output again changed it (not idempotent)")
}

func checkSmallLimits(_ input: [UInt8], canary: Canary?, generator: inout SplitMix64) {
    let configuration = RedactionConfiguration(maxLineBytes: 64, readSize: 16)
    let whole = StreamHarness.redact(input, with: FuzzRuleSets.builtin, configuration: configuration)
    let chunked = StreamHarness.redactInChunks(input, with: FuzzRuleSets.builtin, configuration: configuration,
                                               generator: &generator)
    fuzzRequire(chunked == whole, "small limits: chunked output differs from one-feed output")
    fuzzRequire(ByteSearch.lineFeeds(whole) == ByteSearch.lineFeeds(input),
                "small limits: \(ByteSearch.lineFeeds(input)) line feeds in, \(ByteSearch.lineFeeds(whole)) out")
    fuzzRequire(input.last != 0x0A || whole.last == 0x0A, "small limits: the final line lost its terminator")
    if let canary {
        fuzzRequire(!ByteSearch.contains(whole, canary.secret), "small limits: the planted canary \(canary.key)= survived")
    }
}
