import Foundation
import Testing
@testable import Redaction

/// Multi-line key blocks (issue 9 item 3): a block continues only while lines can be key body, the
/// prefix before BEGIN is kept on every line, and the END line keeps prefix and marker.
@Suite struct KeyBlockTests {
    static let set = TestSupport.ruleSet(FailClosedTests.keyRules)
    static let body = FailClosedTests.keyBody

    @Test func aLoneBeginMarkerMasksNothingAfterIt() {
        let input = """
            2024-05-01T10:00:00Z ERROR tls: expected a key, got -----BEGIN PRIVATE KEY-----
            2024-05-01T10:00:01Z INFO  retrying with the default certificate
            2024-05-01T10:00:02Z INFO  listening on :8443

            """
        #expect(TestSupport.redact(input, with: Self.set) == input)
    }

    @Test func beginAndEndOnOneLineIsOneLine() {
        let input = "cfg key=-----BEGIN PRIVATE KEY----- -----END PRIVATE KEY-----\n2024-05-01 INFO next line stays\n"
        let output = TestSupport.redact(input, with: Self.set)
        #expect(output.hasSuffix("\n2024-05-01 INFO next line stays\n"))
    }

    /// A line that ends one block and begins the next (`-----END ...----- -----BEGIN ...-----`, a
    /// fuzzer's find): the second block's body is masked too, and redacting again changes
    /// nothing. Before, the END returned before the BEGIN was looked for, and the second body
    /// passed in clear (with the built-in rules as well as these).
    @Test(arguments: [false, true])
    func aLineThatEndsOneBlockAndBeginsTheNextOpensIt(builtin: Bool) {
        let set = builtin ? TestSupport.builtin : Self.set
        let input = ["-----BEGIN RSA PRIVATE KEY-----", Self.body[0],
                     "-----END RSA PRIVATE KEY----- a=b -----BEGIN RSA PRIVATE KEY-----", Self.body[1],
                     "-----END RSA PRIVATE KEY-----", "2024-05-01 INFO after the keys", ""].joined(separator: "\n")
        let output = TestSupport.redact(input, with: set)
        #expect(!output.contains(Self.body[0]))
        #expect(!output.contains(Self.body[1]))
        #expect(output.contains("2024-05-01 INFO after the keys"))
        #expect(TestSupport.redact(output, with: set) == output)
    }

    /// A key in a Java properties value, continued by a backslash at the end of each line: the
    /// body lines (`MIIE...\`) are body, and the line after END is scanned as usual. Before, the
    /// first body line ended the block and the rest of the key passed in clear.
    @Test func aPropertiesValueContinuedByBackslashesIsOneBlock() {
        let input = ["jwt.signing.key=-----BEGIN RSA PRIVATE KEY-----\\", Self.body[0] + "\\", Self.body[1] + " \\",
                     "-----END RSA PRIVATE KEY-----", "server.port=8443", ""].joined(separator: "\n")
        let output = TestSupport.redact(input, with: TestSupport.builtin)
        #expect(!output.contains(Self.body[0]) && !output.contains(Self.body[1]))
        #expect(output.hasSuffix("-----END RSA PRIVATE KEY-----\nserver.port=8443\n"))
        // A lone backslash after text that is not base64 is no body line: the block ends there.
        let prose = "-----BEGIN RSA PRIVATE KEY-----\nsee C:\\keys\\ \\\n2024-05-01 INFO next\n"
        #expect(TestSupport.redact(prose, with: Self.set).hasSuffix("2024-05-01 INFO next\n"))
    }

