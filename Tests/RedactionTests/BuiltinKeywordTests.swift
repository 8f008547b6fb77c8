import Foundation
import Testing
@testable import Redaction

/// The built-in rules' keywords are fast and specific prefilter literals.
///
/// - Length: the keyword search (`Sources/CRedactScan/literal_set.c`) hashes only every second
///   byte position when every literal is 4 bytes or longer; one shorter keyword makes it hash
///   every position. A rule whose regex starts with a short prefix lists the longer literals the
///   regex really requires instead (`hf_` -> `hf_a` ... `hf_z`, `key` -> `key=`, `key:`, ...).
/// - Frequency: a keyword found in many ordinary log lines sends them all to the rule's regex.
///   No keyword may occur in more than 1% of the vendored loghub lines without a stated reason.
@Suite struct BuiltinKeywordTests {
    /// Every keyword of every built-in rule, opt-in ones included, with the rule that lists it.
    static let keywords: [(rule: String, keyword: String)] = {
        let packs = (try? BuiltinPacks.load()) ?? []
        return packs.flatMap(\.rules).flatMap { entry in entry.rule.keywords.map { (entry.rule.id, $0) } }
    }()

    /// Keywords still shorter than 4 bytes, each with why no complete set of longer literals
    /// replaces it. Each keeps the kernel at stride 1 until the engine handles short keywords
    /// another way; the list may only shrink.
    static let shortKeywordExceptions: [String: Set<String>] = [
        // `pw` is a whole key name (`pw=s3cr3t`, `"pw": "..."`) that may start the line, so no
        // byte before it can be required; after the separator any value byte may follow.
        "password-short-key": ["pw=", "pw:", "pw\"", "pw'", "pw`", "pw\\", "pw]", "pw ", "pw\t"],
        // `7z` may start the line; after `7z ` the regex allows any argument byte.
        "password-cli-short-flag": ["7z "],
        // The decoders' gate rule lists `CompiledRuleSet.sensitiveKeyLiterals`, which holds
        // `pwd` (`EncodedValueRedactionTests.theGateRuleListsEveryContextLiteral`).
        "encoded-credentials": ["pwd"],
        // `(?:bws|bitwarden)[^\r\n]{0,80}?` then the token: any byte may follow `bws`, and it
        // may start the line (`BWS_ACCESS_TOKEN=`).
        "bitwarden-secrets-manager-token": ["bws"],
    ]

    /// Keywords allowed in more than 1% of the loghub lines, each with its reason.
    static let frequentKeywordExceptions: [String: String] = [
        // The key word of every password rule; loghub's OpenSSH and Linux logs talk about
        // password authentication (about 1.6% of the lines). Longer literals would miss the
        // renderings the rules exist for (`password=`, `"password":`, `Password for`, ...).
        "password": "the key word of the password rules",
        // `PASSWORD <value>` (a directive or an upper-case dump key, blank-separated); the same
        // sshd lines, which select no rule (BenignKeywordContexts).
        "password ": "generic-upper-keyword-value's PASSWORD <value>",
    ]

    @Test func builtinRulesHaveKeywords() {
        #expect(Self.keywords.count > 1000)
    }

    @Test func everyBuiltinKeywordHasFourBytesOrAnException() {
        for (rule, keyword) in Self.keywords where keyword.utf8.count < 4 {
            #expect(Self.shortKeywordExceptions[rule]?.contains(keyword) == true,
                    "rule \(rule): keyword \(String(reflecting: keyword)) is shorter than 4 bytes")
        }
    }

    /// An exception that no longer applies is removed, so the list stays the truth.
    @Test func everyShortKeywordExceptionIsStillNeeded() {
        for (rule, listed) in Self.shortKeywordExceptions {
            let actual = Set(Self.keywords.filter { $0.rule == rule }.map(\.keyword))
            #expect(listed.isSubset(of: actual), "rule \(rule) no longer lists \(listed.subtracting(actual).sorted())")
        }
    }

    @Test func noBuiltinKeywordIsFrequentInRealLogs() throws {
        let lines = try TestSupport.loghubLinesLowercased()
        #expect(lines.count >= 30_000)
        let hits = Self.linesHolding(Set(Self.keywords.map(\.keyword)), in: lines)
        let frequent = Set(hits.filter { $0.value * 100 > lines.count }.keys)
        #expect(frequent.subtracting(Self.frequentKeywordExceptions.keys).isEmpty,
                "keywords in more than 1% of the loghub lines: \(frequent.subtracting(Self.frequentKeywordExceptions.keys).sorted())")
        // An exception that is no longer frequent is removed.
        #expect(Set(Self.frequentKeywordExceptions.keys).isSubset(of: frequent))
    }

    /// How many of `lines` (ASCII-lowercased) hold each keyword, case-insensitively. One pass
    /// over the lines: keywords of 4+ bytes are looked up by their first 4 bytes at each position.
    static func linesHolding(_ keywords: Set<String>, in lines: [[UInt8]]) -> [String: Int] {
        var byPrefix: [UInt32: [(String, [UInt8])]] = [:]
        var short: [(String, [UInt8])] = []
        for keyword in keywords {
            let needle = Array(keyword.utf8).map(ASCIIFolding.lower)
            if needle.count >= 4 { byPrefix[prefix(needle, 0), default: []].append((keyword, needle)) } else { short.append((keyword, needle)) }
        }
        var counts: [String: Int] = [:]
        var found: Set<String> = []
        for line in lines {
            found.removeAll(keepingCapacity: true)
            if line.count >= 4 {
                for start in 0...(line.count - 4) {
                    guard let candidates = byPrefix[prefix(line, start)] else { continue }
                    for (keyword, needle) in candidates
                    where start + needle.count <= line.count && line[start..<(start + needle.count)].elementsEqual(needle) {
                        found.insert(keyword)
                    }
                }
            }
            for (keyword, needle) in short where line.withUnsafeBytes({ containsFolded($0, needle) }) { found.insert(keyword) }
            for keyword in found { counts[keyword, default: 0] += 1 }
        }
        return counts
    }

    private static func prefix(_ bytes: [UInt8], _ start: Int) -> UInt32 {
        UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24
    }

    /// The counting helper itself: overlapping, repeated and short keywords, case folded.
    @Test func lineCountingFindsEveryKeyword() {
        let lines = ["GET /key=1 KEY=2", "no match here", "pw=x and key:y", "aaaa"].map { Array($0.utf8).map(ASCIIFolding.lower) }
        let counts = Self.linesHolding(["key=", "key:", "pw=", "aaa", "aaaa", "zzzz"], in: lines)
        #expect(counts == ["key=": 1, "key:": 1, "pw=": 1, "aaa": 1, "aaaa": 1])
    }
}
