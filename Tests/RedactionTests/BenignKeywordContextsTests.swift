import Testing
@testable import Redaction

/// Phrases in which a keyword selects no rule (``BenignKeywordContexts``).
@Suite struct BenignKeywordContextsTests {
    /// A rule that would match inside the phrase: only the phrase keeps it from the line.
    static let proseRule = RedactionRule(id: "prose", regex: #"(?i)password\s+for\s+\w+\s+is\s+(\S+)"#, keywords: ["password"])

    @Test func anOccurrenceInsideAPhraseSelectsNoRule() {
        let set = TestSupport.ruleSet([Self.proseRule])
        #expect(!set.benignContexts.isEmpty)
        // The phrase: sshd's own wording, in any case.
        for kept in ["sshd[812]: Failed password for root is Zq8xW2mL5nR7 from 10.0.0.1",
                     "sshd[812]: ACCEPTED PASSWORD FOR deploy is Zq8xW2mL5nR7"] {
            #expect(TestSupport.redact(kept + "\n", with: set) == kept + "\n")
        }
        // The same keyword outside the phrase, or another occurrence on the line, still selects it.
        #expect(TestSupport.redact("the password for deploy is Zq8xW2mL5nR7\n", with: set)
            == "the password for deploy is ***\n")
        #expect(TestSupport.redact("Failed password for root; password for deploy is Zq8xW2mL5nR7\n", with: set)
            == "Failed password for root; password for deploy is ***\n")
    }

    @Test func sshdLinesStillLoseASecretElsewhereOnTheLine() {
        let line = "sshd[1]: Failed password for root from 1.2.3.4 port 22 ssh2 password=Hunter2-rotated\n"
        #expect(TestSupport.redact(line, with: TestSupport.builtin)
            == "sshd[1]: Failed password for root from 1.2.3.4 port 22 ssh2 password=***\n")
        let clean = "sshd[1]: Failed password for invalid user admin from 1.2.3.4 port 22 ssh2\n"
        #expect(TestSupport.redact(clean, with: TestSupport.builtin) == clean)
    }

    @Test func phrasesAreCheckedAtTheLineEdges() {
        let set = TestSupport.ruleSet([Self.proseRule])
        let contexts = set.benignContexts
        let literal = UInt32(set.literals.literalID(of: Array("password".utf8))!)
        func check(_ text: String, end: Int) -> Bool {
            Array(text.utf8).withUnsafeBytes { contexts.contains(literal, length: 8, endingAt: end, in: $0) }
        }
        #expect(check("failed password for x", end: 15))
        #expect(!check("password for x", end: 8))            // nothing before it
        #expect(!check("failed password", end: 15))         // nothing after it
        #expect(!check("unfailed passwordfor x", end: 17))
    }
}
