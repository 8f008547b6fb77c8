import Testing
@testable import Redaction

/// Value blocks (`[rules.block]` with `value`, see ``BlockSpec``): a key named on one line and its
/// value on a later one.
@Suite struct ValueBlockTests {
    /// `label:` ending a line; the value alone on the next line, as a token.
    static let nextLineRule = RedactionRule(
        id: "next", regex: "(?!)", valueShape: .token, keywords: ["token:"],
        block: BlockSpec(begin: #"(?i)\btoken:\s*$"#, end: "(?!)", maxLines: 1,
                         value: #"^\s*([A-Za-z0-9_-]{16,})\s*$"#))
    /// An HCL-like block: `default = "..."` within 3 lines, closed by `}`.
    static let defaultRule = RedactionRule(
        id: "hcl", regex: "(?!)", valueShape: .password, keywords: ["variable "],
        block: BlockSpec(begin: #"^variable "\w*password" \{$"#, end: #"^\}"#, maxLines: 3,
                         value: #"^\s*default\s*=\s*"([^"]+)""#))

    @Test func theValueOnTheLineAfterItsKeyIsMaskedAndTheKeyLineKept() {
        let set = TestSupport.ruleSet([Self.nextLineRule, TestSupport.canaryRule])
        let input = "Your API token:\n  c9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\nc9QLnuogE7FMcTGt43BJY9Imk9PX6Bnt\n"
        // The block closes with the value: the third line, though token-shaped, stays.
        let expected = "Your API token:\n  ***\nc9QLnuogE7FMcTGt43BJY9Imk9PX6Bnt\n"
        #expect(TestSupport.redact(input, with: set) == expected)
        for chunk in [1, 5, 17] { #expect(TestSupport.redact(input, with: set, chunk: chunk) == expected) }
        #expect(TestSupport.redact(expected, with: set) == expected)
        // CRLF lines and a value line that also holds another rule's secret.
        #expect(TestSupport.redact("token:\r\nc9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\r\n", with: set)
            == "token:\r\n***\r\n")
    }

    @Test func aValueTheShapeRejectsIsKeptAndOnlyTheNextLinesAreLookedAt() {
        let set = TestSupport.ruleSet([Self.nextLineRule])
        for kept in ["token:\n  enabled_for_all_users\n", "token:\n${ACME_TOKEN_PLACEHOLDER}\n",
                     "token:\n2024-05-01T10:00:00Z INFO next line c9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n",
                     "a token: inside a line\nc9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n"] {
            #expect(TestSupport.redact(kept, with: set) == kept)
        }
    }

    /// Blank lines between the label and its value (`Your new API key is:`, an empty line, the
    /// key) are kept and do not count against `maxLines`; the next non-blank line is the one looked at.
    @Test func blankLinesBetweenKeyAndValueDoNotCountAgainstMaxLines() {
        let set = TestSupport.ruleSet([Self.nextLineRule])
        for (input, expected) in [("token:\n\nc9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n", "token:\n\n***\n"),
                                  ("token:\r\n  \r\n\t\r\n  c9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\r\n", "token:\r\n  \r\n\t\r\n  ***\r\n"),
                                  // The first non-blank line is not the value: the block is over.
                                  ("token:\n\nnot it\nc9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n", "token:\n\nnot it\nc9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n")] {
            #expect(TestSupport.redact(input, with: set) == expected)
            for chunk in [1, 3] { #expect(TestSupport.redact(input, with: set, chunk: chunk) == expected) }
        }
    }

    /// A blank line closes a value block whose `end` matches it (a command that printed nothing:
    /// the line after the blank one is the next step's output), and only such a block.
    @Test func aBlankLineClosesAValueBlockWhoseEndMatchesIt() {
        let closing = RedactionRule(
            id: "printed", regex: "(?!)", valueShape: .token, keywords: ["token:"],
            block: BlockSpec(begin: #"(?i)\btoken:\s*$"#, end: #"^\s*$"#, maxLines: 3,
                             value: #"^\s*([A-Za-z0-9_-]{16,})\s*$"#))
        let input = "token:\n\nc9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n"
        #expect(TestSupport.redact(input, with: TestSupport.ruleSet([closing])) == input)
        #expect(TestSupport.redact(input, with: TestSupport.ruleSet([Self.nextLineRule])) == "token:\n\n***\n")
        for chunk in [1, 3] { #expect(TestSupport.redact(input, with: TestSupport.ruleSet([closing]), chunk: chunk) == input) }
    }

    /// Two value-block rules whose begin matches the same line: the first in order opens the
    /// block, and when its value pattern finds nothing the other's is tried, within its own
    /// `maxLines` (`password = \` begins a Python continuation, a quoted string, and a
    /// properties continuation, a bare value).
    @Test func everyValueBlockWhoseBeginMatchedTheLineIsTried() {
        let quoted = RedactionRule(
            id: "quoted", regex: "(?!)", valueShape: .password, keywords: ["password"],
            block: BlockSpec(begin: #"password\s*=\s*\\\s*$"#, end: "(?!)", maxLines: 1,
                             value: #"^\s*"([^"]{8,})"\s*$"#))
        let bare = RedactionRule(
            id: "bare", regex: "(?!)", valueShape: .password, keywords: ["password"],
            block: BlockSpec(begin: #"password\s*=\s*\\\s*$"#, end: "(?!)", maxLines: 2,
                             value: #"^\s*([A-Za-z0-9!]{8,})\s*$"#))
        let set = TestSupport.ruleSet([quoted, bare], options: CompiledRuleSet.Options(replacement: try! ReplacementTemplate("[{rule}]")))
        #expect(TestSupport.redact("db.password = \\\n  \"Hunter2-Rotated\"\n", with: set) == "db.password = \\\n  \"[quoted]\"\n")
        #expect(TestSupport.redact("db.password = \\\n  batteryPirate2862\n", with: set) == "db.password = \\\n  [bare]\n")
        // The second line after the begin is within the bare rule's bound only.
        #expect(TestSupport.redact("db.password = \\\n  # rotated\n  batteryPirate2862\nafter\n", with: set)
            == "db.password = \\\n  # rotated\n  [bare]\nafter\n")
        for chunk in [1, 4] {
            #expect(TestSupport.redact("db.password = \\\n  batteryPirate2862\n", with: set, chunk: chunk) == "db.password = \\\n  [bare]\n")
        }
    }

    /// An alternate value block (another rule whose begin matched the begin line) ends at its
    /// own `end`, as its own block would: a line that closes it leaves its value pattern untried
    /// on later lines, while the block that opened first waits on (`acmepay:` opens a YAML parent
    /// block and a heading block; `  region: eu` ends the heading's wait, not the parent's).
    @Test func anAlternateValueBlockEndsAtItsOwnEnd() {
        let parent = RedactionRule(
            id: "parent", regex: "(?!)", valueShape: .token, keywords: ["acmepay"],
            block: BlockSpec(begin: #"^acmepay:\s*$"#, end: #"^\S"#, maxLines: 4,
                             value: #"^\s+(?:api|secret):\s*([A-Za-z0-9]{16,})\s*$"#))
        let heading = RedactionRule(
            id: "heading", regex: "(?!)", valueShape: .token, keywords: ["acmepay"],
            block: BlockSpec(begin: #"^acmepay:?\s*$"#, end: #"^(?!\s*(?:KEY)?\s*$)\s*\S"#, maxLines: 2,
                             value: #"^\s*(?:\w+:\s*)?([A-Za-z0-9]{16,})\s*$"#))
        let set = TestSupport.ruleSet([parent, heading], options: CompiledRuleSet.Options(replacement: try! ReplacementTemplate("[{rule}]")))
        // The heading's end matches `  region: eu`: the public key on the next line stays.
        let kept = "acmepay:\n  region: eu\n  public_key: 9cf367cf024c886425b9b65e61c7580a\n"
        #expect(TestSupport.redact(kept, with: set) == kept)
        // The parent block still waits for its own value.
        #expect(TestSupport.redact("acmepay:\n  region: eu\n  secret: Qk7vX2pL9tRz4Wk8Nb3Y\n", with: set)
            == "acmepay:\n  region: eu\n  secret: [parent]\n")
        // A line the heading's end lets through (`KEY`) keeps it waiting.
        #expect(TestSupport.redact("acmepay\nKEY\nQk7vX2pL9tRz4Wk8Nb3Y\n", with: set) == "acmepay\nKEY\n[heading]\n")
        for chunk in [1, 5] { #expect(TestSupport.redact(kept, with: set, chunk: chunk) == kept) }
    }

    @Test func theBlockLooksAtMaxLinesLinesAndClosesAtEnd() {
        let set = TestSupport.ruleSet([Self.defaultRule])
        let masked = "variable \"db_password\" {\n  type = string\n  sensitive = true\n  default = \"Hunter2-Rotated\"\n}\n"
        #expect(TestSupport.redact(masked, with: set)
            == "variable \"db_password\" {\n  type = string\n  sensitive = true\n  default = \"***\"\n}\n")
        // The fourth line after the key is past maxLines.
        let late = "variable \"db_password\" {\n  a = 1\n  b = 2\n  c = 3\n  default = \"Hunter2-Rotated\"\n}\n"
        let redactor = StreamRedactor(ruleSet: set)
        var sink = ByteArraySink()
        Array(late.utf8).withUnsafeBytes { try! redactor.feed($0, into: &sink) }
        try! redactor.finish(into: &sink)
        #expect(String(decoding: sink.bytes, as: UTF8.self) == late)
        // Reaching the bound is a value block's normal end, not an unterminated block.
        #expect(redactor.statistics.unterminatedBlocks == 0)
        // `}` closes the block: the next block's default is not the secret's.
        let closed = "variable \"db_password\" {\n}\nvariable \"region\" {\n  default = \"eu-west-1\"\n}\n"
        #expect(TestSupport.redact(closed, with: set) == closed)
    }

    @Test func keyBlocksComeBeforeValueBlocks() {
        // Declared first, the value block still comes after the key block: a line that may open
        // either (over-long, unscannable) opens the key block, which masks every line after it.
        let set = TestSupport.ruleSet([Self.nextLineRule, StreamRedactorTests.blockRule])
        #expect(set.blockRules.map { set.compiledRules[Int($0)].id } == ["pem", "next"])
        let configuration = RedactionConfiguration(maxLineBytes: 64)
        let input = String(repeating: "x", count: 80) + " token: -----BEGIN PRIVATE KEY-----\nMIIBOgIBAAJBAKj3+4Gkx/FhD90vcNLYLInFEX\n"
        // (The body line is no value of the value block: `+` and `/` are outside its alphabet.)
        let output = TestSupport.redact(input, with: set, configuration: configuration)
        #expect(!output.contains("MIIBOgIBAAJBAKj3"))
    }

    /// A generic rule's value cut at `\uXXXX` / `\xNN` escapes covers them: no tail in clear.
    @Test func aValueCutAtAnEscapeIsMaskedWhole() {
        let output = TestSupport.redact("spring.datasource.password=an\\u0023iJRCyis4\\u0021\\u0040z3DX next\n",
                                        with: TestSupport.builtin)
        #expect(output == "spring.datasource.password=*** next\n")
        #expect(Array("ab\\u00zz".utf8).withUnsafeBytes { CompiledRuleSet.endOverEscapes($0, from: 2) } == 2)
        #expect(Array("ab\\x41cd;e".utf8).withUnsafeBytes { CompiledRuleSet.endOverEscapes($0, from: 2) } == 8)
    }

    /// A generic rule's value cut at `?` covers the value bytes after it unless a query goes on
    /// there (`?name=`): a generated password keeps no tail in clear.
    @Test func aValueCutAtAQuestionMarkIsMaskedWhole() {
        #expect(TestSupport.redact("appSecret=g3OpoP1dy?jPQX?BUeJO next\n", with: TestSupport.builtin) == "appSecret=*** next\n")
        #expect(TestSupport.redact("token=Zq8xW2mL5nR7tY1vK3pC?next=1\n", with: TestSupport.builtin) == "token=***?next=1\n")
        func end(_ text: String, _ from: Int) -> Int { Array(text.utf8).withUnsafeBytes { CompiledRuleSet.endOverEscapes($0, from: from) } }
        #expect(end("ab?cd?ef gh", 2) == 8)
        #expect(end("ab?cd=ef", 2) == 2)
        #expect(end("ab? cd", 2) == 2)
        #expect(end("ab?", 2) == 2)
    }

    /// A Java properties file's escaped `=`, `:`, `#`, `!` and backslash are inside the value.
    @Test func aValueCutAtAPropertiesEscapeIsMaskedWhole() {
        #expect(TestSupport.redact("spring.datasource.password=Winter&DRPk\\=354+MjK\n", with: TestSupport.builtin)
                == "spring.datasource.password=***\n")
        func end(_ text: String, _ from: Int) -> Int { Array(text.utf8).withUnsafeBytes { CompiledRuleSet.endOverEscapes($0, from: from) } }
        #expect(end("ab\\:cd\\#ef gh", 2) == 10)
        #expect(end("ab\\ncd", 2) == 2)
        #expect(end("ab\\\"cd", 2) == 2)
    }

    /// A generic rule's value cut at punctuation inside it (`,` `;` brackets) is judged and masked
    /// whole when the bytes after the punctuation are more of it: not a next field, not prose.
    @Test func aValueCutAtInnerPunctuationIsMaskedWhole() {
        #expect(TestSupport.redact("password=Xy7}kQ9[zP,w2! next\n", with: TestSupport.builtin) == "password=*** next\n")
        // (cut at `]`, `Ab3` alone was too short to judge, and nothing was masked)
        #expect(TestSupport.redact("secret_key=Ab3]Cd4}Ef5,Gh6)Ij7 next\n", with: TestSupport.builtin) == "secret_key=*** next\n")
        #expect(TestSupport.redact("login password=Xy7kQ9zPw2,user=bob\n", with: TestSupport.builtin) == "login password=***,user=bob\n")
        #expect(TestSupport.redact("shared_secret,Wq4n8PLdxmJs27ko,2024-05-01\n", with: TestSupport.builtin) == "shared_secret,***,2024-05-01\n")
        #expect(TestSupport.redact("(password=Xy7kQ9zPw2) done\n", with: TestSupport.builtin) == "(password=***) done\n")
        // A `;` or `,` inside a password in a list of fields: the value runs to the separator
        // before the next field, not to the first separator (which left `c9&xQ7!` in clear).
        #expect(TestSupport.redact("Server=db01;User Id=sa;Password=Ab;c9&xQ7!;Encrypt=true\n", with: TestSupport.builtin)
                == "Server=db01;User Id=sa;Password=***;Encrypt=true\n")
        #expect(TestSupport.redact("user=a,password=Xk9,vR2#p,host=db\n", with: TestSupport.builtin) == "user=a,password=***,host=db\n")
        // (not after a bracket: SOPS's `ENC[AES256_GCM,data:...` is an encrypted value's envelope)
        #expect(TestSupport.redact("api_token: ENC[AES256_GCM,data:8SE1yzZ+gWOakqfx,type:str]\n", with: TestSupport.builtin)
                == "api_token: ENC[AES256_GCM,data:8SE1yzZ+gWOakqfx,type:str]\n")
        func end(_ text: String, _ from: Int) -> Int {
            Array(text.utf8).withUnsafeBytes { CompiledRuleSet.endOverPunctuation($0, value: 0..<from) }
        }
        #expect(end("ab,cd x", 2) == 5)
        #expect(Array(",ab,cd".utf8).withUnsafeBytes { CompiledRuleSet.endOverPunctuation($0, value: 1..<3) } == 3)
        #expect(end("ab]cd}ef x", 2) == 8)
        #expect(end("ab,cd=ef", 2) == 2)
        #expect(end("ab;uid:sa", 2) == 2)
        #expect(end("ab;c9;uid=sa", 2) == 5)
        #expect(end("ab,c9,ef,uid=sa", 2) == 8)
        #expect(end("ab,cd,uid=sa", 2) == 2)  // a list of words: `required,confirmed,min:12`
        #expect(end("ab;c9 Persist Security Info=False", 2) == 2)  // a next field's name has blanks
        #expect(end("ab;;uid=sa", 2) == 2)
        #expect(end("ab]cd,uid=sa", 2) == 2)
        #expect(end("ab, cd", 2) == 2)
        #expect(end("ab),", 2) == 2)
        #expect(end("ab,cd).", 2) == 5)
        // A bracketed value stops at the bracket that closes it; a member access after a bracket
        // and a markup tag after the punctuation are not the value's.
        func endAfter(_ text: String, _ value: Range<Int>) -> Int {
            Array(text.utf8).withUnsafeBytes { CompiledRuleSet.endOverPunctuation($0, value: value) }
        }
        #expect(endAfter("<![CDATA[Cd4!Lq8]]></password>", 9..<16) == 16)
        #expect(endAfter("Some(Xy7kQ9zP)x", 5..<13) == 13)
        #expect(endAfter("id: SECRET_ID).secret_string", 4..<13) == 13)
        #expect(endAfter("x=default}</password>", 2..<9) == 9)
        #expect(endAfter("x=Ab3]Cd4", 2..<5) == 9)
        #expect(end("ab\"cd", 2) == 2)
    }
    /// Each line of a CI job's or a syslog's output carries a log prefix: the value is found
    /// behind the prefix its begin line had too (digits may differ), and the prefix stays.
    @Test func theValueIsFoundBehindTheBeginLinesLogPrefix() {
        let set = TestSupport.ruleSet([Self.nextLineRule, TestSupport.canaryRule])
        let input = "2024-05-01T10:50:01.5705588Z Your API token:\n"
            + "2024-05-01T10:50:02.0123456Z   c9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n"
            + "May 12 12:33:34 ci-7 job[940]: token:\nMay 12 12:33:35 ci-7 job[940]: c9QLnuogE7FMcTGt43BJY9Imk9PX6Bnx\n"
        let expected = "2024-05-01T10:50:01.5705588Z Your API token:\n2024-05-01T10:50:02.0123456Z   ***\n"
            + "May 12 12:33:34 ci-7 job[940]: token:\nMay 12 12:33:35 ci-7 job[940]: ***\n"
        #expect(TestSupport.redact(input, with: set) == expected)
        for chunk in [1, 7, 33] { #expect(TestSupport.redact(input, with: set, chunk: chunk) == expected) }
        #expect(TestSupport.redact(expected, with: set) == expected)
        // A shared start without a digit is no log prefix (a shell prompt, `$ export `); nor is a
        // prefix the value line does not share.
        for kept in ["$ export token:\n$ export c9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n",
                     "2024-05-01T10:50:01Z job: token:\nMay 12 12:33:35 c9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n"] {
            #expect(TestSupport.redact(kept, with: set) == kept)
        }
    }

    @Test func sharedPrefixLengthNeedsABlankAndADigit() {
        func shared(_ line: String, _ template: String) -> Int {
            Array(line.utf8).withUnsafeBytes { l in
                Array(template.utf8).withUnsafeBytes { KeyBlockLine.sharedPrefixLength(l, template: $0) }
            }
        }
        #expect(shared("2024-05-01T10:50:02.0123456Z value", "2024-05-01T10:50:01.5705588Z Your token:") == 29)
        #expect(shared("[2024-05-01T10:13:24.009Z]   password", "[2024-05-01T10:13:23.001Z] token:") == 29)
        #expect(shared("$ export X=1", "$ export TOKEN:") == 0)
        #expect(shared("2024 x", "2024 y") == 0)  // shorter than 8 bytes
        #expect(shared("", "2024-05-01T10:50:01Z token:") == 0)
    }

    /// An over-long line is masked whole and opens only a key block it may hold the BEGIN of: a
    /// value block's keyword in it opens nothing (its keywords would otherwise be searched for in
    /// every discarded chunk of a 256 MiB line).
    @Test func anOverlongLineOpensNoValueBlock() {
        let set = TestSupport.ruleSet([Self.nextLineRule])
        let configuration = RedactionConfiguration(maxLineBytes: 64)
        let input = String(repeating: "x", count: 80) + " token:\nc9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n"
        let output = TestSupport.redact(input, with: set, configuration: configuration)
        #expect(output.hasSuffix("\nc9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n"))
        #expect(!output.contains("xxxxxxxx"))
    }

    @Test func aBuiltInValueBlockWorksThroughTheFullRuleSet() {
        let set = TestSupport.builtin
        let input = "variable \"corp_okta_api_token\" {\n  default = \"1sDcwuqdqa4ibYPPjhiBLNrhAtUFE9PsMnffhTGc\"\n}\n"
            + "curl -sS https://api.example.com/token \\\n  -u app:c9QLnuogE7FMcTGt43BJY9Imk9PX6Bns \\\n  -d x=1\n"
        let output = TestSupport.redact(input, with: set)
        #expect(!output.contains("1sDcwuqdqa4ibYPP"))
        #expect(!output.contains("c9QLnuogE7FMcTGt"))
        #expect(output.contains("variable \"corp_okta_api_token\" {\n  default = \""))
        #expect(output.contains("  -u app:"))
    }

    /// `everyValue`: a section's block stays open after a value; every value line up to `end` (or
    /// `maxLines`) is masked, the end line's own value too, and nothing after it.
    @Test func everyValueMasksEachValueUpToTheEnd() {
        let section = RedactionRule(
            id: "section", regex: "(?!)", valueShape: .token, keywords: ["[acme]"],
            block: BlockSpec(begin: #"^\[acme\]\s*$"#, end: #"^\s*\["#, maxLines: 4,
                             value: #"^\s*(?:api|app)\s*=\s*([A-Za-z0-9]{16,})\s*$"#, everyValue: true))
        let set = TestSupport.ruleSet([section])
        let input = "[acme]\napi = c9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\nsite = eu\napp = Tq8Wn2Zs4Xv7Lm3Kp9Rb5JcYd6\n[other]\napi = c9QLnuogE7FMcTGt43BJY9Imk9PX6Bnt\n"
        let expected = "[acme]\napi = ***\nsite = eu\napp = ***\n[other]\napi = c9QLnuogE7FMcTGt43BJY9Imk9PX6Bnt\n"
        #expect(TestSupport.redact(input, with: set) == expected)
        for chunk in [1, 7, 23] { #expect(TestSupport.redact(input, with: set, chunk: chunk) == expected) }
        #expect(TestSupport.redact(expected, with: set) == expected)
        // The bound: the fifth line after the begin line is no longer looked at.
        let long = "[acme]\na=1\nb=2\nc=3\nd=4\napi = c9QLnuogE7FMcTGt43BJY9Imk9PX6Bns\n"
        #expect(TestSupport.redact(long, with: set) == long)
        // Without everyValue the first value closes the block.
        var single = section
        single.block?.everyValue = false
        #expect(TestSupport.redact(input, with: TestSupport.ruleSet([single]))
            == "[acme]\napi = ***\nsite = eu\napp = Tq8Wn2Zs4Xv7Lm3Kp9Rb5JcYd6\n[other]\napi = c9QLnuogE7FMcTGt43BJY9Imk9PX6Bnt\n")
    }

    /// A pack's `everyValue` is read from TOML, and needs a `value`.
    @Test func everyValueIsReadFromAPackAndNeedsAValue() throws {
        func pack(value: String) -> String {
            """
            [[rules]]
            id = "section"
            regex = '(?!)'
            keywords = ["[acme]"]
            [rules.block]
            begin = '^\\[acme\\]'
            end = '^\\['
            \(value)
            everyValue = true
            """
        }
        let parsed = try RulePack.parse(pack(value: "value = '^api = (\\S+)'"), file: "t.toml", name: "t")
        #expect(parsed.rules.first?.rule.block?.everyValue == true)
        #expect(throws: RuleLoadError.self) { try RulePack.parse(pack(value: ""), file: "t.toml", name: "t") }
    }

    /// A one-line `Login("user", "password")` rule and a `joinLines` block that lends its regex to
    /// the same call written one argument a line.
    static func joinedCallRules(maxLines: Int) -> CompiledRuleSet {
        let oneLine = RedactionRule(
            id: "call", regex: #"\bLogin\(\s*"[^"]*"\s*,\s*"([^"]+)""#, valueShape: .password, keywords: ["login("])
        let spread = RedactionRule(
            id: "call-spread", regex: "(?!)", valueShape: .password, keywords: ["login("],
            block: BlockSpec(begin: #"\bLogin\(\s*$"#, end: #"\)"#, maxLines: maxLines, value: oneLine.regex, joinLines: true))
        return TestSupport.ruleSet([oneLine, spread])
    }

    /// `joinLines`: the value pattern sees the block's lines joined, the current line last; only
    /// what it finds in the current line is masked, and `valueFrom` lends another rule's regex.
    @Test func joinedLinesFindAValueTheLineAloneDoesNotShow() throws {
        let set = Self.joinedCallRules(maxLines: 4)
        let input = "Login(\n  \"svc\",\n  \"Tr0ub4dor&3x\",\n  \"CORP\")\nLogin(\n  \"svc\",\n  pw)\n\"Tr0ub4dor&3y\"\n"
        let expected = "Login(\n  \"svc\",\n  \"***\",\n  \"CORP\")\nLogin(\n  \"svc\",\n  pw)\n\"Tr0ub4dor&3y\"\n"
        #expect(TestSupport.redact(input, with: set) == expected)
        for chunk in [1, 4, 13] { #expect(TestSupport.redact(input, with: set, chunk: chunk) == expected) }
        #expect(TestSupport.redact(expected, with: set) == expected)
        // The user on the line before is not masked (its span lies in a line already written).
        #expect(TestSupport.redact(input, with: set).contains("\"svc\""))
    }

    /// The joined text is bounded: a block whose lines outgrow ``BlockSpec/joinedLimit`` closes.
    @Test func aJoinedBlockClosesPastItsLimit() {
        let set = Self.joinedCallRules(maxLines: 8)
        func input(padding: Int) -> String {
            "Login(\(String(repeating: " ", count: padding))\n  \"svc\",\n  \"Tr0ub4dor&3x\")\n"
        }
        #expect(!TestSupport.redact(input(padding: 100), with: set).contains("Tr0ub4dor&3x"))
        #expect(TestSupport.redact(input(padding: BlockSpec.joinedLimit), with: set) == input(padding: BlockSpec.joinedLimit))
    }

    /// A pack's `valueFrom` takes the named rule's regex, from another pack too; a name no rule
    /// has is an error when the set is compiled; `value` and `valueFrom` exclude each other.
    @Test func valueFromLendsAnotherRulesRegex() throws {
        let toml = """
        [[rules]]
        id = "spread"
        regex = '(?!)'
        keywords = ["login("]
        [rules.block]
        begin = 'Login\\(\\s*$'
        end = '\\)'
        valueFrom = "one-line"
        joinLines = true
        """
        let other = """
        [[rules]]
        id = "one-line"
        regex = 'Login\\(\\s*"[^"]*"\\s*,\\s*"([^"]+)"'
        keywords = ["login("]
        """
        var builder = try RuleSetBuilder(includeBuiltin: false)
        try builder.add(try RulePack.parse(toml, file: "a.toml", name: "a"))
        try builder.add(try RulePack.parse(other, file: "b.toml", name: "b"))
        let set = try builder.build()
        #expect(TestSupport.redact("Login(\n \"svc\",\n \"Tr0ub4dor&3x\")\n", with: set) == "Login(\n \"svc\",\n \"***\")\n")
        var alone = try RuleSetBuilder(includeBuiltin: false)
        try alone.add(try RulePack.parse(toml, file: "a.toml", name: "a"))
        #expect(throws: RuleLoadError.self) { try alone.build() }
        #expect(throws: RuleLoadError.self) {
            try RulePack.parse(toml + "\nvalue = '(x)'", file: "a.toml", name: "a")
        }
    }
}
