import FuzzSupport
import Redaction

// (b) The rule loader: any bytes -> `RulePack.parse` -> `RuleSetBuilder.add` + `build` gives a
// `RuleLoadError` or a rule set, never a crash or a hang.
//
// - Bytes that are not UTF-8 are refused by `RulePack.parse(utf8:)`; they are then also parsed
//   as the lossily decoded text, so the parser is reached past invalid bytes.
// - `[extend] path = P` is resolved by a loader that parses the text of `P` itself as a rule file,
//   so the fuzzer can build `[extend]` chains and cycles (depth and cycle checks).
// - `[extend] useDefault = true` is added (which loads the built-in packs) but not compiled:
//   compiling several hundred built-in rules per input would slow the fuzzer a hundredfold, and
//   target (a) compiles them.
// - A rule set that compiles redacts the rules' own sample lines (a few, truncated) in one
//   buffer and in chunks, under the default or very tight PCRE2 limits (the engine-error path).
//   Invariants: chunked output == one-buffer output; line feeds kept; every rule id compiled is a
//   valid id; `RuleSampleCheck` (what `redact rules test` runs) never crashes.

@_cdecl("FuzzRuleLoader_main")
func fuzzMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzzOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: size))
    let pack: RulePack
    do {
        pack = try RulePack.parse(utf8: bytes, file: "fuzz.toml", name: "fuzz")
    } catch {
        fuzzRequire(!error.message.isEmpty, "a RuleLoadError without a message")
        // Not UTF-8: the lossily decoded text reaches the parser past the invalid bytes.
        let lossy = String(decoding: bytes, as: UTF8.self)
        guard !lossy.utf8.elementsEqual(bytes),
              let pack = try? RulePack.parse(lossy, file: "fuzz.toml", name: "fuzz") else { return 0 }
        build(pack, seed: bytes.count)
        return 0
    }
    build(pack, seed: bytes.count)
    return 0
}

/// Loads `[extend] path` values: the path's text is itself parsed as a rule file (named by the
/// text, so reaching the same text again is a cycle).
func loadExtension(_ path: String, relativeTo file: String) throws(RuleLoadError) -> RulePack {
    try RulePack.parse(path, file: path, name: "extended")
}

func build(_ pack: RulePack, seed: Int) {
    var builder: RuleSetBuilder
    do {
        builder = try RuleSetBuilder(includeBuiltin: false)
    } catch {
        fatalError("an empty builder failed: \(error)")
    }
    do {
        try builder.add(pack, loadExtension: loadExtension)
    } catch {
        fuzzRequire(!error.message.isEmpty, "a RuleLoadError without a message")
        return
    }
    if builder.builtinRequestedDespiteExclusion != nil { return }  // useDefault: see the header
    // Turn on the opt-in rules too, so they are compiled and run.
    builder.enable = builder.assembledRules.filter { !$0.enabledByDefault }.prefix(8).map(\.id)
    let limits: MatchLimits
    if seed % 2 == 0 {
        limits = .default
    } else {
        var tight = MatchLimits()
        tight.matchLimit = 200
        tight.depthLimit = 50
        tight.heapLimitKiB = 64
        limits = tight
    }
    let set: CompiledRuleSet
    do {
        set = try builder.build(options: CompiledRuleSet.Options(limits: limits))
    } catch {
        fuzzRequire(!error.message.isEmpty, "a RuleLoadError without a message")
        return
    }
    for rule in set.rules {
        fuzzRequire(RedactionRule.problem(withID: rule.id) == nil, "an invalid rule id was compiled")
    }
    redactSamples(of: set, seed: UInt64(truncatingIfNeeded: seed))
    let check = RuleSampleCheck(ruleSet: set)
    for rule in set.rules.prefix(4) where rule.mustRedact.count + rule.mustKeep.count <= 8 {
        _ = try? check.check(rule)
    }
}

/// Redacts up to 8 of the rules' samples (512 bytes each at most), one per line, plus a line
/// that is not a sample.
func redactSamples(of set: CompiledRuleSet, seed: UInt64) {
    var input: [UInt8] = []
    for sample in set.rules.lazy.flatMap({ $0.mustRedact + $0.mustKeep }).prefix(8) {
        input += sample.utf8.prefix(512)
        input.append(0x0A)
    }
    input += Array("2024-05-01T10:00:00Z INFO request served in 12ms user=alice\r\n".utf8)
    let whole = StreamHarness.redact(input, with: set)
    var generator = SplitMix64(seed: seed)
    let chunked = StreamHarness.redactInChunks(input, with: set, configuration: RedactionConfiguration(readSize: 7),
                                               generator: &generator)
    fuzzRequire(chunked == whole, "chunked output differs from one-buffer output")
    fuzzRequire(ByteSearch.lineFeeds(whole) == ByteSearch.lineFeeds(input),
                "\(ByteSearch.lineFeeds(input)) line feeds in, \(ByteSearch.lineFeeds(whole)) out")
}
