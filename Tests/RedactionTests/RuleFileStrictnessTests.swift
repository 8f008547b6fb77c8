import Testing
@testable import Redaction

/// Rule files are strict: unknown keys, bad types and unusable rule ids are errors that name the
/// file, line and rule, and suggest the key that was meant.
@Suite struct RuleFileStrictnessTests {
    static func loadError(_ text: String) throws -> RuleLoadError {
        try #require(throws: RuleLoadError.self) {
            var builder = try RuleSetBuilder(includeBuiltin: false)
            try builder.add(try RulePack.parse(text, file: "f.toml", name: "f"))
            _ = try builder.build()
        }
    }

    static let rule = "[[rules]]\nid = \"x\"\nregex = 'x[0-9]+'\nkeywords = [\"x\"]\n"

    @Test(arguments: [
        (rule + "keywordz = [\"a\"]", "f.toml:5: rule 'x': unknown key 'keywordz' in [[rules]] (did you mean 'keywords'?)"),
        (rule + "kewyords = [\"a\"]", "f.toml:5: rule 'x': unknown key 'kewyords' in [[rules]] (did you mean 'keywords'?)"),
        (rule + "secretgroup = 1", "f.toml:5: rule 'x': unknown key 'secretgroup' in [[rules]] (did you mean 'secretGroup'?)"),
        (rule + "regexes = ['a']", "f.toml:5: rule 'x': unknown key 'regexes' in [[rules]] (did you mean 'regex'?)"),
        (rule + "colour = 'red'", "f.toml:5: rule 'x': unknown key 'colour' in [[rules]]"),
        (rule + "[[rules.allowlists]]\nregex = ['a']", "f.toml:6: rule 'x': unknown key 'regex' in [[rules.allowlists]] (did you mean 'regexes'?)"),
        (rule + "[[rules.allowlists]]\nregexes = ['a']\ntargetRules = ['x']", "f.toml:7: rule 'x': unknown key 'targetRules' in [[rules.allowlists]]"),
        (rule + "[rules.allowlist]\nstopword = ['a']", "f.toml:6: rule 'x': unknown key 'stopword' in [rules.allowlist] (did you mean 'stopwords'?)"),
        (rule + "[rules.block]\nbeggin = 'a'\nend = 'b'", "f.toml:6: rule 'x': unknown key 'beggin' in [rules.block] (did you mean 'begin'?)"),
        (rule + "[[rules.required]]\nid = 'y'\nwithinLine = 3", "f.toml:7: rule 'x': unknown key 'withinLine' in [[rules.required]] (did you mean 'withinLines'?)"),
        ("[extend]\nusedefault = true\n" + rule, "f.toml:2: unknown key 'usedefault' in [extend] (did you mean 'useDefault'?)"),
        ("[extend]\ndisabledRule = ['a']\n" + rule, "f.toml:2: unknown key 'disabledRule' in [extend] (did you mean 'disabledRules'?)"),
        ("[[allowlists]]\nregexes = ['a']\ntargetrules = ['x']\n" + rule,
         "f.toml:3: unknown key 'targetrules' in [[allowlists]] (did you mean 'targetRules'?)"),
        ("[[rule]]\nid = 'x'\n", "f.toml:1: unknown key 'rule' in the top level (did you mean 'rules'?)"),
        ("titel = 't'\n" + rule, "f.toml:1: unknown key 'titel' in the top level (did you mean 'title'?)"),
        ("\"a\\u0007b\" = 1\n" + rule, "f.toml:1: unknown key 'a\\u{7}b' in the top level"),
    ])
    func unknownKeysAreErrorsWithASuggestion(_ text: String, _ expected: String) throws {
        let error = try Self.loadError(text)
        #expect(error.description == expected)
    }

    @Test(arguments: ["a\\nb", "a\\rb", "tab\\there", "bell\\u0007", "nul\\u0000", "c1\\u0085", "ls\\u2028"])
    func ruleIDsWithControlCharactersAreRefused(_ escaped: String) throws {
        let error = try Self.loadError("[[rules]]\nid = \"\(escaped)\"\nregex = 'x'\nkeywords = ['x']\n")
        #expect(error.description == "f.toml:2: the rule id contains a line break or another control character")
        #expect(error.ruleID == nil)
    }

    @Test func inMemoryRuleIDsAreCheckedToo() throws {
        let error = try #require(throws: RuleLoadError.self) {
            _ = try CompiledRuleSet(rules: [RedactionRule(id: "two\nlines", regex: "x", keywords: ["x"])])
        }
        #expect(error.message.contains("control character") && !error.description.contains("\n"))
        #expect(throws: RuleLoadError.self) { _ = try CompiledRuleSet(rules: [RedactionRule(id: "", regex: "x")]) }
    }

    @Test(arguments: [
        ("[extend]\nuseDefault = 'yes'\n", "f.toml:2: 'useDefault' must be true or false"),
        ("[[rules]]\nid = 'x'\nregex = 'x'\nskipReport = 1\n", "f.toml:4: rule 'x': 'skipReport' must be true or false"),
        ("[[rules]]\nid = 'x'\nregex = 'x'\npath = 3\n", "f.toml:4: rule 'x': 'path' must be a string"),
        ("[[rules]]\nid = 'x'\nregex = 'x'\n[[rules.required]]\nwithinLines = 3\n", "f.toml:4: rule 'x': [[rules.required]] needs an 'id'"),
        ("[[rules]]\nid = 'x'\nregex = ''\n", "f.toml:3: rule 'x': 'regex' is empty"),
        ("[extend]\npath = ''\n", "f.toml:2: [extend] 'path' is empty"),
        ("rules = 3\n", "f.toml:1: 'rules' must be an array of tables ([[rules]])"),
    ])
    func badValuesNameTheirLine(_ text: String, _ expected: String) throws {
        #expect(try Self.loadError(text).description == expected)
    }

    @Test func theSuggestionNeedsACloseKey() {
        let known = RuleFileSchema.ruleKeyNames
        #expect(RuleFileSchema.suggestion(for: "Keywords", among: known) == "keywords")
        #expect(RuleFileSchema.suggestion(for: "entropie", among: known) == "entropy")
        #expect(RuleFileSchema.suggestion(for: "ab", among: known) == nil)
        #expect(RuleFileSchema.suggestion(for: "severity", among: known) == nil)
        #expect(RuleFileSchema.editDistance(Array("kewyords"), Array("keywords")) == 1)
        #expect(RuleFileSchema.editDistance(Array(""), Array("abc")) == 3)
    }

    @Test func theRuleKeyTableHasOneRowPerKey() {
        let names = RuleFileSchema.ruleKeyNames
        #expect(Set(names).count == names.count)
        #expect(names.first == "id")
    }

    @Test func urlInExtendIsIgnoredWithANotice() throws {
        let pack = try RulePack.parse("[extend]\nurl = 'https://example.invalid/gitleaks.toml'\n" + Self.rule, file: "f.toml", name: "f")
        #expect(pack.notices == ["f.toml:2: [extend] 'url' is ignored (gitleaks does not implement it either)"])
    }
}
