import Testing
import TOMLParser

/// What toml-test does not check: the lines recorded on nodes and tables, and the line, column
/// and wording of errors (rule-file errors quote them), which must never quote the document.
@Suite struct TOMLLocationTests {
    /// An expected error: the text of the message and where it points.
    struct ExpectedError: Sendable, CustomTestStringConvertible {
        var document: String
        var message: String
        var line: Int
        var column: Int

        init(_ document: String, _ message: String, line: Int = 1, column: Int) {
            self.document = document
            self.message = message
            self.line = line
            self.column = column
        }

        var testDescription: String { "\(message) @\(line):\(column)" }
    }

    static func parseError(_ document: String) throws -> TOMLParseError {
        try #require(throws: TOMLParseError.self) { try TOMLParser.parse(document) }
    }

    /// The node at a path of keys and array indexes (`"rules", 0, "id"`).
    static func node(_ table: TOMLTable, _ path: any Sendable...) -> TOMLNode? {
        var current = TOMLNode(value: .table(table), line: table.line)
        for step in path {
            switch (current.value, step) {
            case (.table(let table), let key as String): guard let next = table[key] else { return nil }; current = next
            case (.array(let items), let index as Int) where items.indices.contains(index): current = items[index]
            default: return nil
            }
        }
        return current
    }

