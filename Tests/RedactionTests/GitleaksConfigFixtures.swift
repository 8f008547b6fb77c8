import Foundation
@testable import Redaction

/// The gitleaks configuration cases in `Tests/Fixtures/gitleaks-config` (see its `NOTICE.md`),
/// loaded as `redact -r` loads them with the repository root as working directory.
enum GitleaksConfigFixtures {
    static let directory = "Tests/Fixtures/gitleaks-config"

    /// The `.toml` files of `valid` or `invalid`, as paths relative to the repository root.
    static func files(_ kind: String) -> [String] {
        let url = TestSupport.repositoryRoot.appendingPathComponent("\(directory)/\(kind)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { "\(directory)/\(kind)/\($0)" }
    }

    /// Reads and parses a file named relative to the repository root.
    static func pack(_ file: String) throws(RuleLoadError) -> RulePack {
        let url = TestSupport.repositoryRoot.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RuleLoadError(location: SourceLocation(file: file, line: 0), message: "cannot read")
        }
        var name = url.lastPathComponent
        name.removeLast(5)
        return try RulePack.parse(utf8: [UInt8](data), file: file, name: name)
    }

    /// The `[extend] path` resolution of `redact`: the working directory (here the repository
    /// root) first, then the directory of the file that names it.
    static func loadExtension(_ path: String, namedIn file: String) throws(RuleLoadError) -> RulePack {
        let root = TestSupport.repositoryRoot.path + "/"
        if FileManager.default.fileExists(atPath: root + path) { return try pack(path) }
        let beside = String(file[...(file.lastIndex(of: "/") ?? file.startIndex)]) + path
        if FileManager.default.fileExists(atPath: root + beside) { return try pack(beside) }
        throw RuleLoadError(location: SourceLocation(file: file, line: 0), message: "[extend] path '\(path)' not found")
    }

    /// A builder without the built-in packs holding `file` and what it extends.
    static func builder(_ file: String) throws(RuleLoadError) -> RuleSetBuilder {
        var builder = try RuleSetBuilder(includeBuiltin: false)
        try builder.add(try pack(file)) { path, namedIn throws(RuleLoadError) in try loadExtension(path, namedIn: namedIn) }
        return builder
    }

    /// `file` loaded and compiled.
    static func ruleSet(_ file: String) throws(RuleLoadError) -> CompiledRuleSet {
        try builder(file).build()
    }
}
