import Foundation
import Testing
@testable import Redaction

/// Terminal colour codes around secrets (coloured CLI, CI and dev-server output; Docker's
/// json-file log keeps them as `\u001b[...m`): the secret is masked, the codes stay whole, and
/// coloured clean lines stay byte-identical. All samples are made up for these tests.
@Suite struct TerminalEscapesTests {
    static let esc = "\u{1B}"

    static func blanked(_ line: String) -> String? {
        var copy: [UInt8] = []
        let found = Array(line.utf8).withUnsafeBytes { TerminalEscapes.blank($0, into: &copy) }
        return found ? String(decoding: copy, as: UTF8.self) : nil
    }

    @Test func blanksRawAndEscapedSequencesKeepingOffsets() {
        #expect(Self.blanked("a\(Self.esc)[1;31mb\(Self.esc)[0m") == "a" + String(repeating: " ", count: 7) + "b    ")
        #expect(Self.blanked(#"x\u001b[38;5;208my"#) == "x" + String(repeating: " ", count: 16) + "y")
        #expect(Self.blanked(#"x\u001B[0my \x1b[2Kz \033[1mw \e[4mv"#)
                == "x" + String(repeating: " ", count: 9) + "y " + String(repeating: " ", count: 7) + "z "
                + String(repeating: " ", count: 7) + "w " + String(repeating: " ", count: 5) + "v")
        // No sequence: nothing to copy (a Windows path, a JSON escape, a bracket without a final byte).
        #expect(Self.blanked(#"C:\Users\ops\e and "a\"b" \u0041"#) == nil)
        #expect(Self.blanked("tail \(Self.esc)[12") == nil)
        #expect(Self.blanked("no escapes at all") == nil)
    }

    static func redact(_ text: String) -> String {
        TestSupport.redact(text, with: TestSupport.builtin)
    }

    /// (input, expected output): the token right after a colour code is masked, the codes stay.
    static var masked: [(String, String)] {
        let e = esc
        return [
            ("\(e)[32mINFO\(e)[0m using token=\(e)[1mghp_Lq7Wn2Zs4Xv9Tm3Rd6Kb8Hf0Jg5Yp1Cw3Ne7\(e)[0m\n",
             "\(e)[32mINFO\(e)[0m using token=\(e)[1m***\(e)[0m\n"),
            ("\(e)[33msk_live_Kq83Hn2LmX0pRt7VwZ4yBc6DeF1gJs9a\(e)[0m\n", "\(e)[33m***\(e)[0m\n"),
            // (a rule whose keyword must start a word: the code's final letter ends no word)
            ("deploy \(e)[38;5;208mglpat-Zt5Rk9Wm3Qx7Lp1Vb4Ns\(e)[0m ok\n", "deploy \(e)[38;5;208m***\(e)[0m ok\n"),
            ("DD_API_KEY=\(e)[36m5f0c2e9a7b1d48c3a6e2f9b0d7c14a83\(e)[0m\n", "DD_API_KEY=\(e)[36m***\(e)[0m\n"),
            ("\(e)[36mINFO\(e)[0m config \(e)[1mdb_password\(e)[0m=Tz6-Wq9-Lk3x\n",
             "\(e)[36mINFO\(e)[0m config \(e)[1mdb_password\(e)[0m=***\n"),
            // A key coloured apart from its separator (logrus' and structlog's coloured console
            // output): the keywords are searched in the blanked copy, so `api_key`'s rules run;
            // the separator and the codes stay.
            ("\(e)[36mINFO\(e)[0m[0000] connecting \(e)[36mapi_key\(e)[0m=Zq8mK2pL9xW4vN7bR3tY \(e)[36muser\(e)[0m=app\n",
             "\(e)[36mINFO\(e)[0m[0000] connecting \(e)[36mapi_key\(e)[0m=*** \(e)[36muser\(e)[0m=app\n"),
            ("login \(e)[1mclient_secret\(e)[0m=\(e)[35mQw7Lp2xN9kR4vT8Zm3Hs\(e)[0m user=\(e)[35mapp\(e)[0m\n",
             "login \(e)[1mclient_secret\(e)[0m=\(e)[35m***\(e)[0m user=\(e)[35mapp\(e)[0m\n"),
            ("db pwd\(e)[0m=Xk81mQz2Lp ok\n", "db pwd\(e)[0m=*** ok\n"),
            (#"{"log":"\u001b[31mERROR\u001b[0m post failed bot=\u001b[31mxoxb-5501676072184-5747470853018-Qw3Er5Ty7Ui9Op1As2Df4Gh6\u001b[0m\n","stream":"stderr"}"# + "\n",
             #"{"log":"\u001b[31mERROR\u001b[0m post failed bot=\u001b[31m***\u001b[0m\n","stream":"stderr"}"# + "\n"),
        ]
    }

    @Test(arguments: masked.indices)
    func tokenAfterAColourCodeIsMasked(_ index: Int) {
        let (input, expected) = Self.masked[index]
        #expect(Self.redact(input) == expected)
    }

    /// An echo of a secret seen earlier is masked from the secret on: the colour code before it
    /// is not taken as part of its token.
    @Test func echoAfterAColourCodeKeepsTheCode() {
        let e = Self.esc
        let input = "token=ghp_Lq7Wn2Zs4Xv9Tm3Rd6Kb8Hf0Jg5Yp1Cw3Ne7\nretry \(e)[1mghp_Lq7Wn2Zs4Xv9Tm3Rd6Kb8Hf0Jg5Yp1Cw3Ne7\(e)[0m done\n"
        #expect(Self.redact(input) == "token=***\nretry \(e)[1m***\(e)[0m done\n")
    }

    /// The same for an echo no rule finds alone (a password), after an escaped 256-colour code
    /// whose parameters hold `;`: the whole code stays.
    @Test func echoAfterAnEscapedExtendedColourCodeKeepsTheCode() {
        let input = #"password=Tz6-Wq9-Lk3xQ"# + "\n" + #"retry \u001b[38;5;208mTz6-Wq9-Lk3xQ\u001b[0m done"# + "\n"
        #expect(Self.redact(input) == #"password=***"# + "\n" + #"retry \u001b[38;5;208m***\u001b[0m done"# + "\n")
    }

    @Test func colouredCleanLinesStayUnchanged() {
        let e = Self.esc
        let lines = [
            "\(e)[32mINFO\(e)[0m GET /healthz 200 trace_id=\(e)[2m4bf92f3577b34da6a3ce929d0e0e4736\(e)[0m",
            "\(e)[1mtoken_type\(e)[0m=Bearer \(e)[1mexpires_in\(e)[0m=3600",
            #"{"log":"\u001b[33mWARN\u001b[0m cache key=\u001b[1muser:42:profile\u001b[0m miss\n","stream":"stdout"}"#,
            "\(e)[38;5;208mdigest\(e)[0m sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        ]
        let input = lines.joined(separator: "\n") + "\n"
        #expect(Self.redact(input) == input)
    }
}
