@testable import Redaction
import Testing

// MARK: - Helpers

/// The value of `v` in the one-line document `v = <source>`.
private func parsedValue(_ source: String) throws -> TOMLValue {
    try #require(TOMLParser.parse("v = " + source)["v"]).value
}

/// The error thrown for `document`; records a failure if it parses.
private func parseError(_ document: String) throws -> TOMLParseError {
    try #require(throws: TOMLParseError.self) { try TOMLParser.parse(document) }
}

/// An expected error: the text of the message and where it points.
struct ExpectedTOMLError: Sendable, CustomTestStringConvertible {
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

    func check() throws {
        let error = try parseError(document)
        #expect(error.message.contains(message), "got: \(error)")
        #expect(error.line == line, "got: \(error)")
        #expect(error.column == column, "got: \(error)")
    }
}

// MARK: - Scalars

@Suite("TOML scalars")
struct TOMLScalarTests {
    @Test(arguments: [
        ("42", 42), ("+17", 17), ("-17", -17), ("0", 0), ("+0", 0), ("-0", 0),
        ("1_000", 1000), ("5_349_221", 5_349_221), ("53_49_221", 5_349_221), ("1_2_3_4_5", 12345),
        ("0xDEADBEEF", 0xDEAD_BEEF), ("0xdeadbeef", 0xDEAD_BEEF), ("0xdead_beef", 0xDEAD_BEEF),
        ("0x00000001", 1), ("0o01234567", 0o01234567), ("0o755", 0o755),
        ("0b11010110", 0b1101_0110), ("0b1101_0110", 0b1101_0110),
        ("9223372036854775807", .max), ("-9223372036854775808", .min),
        ("0x7FFFFFFFFFFFFFFF", .max), ("0o777777777777777777777", .max),
    ] as [(String, Int64)])
    func integer(source: String, expected: Int64) throws {
        #expect(try parsedValue(source) == .integer(expected))
    }

    @Test(arguments: [
        ("+1.0", 1.0), ("3.1415", 3.1415), ("-0.01", -0.01), ("5e+22", 5e22), ("1e06", 1e6),
        ("-2E-2", -2e-2), ("6.626e-34", 6.626e-34), ("224_617.445_991_228", 224_617.445_991_228),
        ("0.0", 0), ("+0.0", 0), ("0e0", 0), ("1e1_0", 1e10), ("1.5E+3", 1500), ("3.0e-0", 3),
        ("0.1_2", 0.12), ("inf", .infinity), ("+inf", .infinity), ("-inf", -.infinity),
    ] as [(String, Double)])
    func float(source: String, expected: Double) throws {
        #expect(try parsedValue(source) == .float(expected))
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try #require(try parsedValue("-0.0").doubleValue)
        #expect(value == 0 && value.sign == .minus)
    }

    @Test(arguments: ["nan", "+nan", "-nan"])
    func notANumber(source: String) throws {
        let value = try #require(try parsedValue(source).doubleValue)
        #expect(value.isNaN)
        #expect(try parsedValue(source).typeName == "float")
    }

    @Test(arguments: [("true", true), ("false", false)])
    func boolean(source: String, expected: Bool) throws {
        #expect(try parsedValue(source) == .boolean(expected))
    }

    @Test(arguments: [
        "1979-05-27T07:32:00Z", "1979-05-27T00:32:00-07:00", "1979-05-27T00:32:00.999999-07:00",
        "1979-05-27 07:32:00Z", "1979-05-27t07:32:00z", "1979-05-27T07:32:00+05:30",
        "1979-05-27T07:32:00", "1979-05-27T00:32:00.999999", "1979-05-27 07:32:00",
        "1979-05-27", "2000-02-29", "07:32:00", "00:32:00.999999", "23:59:60",
    ])
    func datetimeKeepsSourceText(source: String) throws {
        #expect(try parsedValue(source) == .datetime(source))
    }

    @Test func datetimeFollowedByComment() throws {
        let table = try TOMLParser.parse("d = 1979-05-27 # a date\nt = [07:32:00, 1979-05-27T07:32:00Z]")
        #expect(table["d"]?.value == .datetime("1979-05-27"))
        #expect(table["t"]?.value.arrayValue?.map(\.value) == [.datetime("07:32:00"), .datetime("1979-05-27T07:32:00Z")])
    }