    static let gitleaksConfig = #"""
        title = "gitleaks config"
        [extend]
        useDefault = true
        disabledRules = ["generic-api-key"]
        [[rules]]
        id = "aws-access-token"
        regex = '''\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b'''
        entropy = 3
        keywords = ["a3t", "akia"]
        [[rules.allowlists]]
        regexes = ['''.+EXAMPLE$''']
        [[rules]]
        id = "generic"
        regex = """(?i)password\\s*=\\s*(\\S+)"""
        [rules.allowlist]
        stopwords = ["example"]
        [allowlist]
        paths = ['''gitleaks\.toml''']
        """#

    @Test func everyNodeOfAGitleaksConfigRecordsItsLine() throws {
        let root = try TOMLParser.parse(Self.gitleaksConfig)
        #expect(root.line == 0)
        #expect(root.keys == ["title", "extend", "rules", "allowlist"])
        let lines: [([any Sendable], Int)] = [
            (["title"], 1), (["extend"], 2), (["extend", "useDefault"], 3), (["extend", "disabledRules"], 4),
            (["rules"], 5), (["rules", 0], 5), (["rules", 0, "id"], 6), (["rules", 0, "regex"], 7),
            (["rules", 0, "entropy"], 8), (["rules", 0, "keywords"], 9), (["rules", 0, "allowlists", 0], 10),
            (["rules", 0, "allowlists", 0, "regexes"], 11), (["rules", 1], 12), (["rules", 1, "regex"], 14),
            (["rules", 1, "allowlist"], 15), (["rules", 1, "allowlist", "stopwords"], 16),
            (["allowlist"], 17), (["allowlist", "paths"], 18),
        ]
        for (path, line) in lines {
            let node = Self.node(root, path)
            #expect(node?.line == line, "\(path)")
        }
        #expect(Self.node(root, "rules", 1, "regex")?.value == .string(#"(?i)password\s*=\s*(\S+)"#))
        #expect(Self.node(root, "rules", 0, "entropy")?.value == .integer(3))
    }

    @Test func crlfAndByteOrderMarkParseTheSame() throws {
        let lf = try TOMLParser.parse(Self.gitleaksConfig)
        let crlf = Self.gitleaksConfig.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(try TOMLParser.parse(crlf) == lf)
        #expect(try TOMLParser.parse("\u{FEFF}" + Self.gitleaksConfig) == lf)
        #expect(try TOMLParser.parse(utf8: Array(Self.gitleaksConfig.utf8)) == lf)
        let error = try Self.parseError("\u{FEFF}a = ")
        #expect((error.line, error.column) == (1, 5))
    }

    @Test func tablesCarryTheLineThatDefinedThem() throws {
        let root = try TOMLParser.parse("""
            [x.y.z]
            a = 1
            [x]
            b = 2
            [fruit]
            apple.color = "red"
            [fruit.apple.texture]
            point = { x = 1, y = [1,
              2] }
            [[products]]
            [[products]]
            """)
        #expect(Self.node(root, "x")?.line == 3)  // defined by its own header after being implied on line 1
        #expect(Self.node(root, "x", "y")?.line == 1)
        #expect(Self.node(root, "fruit", "apple")?.line == 6)
        #expect(Self.node(root, "fruit", "apple", "texture")?.line == 7)
        #expect(Self.node(root, "fruit", "apple", "texture", "point")?.line == 8)
        #expect(Self.node(root, "fruit", "apple", "texture", "point", "y", 1)?.line == 9)
        #expect(Self.node(root, "products")?.line == 10)
        #expect(Self.node(root, "products", 1)?.line == 11)
    }

    @Test(arguments: [
        ExpectedError("v = 01", "leading zeros", column: 5),
        ExpectedError("v = 1__0", "misplaced underscore", column: 5),
        ExpectedError("v = +0x1", "sign is not allowed", column: 5),
        ExpectedError("v = 9223372036854775808", "integer out of range", column: 5),
        ExpectedError("v = 1979-02-30", "invalid date", column: 5),
        ExpectedError("v = 1979-05-27T07:32", "invalid time", column: 16),
        ExpectedError("v = 1979-05-27T07:32:00+25:00", "invalid time offset", column: 24),
        ExpectedError("v = \"abc", "unterminated string", column: 5),
        ExpectedError("v = \"abc\r\nx = 1", "newline in single-line string", column: 9),
        ExpectedError("v = \"a\\e\"", "invalid escape sequence", column: 7),
        ExpectedError("v = \"\\uD800\"", "not a Unicode scalar value", column: 6),
        ExpectedError("v = \"\u{7F}\"", "control character in string", column: 6),
        ExpectedError("v = '''a\n\u{7F}'''", "control character in string", line: 2, column: 1),
        ExpectedError("v = \"\"\"a\"\"\"\"\"\"", "too many quotes", column: 9),
        ExpectedError("= \"no key\"", "missing key before '='", column: 1),
        ExpectedError("key = # comment", "missing value", column: 7),
        ExpectedError("a = 1 b = 2", "unexpected text after value", column: 7),
        ExpectedError("a = 1\n\"a\" = 2", "duplicate key 'a'", line: 2, column: 1),
        ExpectedError("a.b = 1\na.b = 2", "duplicate key 'a.b'", line: 2, column: 3),
        ExpectedError("\n\n   \rb = 2", "carriage return not followed by line feed", line: 3, column: 4),
        ExpectedError("v = [\n  1,\n  \"a\n]", "newline in single-line string", line: 3, column: 5),
        ExpectedError("v = {a=1,}", "trailing comma in inline table", column: 10),
        ExpectedError("[a]\nb = 1\n[a]\nc = 2", "table 'a' is already defined", line: 3, column: 2),
        ExpectedError("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", "cannot add keys to table 'b.c' with dotted keys", line: 4, column: 3),
        ExpectedError("a = []\n[[a]]", "cannot append to static array 'a'", line: 2, column: 3),
        ExpectedError("[[a]]\n[a]", "table 'a' is already defined as an array of tables", line: 2, column: 2),
        ExpectedError("[[a] ]", "expected ']]' to close the array-of-tables header", column: 4),
        ExpectedError("v = \"日本語\\q\"", "invalid escape sequence", column: 9),  // columns count scalars
        ExpectedError("[[rules]]\r\nid = \"a\"\r\nid = \"b\"\r\n", "duplicate key 'id'", line: 3, column: 1),
    ])
    func errorsNameLineColumnAndProblem(_ expected: ExpectedError) throws {
        let error = try Self.parseError(expected.document)
        #expect(error.message.contains(expected.message), "got: \(error)")
        #expect((error.line, error.column) == (expected.line, expected.column), "got: \(error)")
    }

    @Test func invalidUTF8IsLocated() throws {
        let bytes = Array("a = 1\nb = \"x".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        let error = try #require(throws: TOMLParseError.self) { try TOMLParser.parse(utf8: bytes) }
        #expect((error.line, error.column, error.message) == (2, 7, "invalid UTF-8"))
    }

    @Test func nestingIsBounded() throws {
        let depth = 100
        let deep = try TOMLParser.parse("v = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(deep["v"] != nil)
        #expect(try Self.parseError("v = " + String(repeating: "[", count: 1000)).message == "nesting too deep")
        #expect(try Self.parseError("v = " + String(repeating: "{a=", count: 1000)).message == "nesting too deep")
        let dotted = (1...1000).map { "k\($0)" }.joined(separator: ".")
        #expect(try Self.parseError("[\(dotted)]").message == "nesting too deep")
        #expect(try Self.parseError("\(dotted) = 1").message == "nesting too deep")
    }

    @Test(arguments: [
        "token = \"SECRET-abc", "token = \"SECRET\nx = 1", "token = \"SECRET\\q\"", "token = 'SECRET",
        "token = \"\"\"SECRET", "token = SECRET", "token = 0xSECRET", "token = \"SECRET\" SECRET",
        "token = [\"SECRET\" \"SECRET\"]", "token = {a = \"SECRET\" b}", "[SECRET SECRET]", "SECRET SECRET",
    ])
    func messagesNeverQuoteTheDocument(_ document: String) throws {
        let error = try Self.parseError(document)
        #expect(!error.description.contains("SECRET"), "\(error)")
    }

    @Test func keyNamesInMessagesAreEscaped() throws {
        let error = try Self.parseError("\"a\\nb\" = 1\n\"a\\nb\" = 2")
        #expect(error.message == #"duplicate key '"a\u000Ab"'"#)
        #expect(error.description == #"line 2, column 1: duplicate key '"a\u000Ab"'"#)
    }
}