    @Test func aSyslogPrefixIsKeptOnEveryLine() {
        let prefix = "Nov 30 10:11:12 web01 app[1234]: "
        let input = [prefix + "-----BEGIN RSA PRIVATE KEY-----",
                     "Nov 30 10:11:13 web01 app[1234]: " + Self.body[0],
                     "Nov 30 10:11:13 web01 app[1234]: " + Self.body[1],
                     "Nov 30 10:11:14 web01 app[1234]: -----END RSA PRIVATE KEY-----",
                     "Nov 30 10:11:15 web01 app[1234]: started"].joined(separator: "\n") + "\n"
        let expected = [prefix + "-----BEGIN RSA PRIVATE KEY-----",
                        "Nov 30 10:11:13 web01 app[1234]: ***",
                        "Nov 30 10:11:13 web01 app[1234]: ***",
                        "Nov 30 10:11:14 web01 app[1234]: -----END RSA PRIVATE KEY-----",
                        "Nov 30 10:11:15 web01 app[1234]: started"].joined(separator: "\n") + "\n"
        #expect(TestSupport.redact(input, with: Self.set) == expected)
    }

    @Test func digitRunsOfAnyLengthMatchInThePrefix() {
        let input = ["Nov  9 23:59:59 h app[99]: -----BEGIN EC PRIVATE KEY-----",
                     "Nov 10 00:00:00 h app[100]: " + Self.body[0],
                     "Nov 10 00:00:00 h app[100]: -----END EC PRIVATE KEY-----"].joined(separator: "\n")
        let output = TestSupport.redact(input, with: Self.set)
        #expect(output == ["Nov  9 23:59:59 h app[99]: -----BEGIN EC PRIVATE KEY-----",
                           "Nov 10 00:00:00 h app[100]: ***",
                           "Nov 10 00:00:00 h app[100]: -----END EC PRIVATE KEY-----"].joined(separator: "\n"))
    }

    @Test func theFirstLineThatCannotBeBodyEndsTheBlockAndIsScanned() {
        let input = ["-----BEGIN OPENSSH PRIVATE KEY-----", Self.body[0],
                     "2024-05-01T10:00:00Z INFO key loaded, connecting",
                     "2024-05-01T10:00:01Z INFO connected"].joined(separator: "\n") + "\n"
        let output = TestSupport.redact(input, with: Self.set)
        #expect(output == ["-----BEGIN OPENSSH PRIVATE KEY-----", "***",
                           "2024-05-01T10:00:00Z INFO key loaded, connecting",
                           "2024-05-01T10:00:01Z INFO connected"].joined(separator: "\n") + "\n")
    }

    @Test func aBase64LineBehindAnUnknownPrefixIsMaskedWhole() {
        let input = ["app: -----BEGIN RSA PRIVATE KEY-----", "other: " + Self.body[0],
                     "-----END RSA PRIVATE KEY-----"].joined(separator: "\n") + "\n"
        let output = TestSupport.redact(input, with: Self.set)
        #expect(output == ["app: -----BEGIN RSA PRIVATE KEY-----", "***", "-----END RSA PRIVATE KEY-----"]
            .joined(separator: "\n") + "\n")
    }

    @Test func pgpHeadersBlankLinesAndChecksumAreBody() {
        let input = ["-----BEGIN PGP PRIVATE KEY BLOCK-----", "Version: GnuPG v2", "", Self.body[0], "=Xq7r",
                     "-----END PGP PRIVATE KEY BLOCK-----", "done"].joined(separator: "\n") + "\n"
        let output = TestSupport.redact(input, with: Self.set)
        #expect(output == ["-----BEGIN PGP PRIVATE KEY BLOCK-----", "***", "", "***", "***",
                           "-----END PGP PRIVATE KEY BLOCK-----", "done"].joined(separator: "\n") + "\n")
    }

    @Test(arguments: ["***", "[REDACTED:{rule}]", "<{rule}:{len}>"])
    func maskedBlocksAreStableWhenRedactedAgain(_ template: String) throws {
        let set = TestSupport.ruleSet(FailClosedTests.keyRules, options: .init(replacement: try ReplacementTemplate(template)))
        let input = ["x: -----BEGIN RSA PRIVATE KEY-----", "x: " + Self.body[0], "x: " + Self.body[1],
                     "x: -----END RSA PRIVATE KEY-----"].joined(separator: "\n") + "\n"
        let once = TestSupport.redact(input, with: set)
        #expect(!once.contains(Self.body[0].prefix(16)))
        #expect(TestSupport.redact(once, with: set) == once)
    }

    /// A key pasted into code as a string concatenation or an array of strings: the quoted body
    /// lines are masked (their indentation kept, and the opening quote when it is part of the
    /// BEGIN line's prefix), the BEGIN and END lines and what follows stay.
    @Test(arguments: [
        (#"    String pem = "-----BEGIN RSA PRIVATE KEY-----\n" +"#, #"        "%@\n" +"#,
         #"        "-----END RSA PRIVATE KEY-----\n";"#, "        ***"),
        (#""-----BEGIN RSA PRIVATE KEY-----" +"#, #""%@" +"#, #""-----END RSA PRIVATE KEY-----""#, #""***"#),
        ("const key = '-----BEGIN PRIVATE KEY-----' +", "  '%@' +", "  '-----END PRIVATE KEY-----';", "  ***"),
        (#"    "-----BEGIN EC PRIVATE KEY-----\\n","#, #"    "%@\\n","#, #"    "-----END EC PRIVATE KEY-----\\n""#,
         #"    "***"#),
        (#"KEY = ("-----BEGIN OPENSSH PRIVATE KEY-----\n""#, #"       "%@\n""#,
         #"       "-----END OPENSSH PRIVATE KEY-----\n")"#, "       ***"),
    ])
    func aKeyPastedIntoCodeIsMasked(begin: String, bodyLine: String, end: String, masked: String) {
        let body = Self.body.map { bodyLine.replacingOccurrences(of: "%@", with: $0) }
        let after = "2024-05-01T10:00:00Z INFO after the key"
        let input = ([begin] + body + [end, after]).joined(separator: "\n") + "\n"
        let expected = ([begin] + body.map { _ in masked } + [end, after]).joined(separator: "\n") + "\n"
        #expect(TestSupport.redact(input, with: Self.set) == expected)
    }

    /// A quoted BEGIN marker with nothing after it is an error message, not a pasted key: the next
    /// lines stay, even one that ends in a long base64-like run.
    @Test func aQuotedBeginMarkerInAnErrorMessageOpensNoBlock() {
        let input = """
            2024-05-01T10:00:00Z ERROR tls: invalid key file, expected "-----BEGIN RSA PRIVATE KEY-----"
            2024-05-01T10:00:01Z INFO  using certificate 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            "status" +

            """
        #expect(TestSupport.redact(input, with: Self.set) == input)
    }

    @Test func classifierRecognisesBodyAndPrefixes() {
        func kind(_ line: String, _ prefix: String) -> KeyBlockLine.Kind {
            Array(line.utf8).withUnsafeBytes { l in Array(prefix.utf8).withUnsafeBytes { KeyBlockLine.classify(l, prefix: $0) } }
        }
        #expect(kind(Self.body[0], "") == .body(prefixLength: 0))
        #expect(kind("", "") == .body(prefixLength: 0))
        #expect(kind("Proc-Type: 4,ENCRYPTED", "") == .body(prefixLength: 0))
        #expect(kind("2024-05-01 INFO hello", "") == .notBody)
        #expect(kind("[pod/api-7d9/app] " + Self.body[0], "[pod/api-7d9/app] ") == .body(prefixLength: 18))
        #expect(kind("[pod/api-7d9/app] hello world", "[pod/api-7d9/app] ") == .notBody)
        #expect(kind("foo " + Self.body[0], "bar ") == .ambiguous)
        // Quoted body lines of a key pasted into code.
        #expect(kind("\"" + Self.body[0] + "\" +", "") == .body(prefixLength: 0))
        #expect(kind("    '" + Self.body[0] + "\\n' +", "") == .body(prefixLength: 0))
        #expect(kind(Self.body[0] + "\\\\n\",", "\"") == .body(prefixLength: 0))
        #expect(kind("\"" + Self.body[0] + "\" +", "\"") == .body(prefixLength: 1))
        #expect(kind("\"hello world\" +", "") == .notBody)
        #expect(kind("\"2024-05-01\" + x", "") == .notBody)
        #expect(kind("\"\" +", "") == .notBody)
    }
}
