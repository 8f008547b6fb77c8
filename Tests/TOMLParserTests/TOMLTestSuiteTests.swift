import Foundation
import Testing
import TOMLParser

/// The parser against every TOML 1.0 file of the official toml-test suite.
@Suite struct TOMLTestSuiteTests {
    /// The vendored list is complete: a missing or truncated list would make the suites below
    /// pass vacuously.
    @Test func theVendoredSuiteIsComplete() {
        #expect(TOMLTestSuite.valid.count == 205)
        #expect(TOMLTestSuite.invalid.count == 473)
    }

    /// The comparison itself tells values, types, keys and date-time kinds apart, so a passing
    /// valid file means the values really match.
    @Test(arguments: [
        ("a = 1", #"{"a": {"type": "integer", "value": "2"}}"#),
        ("a = 1", #"{"a": {"type": "float", "value": "1"}}"#),
        ("a = 1", #"{"b": {"type": "integer", "value": "1"}}"#),
        ("a = 'x'", #"{"a": {"type": "string", "value": "y"}}"#),
        ("a = nan", #"{"a": {"type": "float", "value": "1.5"}}"#),
        ("a = [1, 2]", #"{"a": [{"type": "integer", "value": "1"}]}"#),
        ("a = 1979-05-27", #"{"a": {"type": "datetime-local", "value": "1979-05-27T00:00:00"}}"#),
        ("a = 1979-05-27T07:32:00Z", #"{"a": {"type": "datetime", "value": "1979-05-27T07:32:01Z"}}"#),
        ("a = {b = 1}", #"{"a": {"type": "integer", "value": "1"}}"#),
    ])
    func theComparisonSeesDifferences(_ document: String, _ json: String) throws {
        let expected = try JSONSerialization.jsonObject(with: Data(json.utf8))
        #expect(TOMLTestSuite.difference(try TOMLParser.parse(document), expected) != nil)
    }

    @Test func theComparisonFollowsTomlTestsRules() throws {
        let document = "a = 1987-07-05t17:45:56.600z\nb = -nan\nc = 1e2\nd = 07:32:00.500"
        let json = #"{"a": {"type": "datetime", "value": "1987-07-05T17:45:56.6+00:00"}, "b": {"type": "float", "value": "nan"},"#
            + #" "c": {"type": "float", "value": "100"}, "d": {"type": "time-local", "value": "07:32:00.5"}}"#
        let expected = try JSONSerialization.jsonObject(with: Data(json.utf8))
        #expect(TOMLTestSuite.difference(try TOMLParser.parse(document), expected) == nil)
    }

    /// Each valid document parses (from its bytes, as rule files are read) to exactly the
    /// values of its JSON twin.
    @Test(arguments: TOMLTestSuite.valid)
    func validDocumentParsesToItsExpectedValues(_ name: String) throws {
        let table = try TOMLParser.parse(utf8: try TOMLTestSuite.bytes(name))
        let json = try TOMLTestSuite.bytes(String(name.dropLast(5)) + ".json")
        let expected = try JSONSerialization.jsonObject(with: Data(json), options: [.fragmentsAllowed])
        #expect(TOMLTestSuite.difference(table, expected) == nil, "\(name)")
    }

    /// Each invalid document is refused with a located error (never a crash).
    @Test(arguments: TOMLTestSuite.invalid)
    func invalidDocumentIsRefused(_ name: String) throws {
        let bytes = try TOMLTestSuite.bytes(name)
        let error = try #require(throws: TOMLParseError.self, "\(name)") { try TOMLParser.parse(utf8: bytes) }
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        #expect((1...lines).contains(error.line), "\(name): \(error)")
        #expect(error.column >= 1, "\(name): \(error)")
    }
}