    @Test(arguments: [
        ExpectedTOMLError("v = 01", "leading zeros", column: 5),
        ExpectedTOMLError("v = 00.5", "leading zeros", column: 5),
        ExpectedTOMLError("v = -01", "leading zeros", column: 5),
        ExpectedTOMLError("v = 1__0", "misplaced underscore", column: 5),
        ExpectedTOMLError("v = _1", "invalid value", column: 5),
        ExpectedTOMLError("v = 1_", "misplaced underscore", column: 5),
        ExpectedTOMLError("v = 0x", "invalid number", column: 5),
        ExpectedTOMLError("v = 0x_1", "misplaced underscore", column: 5),
        ExpectedTOMLError("v = +0x1", "sign is not allowed", column: 5),
        ExpectedTOMLError("v = 0xG1", "invalid number", column: 5),
        ExpectedTOMLError("v = 0b102", "invalid number", column: 5),
        ExpectedTOMLError("v = 0o8", "invalid number", column: 5),
        ExpectedTOMLError("v = 0X1F", "invalid number", column: 5),
        ExpectedTOMLError("v = 1.", "invalid number", column: 5),
        ExpectedTOMLError("v = .5", "invalid number", column: 5),
        ExpectedTOMLError("v = 1.e5", "invalid number", column: 5),
        ExpectedTOMLError("v = 1e", "invalid number", column: 5),
        ExpectedTOMLError("v = 1e+", "invalid number", column: 5),
        ExpectedTOMLError("v = 1e_5", "misplaced underscore", column: 5),
        ExpectedTOMLError("v = 1.5.5", "invalid number", column: 5),
        ExpectedTOMLError("v = 1._5", "misplaced underscore", column: 5),
        ExpectedTOMLError("v = --1", "invalid value", column: 5),
        ExpectedTOMLError("v = 9223372036854775808", "integer out of range", column: 5),
        ExpectedTOMLError("v = -9223372036854775809", "integer out of range", column: 5),
        ExpectedTOMLError("v = 0x8000000000000000", "integer out of range", column: 5),
        ExpectedTOMLError("v = 99999999999999999999999", "integer out of range", column: 5),
        ExpectedTOMLError("v = inF", "invalid value", column: 5),
        ExpectedTOMLError("v = nan1", "invalid value", column: 5),
        ExpectedTOMLError("v = True", "invalid value", column: 5),
        ExpectedTOMLError("v = tru", "invalid value", column: 5),
        ExpectedTOMLError("v = truex", "invalid value", column: 5),
        ExpectedTOMLError("v = 1979-13-01", "invalid date", column: 5),
        ExpectedTOMLError("v = 1979-02-30", "invalid date", column: 5),
        ExpectedTOMLError("v = 1999-02-29", "invalid date", column: 5),
        ExpectedTOMLError("v = 1979-5-27", "invalid date", column: 5),
        ExpectedTOMLError("v = 1979-05-27T25:00:00", "invalid time", column: 16),
        ExpectedTOMLError("v = 1979-05-27T07:32", "invalid time", column: 16),
        ExpectedTOMLError("v = 1979-05-27T", "invalid time", column: 16),
        ExpectedTOMLError("v = 07:32", "invalid time", column: 5),
        ExpectedTOMLError("v = 07:60:00", "invalid time", column: 5),
        ExpectedTOMLError("v = 07:32:00.", "invalid time", column: 5),
        ExpectedTOMLError("v = 1979-05-27T07:32:00+25:00", "invalid time offset", column: 24),
        ExpectedTOMLError("v = 1979-05-27T07:32:00+0700", "invalid time offset", column: 24),
        ExpectedTOMLError("v = 07:32:00Z", "unexpected text after value", column: 13),
    ])
    func invalidScalar(expected: ExpectedTOMLError) throws {
        try expected.check()
    }
}

// MARK: - Strings

