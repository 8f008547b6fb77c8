import RedactionLogging
import Testing

/// A `LogRedactor` user reads errors about the configuration they wrote in code, never about
/// command-line flags.
@Suite struct ConfigurationErrorTests {
    @Test func aHashTemplateWithoutAKeyNamesTheReplacementSetting() throws {
        let template = try ReplacementTemplate("<{hash}>")
        let error = try #require(throws: RuleLoadError.self) { _ = try LogRedactor(replacement: template) }
        #expect(error.origin == .setting(.replacement) && error.location == nil)
        #expect(error.description == "replacement: the template uses {hash} but no hash key was given (refusing unkeyed hashes)")
        #expect(!error.description.contains("--"))
    }

    @Test func aBadInMemoryRuleIsNamedByItsID() throws {
        let rule = RedactionRule(id: "team-token", regex: "tt_(", keywords: ["tt_"])
        let error = try #require(throws: RuleLoadError.self) { _ = try LogRedactor(rules: [rule]) }
        #expect(error.ruleID == "team-token" && error.location == SourceLocation(file: "<memory>", line: 0))
        #expect(error.description.hasPrefix("<memory>: rule 'team-token': regex rejected by PCRE2"))
        #expect(!error.description.contains("--"))
    }

    @Test func aRuleIDWithALineBreakIsRefused() throws {
        let rule = RedactionRule(id: "team\ntoken", regex: "tt_[a-z]{8}", keywords: ["tt_"])
        let error = try #require(throws: RuleLoadError.self) { _ = try LogRedactor(rules: [rule]) }
        #expect(error.message == "the rule id contains a line break or another control character")
    }
}
