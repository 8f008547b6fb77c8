/// The rule packs compiled into the library (their editable source is `Patterns/*.toml`).
public enum BuiltinPacks {
    /// Names of the built-in packs (`headers`, `keys`, `passwords`, `services`, `tokens`).
    public static var names: [String] { embedded.map(\.name) }

    /// The TOML text of a built-in pack.
    public static func text(of name: String) -> String? { embedded.first { $0.name == name }?.text }

    /// The parsed built-in packs. Parsed once per process.
    ///
    /// The embedded packs are checked by the test suite, so a parse failure here is a build
    /// defect; it is still reported as a ``RuleLoadError`` rather than a crash.
    public static func load() throws(RuleLoadError) -> [RulePack] {
        switch parsed {
        case .success(let packs): return packs
        case .failure(let error): throw error
        }
    }

    private static let parsed: Result<[RulePack], RuleLoadError> = {
        do throws(RuleLoadError) {
            var packs: [RulePack] = []
            for (name, text) in embedded {
                packs.append(try RulePack.parse(text, file: "builtin:\(name)", name: name))
            }
            return .success(packs)
        } catch {
            return .failure(error)
        }
    }()
}
