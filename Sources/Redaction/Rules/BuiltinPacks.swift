#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

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
        if !withSamples { BackgroundPreparation.shared.wait(for: .packsDecoded) }
        switch withSamples ? parsedWithSamples : decoded {
        case .success(let packs): return packs
        case .failure(let error): throw error
        }
    }

    /// Starts decoding the built-in packs, then building the default rule set's keyword scanner
    /// (``PreparedBuiltinScanner``), on a background thread and returns at once, so that a command
    /// line tool can parse its arguments meanwhile (on two or more cores most of that work then
    /// costs no start-up time). ``load(withSamples:)`` and a default ``CompiledRuleSet`` sleep until
    /// the part they need is done (``BackgroundPreparation``; each part is done exactly once per
    /// process either way). Calling it more than once, or never, is fine. When no thread can be
    /// started, nothing happens (the work is done on the caller's thread, as without this call).
    public static func prepareInBackground() {
        let progress = BackgroundPreparation.shared  // initialised here, before the thread reads it
        guard !progress.isStarted else { return }
        #if canImport(Glibc)
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { _ in
            BuiltinPacks.prepare()
            return nil
        }, nil)
        if started == 0 {
            progress.record(.started)
            pthread_detach(thread)
        }
        #elseif canImport(Darwin)
        var thread: pthread_t?
        let started = pthread_create(&thread, nil, { _ in
            BuiltinPacks.prepare()
            return nil
        }, nil)
        if started == 0, let thread {
            progress.record(.started)
            pthread_detach(thread)
        }
        #endif
    }

    /// The background thread's work, in the order start-up needs it.
    private static func prepare() {
        _ = decoded
        BackgroundPreparation.shared.record(.packsDecoded)
        PreparedBuiltinScanner.build()
        BackgroundPreparation.shared.record(.scannerBuilt)
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
