/// The rule packs compiled into the library (their editable source is `Patterns/*.toml`).
public enum BuiltinPacks {
    /// Names of the built-in packs (`headers`, `keys`, `passwords`, `services`, `tokens`).
    public static var names: [String] { embedded.map(\.name) }

    /// The TOML text of a built-in pack.
    public static func text(of name: String) -> String? { embedded.first { $0.name == name }?.text }

    /// The built-in packs as redaction needs them: decoded once per process from the embedded
    /// rule tables, without their sample lines (``load(withSamples:)`` with `true` parses the TOML
    /// for those).
    ///
    /// The embedded packs are checked by the test suite, so a failure here is a build defect; it
    /// is still reported as a ``RuleLoadError`` rather than a crash.
    public static func load(withSamples: Bool = false) throws(RuleLoadError) -> [RulePack] {
        switch withSamples ? parsedWithSamples : decoded {
        case .success(let packs): return packs
        case .failure(let error): throw error
        }
    }

    private static let decoded: Result<[RulePack], RuleLoadError> = {
        do throws(RuleLoadError) {
            var packs: [RulePack] = []
            for entry in embedded { packs.append(try BuiltinRuleTable.decode(entry.table, name: entry.name)) }
            return .success(packs)
        } catch {
            return .failure(error)
        }
    }()

    private static let parsedWithSamples: Result<[RulePack], RuleLoadError> = {
        do throws(RuleLoadError) {
            var packs: [RulePack] = []
            for entry in embedded {
                packs.append(try RulePack.parse(entry.text, file: "builtin:\(entry.name)", name: entry.name))
            }
            return .success(packs)
        } catch {
            return .failure(error)
        }
    }()
}