@Suite("TOML strings")
struct TOMLStringTests {
    @Test(arguments: [
        ("\"hello\"", "hello"),
        ("\"\"", ""),
        (#""\b\t\n\f\r\"\\""#, "\u{08}\t\n\u{0C}\r\"\\"),
        (#""\u00E9\u00e9""#, "éé"),
        (#""\U0001F600""#, "😀"),
        (#""\u0000""#, "\u{0}"),
        ("\"tab\there\"", "tab\there"),
        ("\"日本語 ünïcödé\"", "日本語 ünïcödé"),
        ("\"# not a comment\"", "# not a comment"),
        (#"'C:\Users\nodejs\templates'"#, #"C:\Users\nodejs\templates"#),
        (#"'<\i\c*\s*>'"#, #"<\i\c*\s*>"#),
        ("''", ""),
        (#"'Tom "Dubs" Preston-Werner'"#, #"Tom "Dubs" Preston-Werner"#),
    ])
    func singleLine(source: String, expected: String) throws {
        #expect(try parsedValue(source) == .string(expected))
    }

    @Test(arguments: [
        ("\"\"\"\nRoses are red\nViolets are blue\"\"\"", "Roses are red\nViolets are blue"),
        ("\"\"\"\r\nfirst newline is CRLF\"\"\"", "first newline is CRLF"),
        ("\"\"\"\n\nonly the first newline goes\"\"\"", "\nonly the first newline goes"),
        ("\"\"\"\n\"\"\"", ""),
        ("\"\"\"\"\"\"", ""),
        ("\"\"\"a\r\nb\"\"\"", "a\nb"),
        ("\"\"\"\nThe quick brown \\\n\n\n  fox jumps over \\\n    the lazy dog.\"\"\"",
         "The quick brown fox jumps over the lazy dog."),
        ("\"\"\"\\\n       The quick brown \\\n       fox.\\\n       \"\"\"", "The quick brown fox."),
        ("\"\"\"spaces after the backslash \\  \t\n  are fine\"\"\"", "spaces after the backslash are fine"),
        ("\"\"\"crlf \\\r\n  \r\n continuation\"\"\"", "crlf continuation"),
        ("\"\"\"escapes \\t\\u00E9 work\\n\"\"\"", "escapes \té work\n"),
        ("\"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"",
         "Here are two quotation marks: \"\". Simple enough."),
        ("\"\"\"Here are three quotation marks: \"\"\\\".\"\"\"", "Here are three quotation marks: \"\"\"."),
        ("\"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"",
         "\"This,\" she said, \"is just a pointless statement.\""),
        ("\"\"\"a\"\"\"\"", "a\""),
        ("\"\"\"a\"\"\"\"\"", "a\"\""),
        ("\"\"\"\"\"\"\"", "\""),
    ])
    func multiLineBasic(source: String, expected: String) throws {
        #expect(try parsedValue(source) == .string(expected))
    }

    @Test(arguments: [
        ("'''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''",
         "The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n"),
        ("'''I [dw]on't need \\d{2} apples'''", "I [dw]on't need \\d{2} apples"),
        ("'''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''",
         "Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\""),
        ("''''That,' she said, 'is still pointless.''''", "'That,' she said, 'is still pointless.'"),
        ("'''a''''", "a'"),
        ("'''a'''''", "a''"),
        ("'''no \\escapes \\n here\\'''", "no \\escapes \\n here\\"),
        ("'''line ending \\\n  backslash is literal'''", "line ending \\\n  backslash is literal"),
        ("'''a\r\nb'''", "a\nb"),
        ("''''''", ""),
        ("'''\r\n'''", ""),
    ])
    func multiLineLiteral(source: String, expected: String) throws {
        #expect(try parsedValue(source) == .string(expected))
    }

    @Test(arguments: [
        ExpectedTOMLError("v = \"abc", "unterminated string", column: 5),
        ExpectedTOMLError("v = 'abc", "unterminated string", column: 5),
        ExpectedTOMLError("v = \"abc\nx = 1", "newline in single-line string", column: 9),
        ExpectedTOMLError("v = 'abc\nx = 1", "newline in single-line string", column: 9),
        ExpectedTOMLError("v = \"abc\r\nx = 1", "newline in single-line string", column: 9),
        ExpectedTOMLError("v = \"a\\x\"", "invalid escape sequence", column: 7),
        ExpectedTOMLError("v = \"a\\e\"", "invalid escape sequence", column: 7),
        ExpectedTOMLError("v = \"a\\ b\"", "invalid escape sequence", column: 7),
        ExpectedTOMLError("v = \"a\\", "invalid escape sequence", column: 7),
        ExpectedTOMLError("v = \"\\uD800\"", "not a Unicode scalar value", column: 6),
        ExpectedTOMLError("v = \"\\U00110000\"", "not a Unicode scalar value", column: 6),
        ExpectedTOMLError("v = \"\\u12\"", "expected 4 hexadecimal digits", column: 6),
        ExpectedTOMLError("v = \"\\U0001F60\"", "expected 8 hexadecimal digits", column: 6),
        ExpectedTOMLError("v = \"\u{01}\"", "control character in string", column: 6),
        ExpectedTOMLError("v = \"\u{7F}\"", "control character in string", column: 6),
        ExpectedTOMLError("v = '\u{00}'", "control character in string", column: 6),
        ExpectedTOMLError("v = \"a\rb\"", "carriage return not followed by line feed", column: 7),
        ExpectedTOMLError("v = \"\"\"abc", "unterminated multi-line string", column: 5),
        ExpectedTOMLError("v = '''abc\n\n", "unterminated multi-line string", column: 5),
        ExpectedTOMLError("v = '''abc''", "unterminated multi-line string", column: 5),
        ExpectedTOMLError("v = \"\"\"a\"\"\"\"\"\"", "too many quotes", column: 9),
        ExpectedTOMLError("v = '''a''''''", "too many quotes", column: 9),
        ExpectedTOMLError("v = \"\"\"a \\  x\"\"\"", "invalid escape sequence", column: 10),
        ExpectedTOMLError("v = \"\"\"a\n\\e\"\"\"", "invalid escape sequence", line: 2, column: 1),
        ExpectedTOMLError("v = '''a\n\u{7F}'''", "control character in string", line: 2, column: 1),
        ExpectedTOMLError("v = \"\"\"a\rb\"\"\"", "carriage return not followed by line feed", column: 9),
        ExpectedTOMLError("v = \"ok\" \"again\"", "unexpected text after value", column: 10),
    ])
    func invalidString(expected: ExpectedTOMLError) throws {
        try expected.check()
    }

    @Test func errorColumnsCountUnicodeScalars() throws {
        let error = try parseError("v = \"日本語\\q\"")
        #expect(error.column == 9)
        #expect(error.message == "invalid escape sequence")
    }
}

// MARK: - Keys and comments

@Suite("TOML keys and comments")
struct TOMLKeyTests {
    @Test func keyForms() throws {
        let table = try TOMLParser.parse(#"""
            key = "value"
            bare_key = 1
            bare-key = 2
            1234 = 3
            "127.0.0.1" = 4
            "character encoding" = 5
            "ʎǝʞ" = 6
            'key2' = 7
            'quoted "value"' = 8
            "" = 9
            "esc\u0041ped" = 10
            physical.color = "orange"
            physical.shape = "round"
            site."google.com" = true
            fruit . flavor	=	"banana"
            3.14159 = "pi"
            """#)
        #expect(table.keys == [
            "key", "bare_key", "bare-key", "1234", "127.0.0.1", "character encoding", "ʎǝʞ", "key2",
            "quoted \"value\"", "", "escAped", "physical", "site", "fruit", "3",
        ])
        #expect(table.integer("") == 9)
        #expect(table.integer("escAped") == 10)
        let physical = try #require(table.table("physical"))
        #expect(physical.keys == ["color", "shape"])
        #expect(physical.line == 12)
        #expect(physical["shape"]?.line == 13)
        #expect(table.table("site")?.bool("google.com") == true)
        #expect(table.table("fruit")?.string("flavor") == "banana")
        #expect(table.table("3")?.string("14159") == "pi")
    }

    @Test func comments() throws {
        let table = try TOMLParser.parse(
            "# This is a full-line comment\n"
                + "key = \"value\"  # a comment at the end of a line\t with a tab\n"
                + "another = \"# This is not a comment\"\n"
                + "   # indented comment\n"
                + "\n\n"
                + "last = 1 # comment at end of file without newline")
        #expect(table.keys == ["key", "another", "last"])
        #expect(table.string("another") == "# This is not a comment")
        #expect(table["last"]?.line == 7)
    }

    @Test func emptyDocuments() throws {
        #expect(try TOMLParser.parse("").isEmpty)
        #expect(try TOMLParser.parse("\n\n  \t\n# only a comment").isEmpty)
        #expect(try TOMLParser.parse("").line == 0)
    }

    @Test(arguments: [
        ExpectedTOMLError("= \"no key\"", "missing key before '='", column: 1),
        ExpectedTOMLError("key\n", "expected '=' after key", column: 4),
        ExpectedTOMLError("key value", "expected '=' after key", column: 5),
        ExpectedTOMLError("key = \n", "missing value", column: 7),
        ExpectedTOMLError("key = # comment", "missing value", column: 7),
        ExpectedTOMLError("key =", "missing value", column: 6),
        ExpectedTOMLError("a = 1 b = 2", "unexpected text after value", column: 7),
        ExpectedTOMLError("\"\"\"key\"\"\" = 1", "a multi-line string cannot be a key", column: 1),
        ExpectedTOMLError("a..b = 1", "expected a key", column: 3),
        ExpectedTOMLError("ключ = 1", "expected a key", column: 1),
        ExpectedTOMLError("a = 1\na = 2", "duplicate key 'a'", line: 2, column: 1),
        ExpectedTOMLError("a = 1\na.b = 2", "key 'a' already holds a value", line: 2, column: 1),
        ExpectedTOMLError("a.b = 1\na = 2", "duplicate key 'a'", line: 2, column: 1),
        ExpectedTOMLError("a.b = 1\na.b = 2", "duplicate key 'a.b'", line: 2, column: 3),
        ExpectedTOMLError("\"a b\" = 1\n'a b' = 2", "duplicate key '\"a b\"'", line: 2, column: 1),
        ExpectedTOMLError("a = 1\n\"a\" = 2", "duplicate key 'a'", line: 2, column: 1),
        ExpectedTOMLError("# bad \u{01} comment", "control character in comment", column: 7),
        ExpectedTOMLError("a = 1 # bad \u{7F}", "control character in comment", column: 13),
        ExpectedTOMLError("# c\rx = 1", "carriage return not followed by line feed", column: 4),
        ExpectedTOMLError("a = 1\rb = 2", "carriage return not followed by line feed", column: 6),
        ExpectedTOMLError("\n\n   \rb = 2", "carriage return not followed by line feed", line: 3, column: 4),
    ])
    func invalidKeyOrLine(expected: ExpectedTOMLError) throws {
        try expected.check()
    }
}

// MARK: - Arrays and inline tables

@Suite("TOML arrays and inline tables")
struct TOMLCompositeTests {
    @Test func arrays() throws {
        let table = try TOMLParser.parse(#"""
            integers = [ 1, 2, 3 ]
            colors = [ "red", "yellow", "green" ]
            nested_arrays_of_ints = [ [ 1, 2 ], [3, 4, 5] ]
            nested_mixed_array = [ [ 1, 2 ], ["a", "b", "c"] ]
            string_array = [ "all", 'strings', """are the same""", '''type''' ]
            numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]
            contributors = [
              "Foo Bar <foo@example.com>",
              { name = "Baz Qux", email = "bazqux@example.com", url = "https://example.com/bazqux" }
            ]
            empty = []
            empty_nested = [[], [[]]]
            """#)
        #expect(table["integers"]?.value.arrayValue?.map(\.value) == [.integer(1), .integer(2), .integer(3)])
        #expect(table.stringArray("colors") == ["red", "yellow", "green"])
        #expect(table.stringArray("string_array") == ["all", "strings", "are the same", "type"])
        let nested = try #require(table["nested_arrays_of_ints"]?.value.arrayValue)
        #expect(nested.map { $0.value.arrayValue?.count } == [2, 3])
        let mixed = try #require(table["nested_mixed_array"]?.value.arrayValue)
        #expect(mixed[1].value.arrayValue?.last?.value == .string("c"))
        #expect(table["numbers"]?.value.arrayValue?.map(\.value.typeName)
            == ["float", "float", "float", "integer", "integer", "integer"])
        let contributors = try #require(table["contributors"]?.value.arrayValue)
        #expect(contributors.map(\.line) == [8, 9])
        #expect(contributors[1].value.tableValue?.string("name") == "Baz Qux")
        #expect(contributors[1].value.tableValue?.line == 9)
        #expect(table["empty"]?.value == .array([]))
        #expect(table["empty_nested"]?.value.arrayValue?.count == 2)
        #expect(table["empty"]?.line == 11)
    }

    @Test func multiLineArrayWithCommentsAndTrailingComma() throws {
        let table = try TOMLParser.parse("""
            v = [
              1, # one
              # a comment line

              2,
              [ # nested
                3
              ],   # trailing comma next
            ]
            after = true
            """)
        let elements = try #require(table["v"]?.value.arrayValue)
        #expect(elements.map(\.line) == [2, 5, 6])
        #expect(elements[2].value == .array([TOMLNode(value: .integer(3), line: 7)]))
        #expect(table["after"]?.line == 10)
    }

    @Test func inlineTables() throws {
        let table = try TOMLParser.parse(#"""
            name = { first = "Tom", last = "Preston-Werner" }
            point = {x=1,y=2}
            animal = { type.name = "pug", type.kind = "dog" }
            empty = {}
            spaced = {   }
            nested = { a = { b = { c = [1, { d = 2 }] } } }
            """#)
        #expect(table.table("name")?.keys == ["first", "last"])
        #expect(table.table("name")?.line == 1)
        #expect(table.table("point")?.integer("y") == 2)
        #expect(table.table("animal")?.table("type")?.string("kind") == "dog")
        #expect(table.table("empty")?.isEmpty == true)
        #expect(table.table("spaced")?.isEmpty == true)
        let c = table.table("nested")?.table("a")?.table("b")?["c"]?.value.arrayValue
        #expect(c?.last?.value.tableValue?.integer("d") == 2)
        #expect(table.table("nested")?.table("a")?.line == 6)
    }

    @Test(arguments: [
        ExpectedTOMLError("v = [1 2]", "expected ',' or ']' in array", column: 8),
        ExpectedTOMLError("v = [1,,2]", "expected a value in array", column: 8),
        ExpectedTOMLError("v = [,]", "expected a value in array", column: 6),
        ExpectedTOMLError("v = [1, 2", "unterminated array", column: 5),
        ExpectedTOMLError("v = [\n1,\n# x\n", "unterminated array", column: 5),
        ExpectedTOMLError("v = [\n  1,\n  \"a\n]", "newline in single-line string", line: 3, column: 5),
        ExpectedTOMLError("v = {a=1,}", "trailing comma in inline table", column: 10),
        ExpectedTOMLError("v = {,}", "expected a key", column: 6),
        ExpectedTOMLError("v = {a=1 b=2}", "expected ',' or '}' in inline table", column: 10),
        ExpectedTOMLError("v = {a=1, a=2}", "duplicate key 'a'", column: 11),
        ExpectedTOMLError("v = {a.b=1, a.b=2}", "duplicate key 'a.b'", column: 15),
        ExpectedTOMLError("v = {a={}, a.b=2}", "key 'a' already holds a value", column: 12),
        ExpectedTOMLError("v = {a=1", "unterminated inline table", column: 5),
        ExpectedTOMLError("v = {a=1,\nb=2}", "newline in inline table", column: 10),
        ExpectedTOMLError("v = {\na=1}", "newline in inline table", column: 6),
        ExpectedTOMLError("v = {a=1 # c\n}", "comment in inline table", column: 10),
        ExpectedTOMLError("v = {a=1}\nv.b = 2", "key 'v' already holds a value", line: 2, column: 1),
        ExpectedTOMLError("v = {a=1}\n[v]", "key 'v' already holds a value", line: 2, column: 2),
        ExpectedTOMLError("v = {a=1}\n[v.b]", "key 'v' already holds a value", line: 2, column: 2),
        ExpectedTOMLError("v = [{a=1}]\n[v.b]", "key 'v' already holds a value", line: 2, column: 2),
    ])
    func invalidComposite(expected: ExpectedTOMLError) throws {
        try expected.check()
    }

    @Test func nestingIsBounded() throws {
        let depth = 100
        let deep = try TOMLParser.parse("v = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(deep["v"] != nil)

        let arrays = try parseError("v = " + String(repeating: "[", count: 1000))
        #expect(arrays.message == "nesting too deep")
        let inline = try parseError("v = " + String(repeating: "{a=", count: 1000))
        #expect(inline.message == "nesting too deep")
        let dotted = (1...1000).map { "k\($0)" }.joined(separator: ".")
        #expect(try parseError("[\(dotted)]").message == "nesting too deep")
        #expect(try parseError("\(dotted) = 1").message == "nesting too deep")
    }
}

// MARK: - Tables

@Suite("TOML tables")
struct TOMLTableTests {
    @Test func standardTables() throws {
        let table = try TOMLParser.parse(#"""
            root = "before any header"

            [table-1]
            key1 = "some string"
            key2 = 123

            [table-2]
            key1 = "another string"
            key2 = 456

            [dog."tater.man"]
            type.name = "pug"

            [ j . "ʞ" . 'l' ]  # whitespace around the parts
            k = 1
            """#)
        #expect(table.keys == ["root", "table-1", "table-2", "dog", "j"])
        #expect(table["root"]?.line == 1)
        #expect(table.table("table-1")?.line == 3)
        #expect(table["table-1"]?.line == 3)
        #expect(table.table("table-2")?.integer("key2") == 456)
        #expect(table.table("table-2")?["key2"]?.line == 9)
        let pug = table.table("dog")?.table("tater.man")?.table("type")
        #expect(pug?.string("name") == "pug")
        #expect(pug?.line == 12)
        #expect(table.table("dog")?.line == 11)
        #expect(table.table("j")?.table("ʞ")?.table("l")?.integer("k") == 1)
    }

    @Test func implicitTablesAndOutOfOrderDefinition() throws {
        let table = try TOMLParser.parse("""
            [x.y.z.w]
            a = 1
            [fruit.apple]
            [animal]
            [fruit.orange]
            [x]
            b = 2
            """)
        let x = try #require(table.table("x"))
        #expect(x.keys == ["y", "b"])
        #expect(x.line == 6)  // defined by its own header after being implied by line 1
        #expect(x.table("y")?.line == 1)
        #expect(x.table("y")?.table("z")?.table("w")?.integer("a") == 1)
        #expect(table.table("fruit")?.keys == ["apple", "orange"])
        #expect(table.table("fruit")?.line == 3)
    }

    @Test func subTablesOfDottedKeyTables() throws {
        let table = try TOMLParser.parse("""
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true
            [fruit.apple.texture]
            smooth = true
            """)
        let apple = try #require(table.table("fruit")?.table("apple"))
        #expect(apple.keys == ["color", "taste", "texture"])
        #expect(apple.line == 2)
        #expect(apple.table("taste")?.line == 3)
        #expect(apple.table("texture")?.line == 4)
        #expect(apple.table("texture")?.bool("smooth") == true)
    }

    @Test func dottedKeysMayDefineTablesThatHeadersOnlyImplied() throws {
        let table = try TOMLParser.parse("""
            [a.b.c]
            z = 9
            [a]
            b.d = 1
            [a.b.e]
            f = 2
            """)
        let b = try #require(table.table("a")?.table("b"))
        #expect(b.keys == ["c", "d", "e"])
        #expect(b.line == 1)
        #expect(b["d"]?.line == 4)
        #expect(b.table("e")?.line == 5)
        let error = try parseError("[a.b.c]\n[a]\nb.d = 1\n[a.b]")
        #expect((error.line, error.column, error.message) == (4, 4, "table 'a.b' is already defined"))
    }

    @Test func arraysOfTables() throws {
        let table = try TOMLParser.parse("""
            [[products]]
            name = "Hammer"
            sku = 738594937

            [[products]]  # empty table within the array

            [[products]]
            name = "Nail"
            sku = 284758393

            color = "gray"

            [[fruits]]
            name = "apple"

            [fruits.physical]  # subtable
            color = "red"
            shape = "round"

            [[fruits.varieties]]  # nested array of tables
            name = "red delicious"

            [[fruits.varieties]]
            name = "granny smith"

            [[fruits]]
            name = "banana"

            [[fruits.varieties]]
            name = "plantain"
            """)
        let products = try #require(table.arrayOfTables("products"))
        #expect(products.map(\.line) == [1, 5, 7])
        #expect(table["products"]?.line == 1)
        #expect(products[1].isEmpty)
        #expect(products[2].string("color") == "gray")
        #expect(products[2]["color"]?.line == 11)

        let fruits = try #require(table.arrayOfTables("fruits"))
        #expect(fruits.map(\.line) == [13, 26])
        #expect(fruits[0].table("physical")?.line == 16)
        #expect(fruits[0].arrayOfTables("varieties")?.map { $0.string("name") } == ["red delicious", "granny smith"])
        #expect(fruits[0].arrayOfTables("varieties")?.map(\.line) == [20, 23])
        #expect(fruits[1].arrayOfTables("varieties")?.map { $0.string("name") } == ["plantain"])
        #expect(fruits[1].table("physical") == nil)
    }

    @Test(arguments: [
        ExpectedTOMLError("[a]\nb = 1\n[a]\nc = 2", "table 'a' is already defined", line: 3, column: 2),
        ExpectedTOMLError("[a.b]\n[a]\n[a]", "table 'a' is already defined", line: 3, column: 2),
        ExpectedTOMLError("[a]\nb = 1\n[a.b]", "key 'a.b' already holds a value", line: 3, column: 4),
        ExpectedTOMLError("[fruit]\napple.color = \"red\"\n[fruit.apple]",
                          "table 'fruit.apple' is already defined", line: 3, column: 8),
        ExpectedTOMLError("[fruit]\napple.taste.sweet = true\n[fruit.apple.taste]",
                          "table 'fruit.apple.taste' is already defined", line: 3, column: 14),
        ExpectedTOMLError("[a.b]\nx = 1\n[a]\nb.y = 2",
                          "cannot add keys to table 'b' with dotted keys", line: 4, column: 1),
        ExpectedTOMLError("[a.b.c]\nz = 9\n[a]\nb.c.t = 1",
                          "cannot add keys to table 'b.c' with dotted keys", line: 4, column: 3),
        ExpectedTOMLError("[[a.b]]\n[a]\nb.y = 2",
                          "cannot add keys to table 'b' with dotted keys", line: 3, column: 1),
        ExpectedTOMLError("[a]\n[[a]]", "cannot define array of tables 'a': it is already a table", line: 2, column: 3),
        ExpectedTOMLError("[[a]]\n[a]", "table 'a' is already defined as an array of tables", line: 2, column: 2),
        ExpectedTOMLError("a = []\n[[a]]", "cannot append to static array 'a'", line: 2, column: 3),
        ExpectedTOMLError("a = [{b = 1}]\n[[a]]", "cannot append to static array 'a'", line: 2, column: 3),
        ExpectedTOMLError("a = 1\n[[a]]", "key 'a' already holds a value", line: 2, column: 3),
        ExpectedTOMLError("a = 1\n[a]", "key 'a' already holds a value", line: 2, column: 2),
        ExpectedTOMLError("[t]\na.b = 1\n[t.a.b]", "key 't.a.b' already holds a value", line: 3, column: 6),
        ExpectedTOMLError("[]", "expected a key", column: 2),
        ExpectedTOMLError("[a", "expected ']' to close the table header", column: 3),
        ExpectedTOMLError("[a.]", "expected a key", column: 4),
        ExpectedTOMLError("[[a]", "expected ']]' to close the array-of-tables header", column: 4),
        ExpectedTOMLError("[[a] ]", "expected ']]' to close the array-of-tables header", column: 4),
        ExpectedTOMLError("[a] b = 1", "unexpected text after table header", column: 5),
        ExpectedTOMLError("[a]]", "unexpected text after table header", column: 4),
        ExpectedTOMLError("[ [a]]", "expected a key", column: 3),
        ExpectedTOMLError("[\"\"\"a\"\"\"]", "a multi-line string cannot be a key", column: 2),
    ])
    func invalidTable(expected: ExpectedTOMLError) throws {
        try expected.check()
    }
}

// MARK: - gitleaks configuration

@Suite("TOML gitleaks configuration")
struct TOMLGitleaksTests {
    static let config = #"""
        title = "gitleaks config"
        [extend]
        useDefault = true
        disabledRules = ["generic-api-key"]
        [[rules]]
        id = "aws-access-token"
        description = "Identified a pattern that may indicate AWS credentials"
        regex = '''\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b'''
        entropy = 3
        keywords = ["a3t", "akia", "asia", "abia", "acca"]
        [[rules.allowlists]]
        regexes = ['''.+EXAMPLE$''']
        [[rules]]
        id = "generic"
        regex = """(?i)password\\s*=\\s*(\\S+)"""
        secretGroup = 1
        [rules.allowlist]
        stopwords = ["example"]
        [allowlist]
        paths = ['''gitleaks\.toml''']
        """#

    @Test func valuesAndLines() throws {
        let root = try TOMLParser.parse(Self.config)
        #expect(root.line == 0)
        #expect(root.keys == ["title", "extend", "rules", "allowlist"])
        #expect(root.string("title") == "gitleaks config")
        #expect(root["title"]?.line == 1)

        let extend = try #require(root.table("extend"))
        #expect(extend.line == 2)
        #expect(extend.bool("useDefault") == true)
        #expect(extend["useDefault"]?.line == 3)
        #expect(extend.stringArray("disabledRules") == ["generic-api-key"])
        #expect(extend["disabledRules"]?.line == 4)

        #expect(root["rules"]?.line == 5)
        let rules = try #require(root.arrayOfTables("rules"))
        #expect(rules.count == 2)
        #expect(rules.map(\.line) == [5, 13])

        let aws = rules[0]
        #expect(aws.keys == ["id", "description", "regex", "entropy", "keywords", "allowlists"])
        #expect(aws.string("id") == "aws-access-token")
        #expect(aws.string("description") == "Identified a pattern that may indicate AWS credentials")
        #expect(aws.string("regex") == #"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b"#)
        #expect(aws.integer("entropy") == 3)
        #expect(aws.double("entropy") == 3.0)
        #expect(aws.stringArray("keywords") == ["a3t", "akia", "asia", "abia", "acca"])
        #expect(aws.keys.map { aws[$0]?.line } == [6, 7, 8, 9, 10, 11])
        let allowlists = try #require(aws.arrayOfTables("allowlists"))
        #expect(allowlists.map(\.line) == [11])
        #expect(allowlists[0].stringArray("regexes") == [".+EXAMPLE$"])
        #expect(allowlists[0]["regexes"]?.line == 12)
        #expect(aws.table("allowlist") == nil)

        let generic = rules[1]
        #expect(generic.keys == ["id", "regex", "secretGroup", "allowlist"])
        #expect(generic.string("id") == "generic")
        #expect(generic.string("regex") == #"(?i)password\s*=\s*(\S+)"#)
        #expect(generic.integer("secretGroup") == 1)
        #expect(generic.keys.map { generic[$0]?.line } == [14, 15, 16, 17])
        let ruleAllowlist = try #require(generic.table("allowlist"))
        #expect(ruleAllowlist.line == 17)
        #expect(ruleAllowlist.stringArray("stopwords") == ["example"])
        #expect(ruleAllowlist["stopwords"]?.line == 18)
        #expect(generic.arrayOfTables("allowlists") == nil)

        let allowlist = try #require(root.table("allowlist"))
        #expect(allowlist.line == 19)
        #expect(allowlist.stringArray("paths") == [#"gitleaks\.toml"#])
        #expect(allowlist["paths"]?.line == 20)
    }

    @Test func crlfLineEndingsParseTheSame() throws {
        let lf = try TOMLParser.parse(Self.config)
        let crlf = try TOMLParser.parse(Self.config.split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\r\n") + "\r\n")
        #expect(crlf == lf)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let table = try TOMLParser.parse("\u{FEFF}" + Self.config)
        #expect(table == (try TOMLParser.parse(Self.config)))
        let error = try parseError("\u{FEFF}a = ")
        #expect((error.line, error.column) == (1, 5))
    }

    @Test func typedAccessorsRejectOtherTypes() throws {
        let root = try TOMLParser.parse(Self.config)
        let aws = try #require(root.arrayOfTables("rules")?.first)
        #expect(aws.string("entropy") == nil)
        #expect(aws.bool("id") == nil)
        #expect(aws.integer("missing") == nil)
        #expect(aws.double("id") == nil)
        #expect(aws.stringArray("id") == nil)
        #expect(aws.table("keywords") == nil)
        #expect(aws.arrayOfTables("keywords") == nil)
        #expect(aws["entropy"]?.value.typeName == "integer")
        #expect(root["rules"]?.value.typeName == "array")
        #expect(root["extend"]?.value.typeName == "table")
        let mixed = try TOMLParser.parse("a = [\"x\", 1]\nt = [{a = 1}, {b = 2}]")
        #expect(mixed.stringArray("a") == nil)
        #expect(mixed.arrayOfTables("t")?.count == 2)
    }

    @Test func tableRebuildsKeepInsertionOrder() {
        var table = TOMLTable(line: 4)
        table.updateValue(TOMLNode(value: .integer(1), line: 5), forKey: "b")
        table.updateValue(TOMLNode(value: .integer(2), line: 6), forKey: "a")
        table.updateValue(TOMLNode(value: .integer(3), line: 7), forKey: "b")
        #expect(table.keys == ["b", "a"])
        #expect(table.count == 2)
        #expect(table["b"] == TOMLNode(value: .integer(3), line: 7))
    }
}

// MARK: - Errors

@Suite("TOML errors")
struct TOMLErrorTests {
    @Test func crlfErrorLocations() throws {
        let error = try parseError("a = 1\r\n\r\nb = \"x\r\nc = 3\r\n")
        #expect((error.line, error.column, error.message) == (3, 7, "newline in single-line string"))
        let duplicate = try parseError("[[rules]]\r\nid = \"a\"\r\nid = \"b\"\r\n")
        #expect((duplicate.line, duplicate.column, duplicate.message) == (3, 1, "duplicate key 'id'"))
    }

    @Test func description() {
        let error = TOMLParseError(line: 3, column: 7, message: "unterminated string")
        #expect(error.description == "line 3, column 7: unterminated string")
    }

    @Test(arguments: [
        "token = \"SECRET-abc",
        "token = \"SECRET\nx = 1",
        "token = \"SECRET\\q\"",
        "token = 'SECRET",
        "token = \"\"\"SECRET",
        "token = SECRET",
        "token = 0xSECRET",
        "token = \"SECRET\" SECRET",
        "token = [\"SECRET\" \"SECRET\"]",
        "token = {a = \"SECRET\" b}",
        "[SECRET SECRET]",
        "SECRET SECRET",
    ])
    func messagesNeverQuoteTheDocument(document: String) throws {
        let error = try parseError(document)
        #expect(!error.description.contains("SECRET"), "\(error)")
    }

    @Test func keyNamesInMessagesAreEscaped() throws {
        let error = try parseError("\"a\\nb\" = 1\n\"a\\nb\" = 2")
        #expect(error.message == #"duplicate key '"a\u000Ab"'"#)
    }
}
