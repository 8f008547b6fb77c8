import Testing
@testable import Redaction

@Suite struct PythonBytesLiteralTests {
    /// The contents of every literal in `line`.
    static func contents(_ line: String) -> [String] {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBytes { buffer in
            var found: [String] = []
            var start = 0
            while let literal = PythonBytesLiteral.first(in: buffer, from: start) {
                #expect(buffer[literal.prefix] | 0x20 == UInt8(ascii: "b"))
                #expect(buffer[literal.contentStart - 1] == buffer[literal.contentEnd])
                found.append(String(decoding: buffer[literal.contentStart..<literal.contentEnd], as: UTF8.self))
                start = literal.contentEnd + 1
            }
            return found
        }
    }

    @Test(arguments: [
        ("{'X-Api-Key': b'a1b2c3', 'Accept': b\"json\"}", ["a1b2c3", "json"]),
        ("b'lead' at the start", ["lead"]),
        ("args=(B'upper',)", ["upper"]),
        (#"b'it\'s escaped'"#, [#"it\'s escaped"#]),
        ("[b'one', b'two']", ["one", "two"]),
    ])
    func findsLiterals(_ line: String, _ expected: [String]) {
        #expect(Self.contents(line) == expected)
    }

    @Test(arguments: ["sub'quoted'", "verb\"x\"", "b'' empty", "b'unclosed", "lab'x'", "plain text"])
    func ignoresWhatIsNotALiteral(_ line: String) {
        #expect(Self.contents(line).isEmpty)
    }
}
