import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `redact mmexternal` speaking rsyslog's protocol, driven directly (the rsyslogd run is in
/// ``RsyslogMmexternalTests``): one JSON reply per message, nothing else on stdout or stderr.
@Suite(.serialized) struct MmexternalTests {
    static let github = RedactCLITests.github

    static func replies(_ result: BinaryUnderTest.Result) -> [Any] {
        result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) ?? "not JSON: \($0)"
        }
    }

    static func message(_ reply: Any, key: String = "msg") -> String? { (reply as? [String: String])?[key] }

    @Test func oneReplyPerMessageEmptyWhenUnchanged() throws {
        let input = "clean line\n db password=hunter2 ok\n\nquote \" back \\ é 😀 token \(Self.github)\nlast without newline"
        let result = try BinaryUnderTest.run(["mmexternal"], input: Data(input.utf8))
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let replies = Self.replies(result)
        try #require(replies.count == 5)
        #expect((replies[0] as? [String: Any])?.isEmpty == true)
        #expect(Self.message(replies[1]) == " db password=*** ok")
        #expect((replies[2] as? [String: Any])?.isEmpty == true)
        #expect(Self.message(replies[3]) == "quote \" back \\ é 😀 token ***")
        #expect((replies[4] as? [String: Any])?.isEmpty == true)
        #expect(result.stdoutText.hasPrefix("{}\n{\"msg\":"))
    }

    @Test func aKeyLoggedOneLinePerMessageIsMaskedAcrossMessages() throws {
        let body = FilterStreamTests.keyBody
        let input = "-----BEGIN RSA PRIVATE KEY-----\n\(body[0])\n\(body[1])\n-----END RSA PRIVATE KEY-----\nafter\n"
        let replies = Self.replies(try BinaryUnderTest.run(["mmexternal"], input: Data(input.utf8)))
        try #require(replies.count == 5)
        #expect(Self.message(replies[1]) == "***" && Self.message(replies[2]) == "***")
        #expect((replies[4] as? [String: Any])?.isEmpty == true)
    }

    @Test func markersAreReplies() throws {
        let long = String(repeating: "x", count: 300)
        let replies = Self.replies(try BinaryUnderTest.run(["mmexternal", "--max-line-bytes", "100"],
                                                          input: Data("a\n\(long)\nb\n".utf8)))
        try #require(replies.count == 3)
        #expect(Self.message(replies[1]) == "[REDACTED:line-too-long]")

        let directory = try RedactCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rules = directory.appendingPathComponent("slow.toml")
        try Data("[[rules]]\nid = \"slow-rule\"\nregex = '''(a+)+$'''\nkeywords = [\"aaaa\"]\n".utf8).write(to: rules)
        let log = directory.appendingPathComponent("diag.log")
        let bad = "zz9secret " + String(repeating: "a", count: 3000) + "!"
        let result = try BinaryUnderTest.run(["mmexternal", "-r", rules.path, "--match-limit", "1000", "--log-file", log.path],
                                             input: Data("ok\n\(bad)\n".utf8))
        #expect(result.stderr.isEmpty)
        let engine = Self.replies(result)
        try #require(engine.count == 2)
        #expect(Self.message(engine[1]) == "[REDACTED:engine-error]")
        let diagnostics = try String(contentsOf: log, encoding: .utf8)
        #expect(diagnostics.contains("slow-rule") && !diagnostics.contains("zz9secret"))
    }

    /// Rules that fail to load: rsyslog would pass originals on if the program died, so every
    /// message is answered with a marker; the error goes to the log file, never to stderr.
    @Test func brokenRulesMaskEveryMessageAndStayQuiet() throws {
        let directory = try RedactCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("diag.log")
        for extra in [["--log-file", log.path], []] {
            let result = try BinaryUnderTest.run(["mmexternal", "-r", directory.appendingPathComponent("missing.toml").path] + extra,
                                                 input: Data("hello\nworld\n".utf8))
            #expect(result.status == 0 && result.stderr.isEmpty)
            #expect(Self.replies(result).map { Self.message($0) } == ["[REDACTED:configuration-error]", "[REDACTED:configuration-error]"])
        }
        #expect(try String(contentsOf: log, encoding: .utf8).contains("missing.toml"))
    }

    @Test func fulljsonRedactsTheMsgMember() throws {
        let input = """
            { "msg": " db password=hunter2 \\"q\\" \\u00e9", "rawmsg": "<13>app: db password=hunter2", "pri": "13", "$!": null }
            {"msg":"clean \\u00e9 \\/ text","nested":{"msg":"password=nested1"}}
            {"hostname":"vm","msg":null}
            not json at all password=hunter3
            {"msg":"-----BEGIN RSA PRIVATE KEY-----\\n\(FilterStreamTests.keyBody[0])\\n-----END RSA PRIVATE KEY-----"}

            """
        let result = try BinaryUnderTest.run(["mmexternal", "--input", "fulljson"], input: Data(input.utf8))
        #expect(result.status == 0 && result.stderr.isEmpty)
        let replies = Self.replies(result)
        try #require(replies.count == 5)
        #expect(Self.message(replies[0]) == " db password=*** \"q\" é")
        #expect((replies[1] as? [String: Any])?.isEmpty == true)
        #expect((replies[2] as? [String: Any])?.isEmpty == true)
        #expect(Self.message(replies[3]) == "[REDACTED:invalid-json]")
        #expect(Self.message(replies[4]) == "-----BEGIN RSA PRIVATE KEY-----\n***\n-----END RSA PRIVATE KEY-----")
        #expect(!result.stdoutText.contains("hunter"))
    }

    @Test func rawmsgRepliesWithTheRawmsgProperty() throws {
        let replies = Self.replies(try BinaryUnderTest.run(["mmexternal", "--input", "rawmsg"],
                                                          input: Data("<13>Nov 30 10:00:00 app: password=hunter2\n".utf8)))
        #expect(replies.count == 1 && Self.message(replies[0], key: "rawmsg") == "<13>Nov 30 10:00:00 app: password=***")
    }

    @Test func dropIsNotOffered() throws {
        let result = try BinaryUnderTest.run(["mmexternal", "--on-error", "drop"])
        #expect(result.status == 2 && result.stderrText.contains("not offered"))
    }

    /// rsyslog waits for each reply before it sends the next message: the reply must arrive
    /// while stdin is still open.
    @Test func eachReplyIsFlushedAtOnce() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryUnderTest.path)
        process.arguments = ["mmexternal"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { try? input.fileHandleForWriting.close(); process.waitUntilExit() }
        for (message, reply) in [("password=hunter2", #"{"msg":"password=***"}"#), ("clean", "{}")] {
            input.fileHandleForWriting.write(Data("\(message)\n".utf8))
            var received = Data()
            let deadline = Date().addingTimeInterval(10)
            while !received.contains(0x0A) && Date() < deadline { received.append(output.fileHandleForReading.availableData) }
            #expect(String(decoding: received, as: UTF8.self) == reply + "\n")
        }
    }
}
