import Foundation
import Testing
@testable import Redaction

/// The service-name proximity rules (`Patterns/services.toml`, whose regex and keywords
/// `.ci/gen-services` generates from the name list `Patterns/services.txt`), through the whole
/// built-in rule set: a known service name, a short key window and a token of secret shape mask
/// the token (the key and separator stay); the same names next to ids, hashes, counts, paths and
/// placeholders change nothing. All tokens here are fake.
@Suite struct ServiceProximityTests {
    /// One service of `Patterns/services.txt`: its name and flags (`strict`, `sep`, `qualified`).
    struct Service: CustomTestStringConvertible, Sendable {
        let name: String
        let flags: Set<String>
        var testDescription: String { name }
        /// The name as it appears in an identifier (`new relic` -> `new_relic`).
        var identifier: String { name.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_") }
    }

    static let services: [Service] = {
        let url = TestSupport.repositoryRoot.appendingPathComponent("Patterns/services.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            var words = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            var flags: Set<String> = []
            while let last = words.last, ["strict", "sep", "qualified"].contains(last) {
                flags.insert(last)
                words.removeLast()
            }
            return words.isEmpty ? nil : Service(name: words.joined(separator: " "), flags: flags)
        }
    }()

    static let token = "Q7mZ2xK9pL4vR8tW3nB6yC1dF5gH0jS2"

    /// The `services` pack alone: near misses are its decisions, whatever other packs mask.
    static let servicesOnly = TestSupport.ruleSet(TestSupport.builtin.rules.filter { $0.pack == "services" })

    static func redact(_ line: String) -> String { TestSupport.redact(line, with: TestSupport.builtin) }
    static func redactServicesOnly(_ line: String) -> String { TestSupport.redact(line, with: servicesOnly) }

    @Test func servicesPackHasItsTwelveRules() {
        #expect(Set(Self.servicesOnly.rules.map(\.id))
            == ["service-name-token", "service-name-strict-token", "service-section-secret", "service-parent-key-secret",
                "service-heading-next-line-token", "service-labelled-next-line-token", "service-client-call-next-line-token",
                "service-name-after-token", "service-name-whole-key", "service-name-table-cell", "service-cli-short-flag",
                "service-env-name-value"])
    }

    /// A key that is only a service's name: in upper case for every name but the three-letter
    /// `sep` ones (any token shape: the key says whose it is); in lower case, as a quoted key,
    /// for plain names only (a strict name is a word of the data there, `"segment": "<uuid>"`).
    @Test(arguments: services.filter { !$0.flags.contains("sep") })
    func aKeyThatIsOnlyTheNameMasksItsToken(_ service: Service) {
        let upper = service.identifier.uppercased()
        #expect(Self.redactServicesOnly("export \(upper)=9a5daa5d-8fe7-4714-a480-3101f89d6097") == "export \(upper)=***")
        #expect(Self.redactServicesOnly("os.environ[\"\(upper)\"] = \"\(Self.token)\"") == "os.environ[\"\(upper)\"] = \"***\"")
        let quoted = "{\"\(service.identifier)\": \"\(Self.token)\"}"
        if service.flags.isEmpty {
            #expect(Self.redactServicesOnly(quoted) == "{\"\(service.identifier)\": \"***\"}")
        } else {
            #expect(Self.redactServicesOnly(quoted) == quoted)
        }
        // (names holding a secret word, `abstractapi`, `1password`, `salescookie`, are keys of
        // their own to other rules)
        let secretWords = ["api", "key", "token", "secret", "pass", "auth", "cookie", "cred"]
        guard !secretWords.contains(where: { service.identifier.contains($0) }) else { return }
        for kept in ["\(upper)=enterprise", "cache_key = \"\(service.identifier):56c321723f83b1bc\"",
                     "{\"\(service.identifier)\": \"3f786850e387550fdab836ed7e6dc881de23001b\"}"] {
            #expect(Self.redactServicesOnly(kept) == kept)
        }
    }

    /// Every plain name after a token, in a comment or as the service the token is used for,
    /// masks the token; a name alone after hex (an id's or a digest's comment) does not.
    @Test(arguments: services.filter { $0.flags.isEmpty })
    func everyPlainNameAfterATokenMasksIt(_ service: Service) {
        #expect(Self.redactServicesOnly("  \"\(Self.token)\",  // \(service.name)") == "  \"***\",  // \(service.name)")
        #expect(Self.redactServicesOnly("worker: using \(Self.token) for \(service.name)")
            == "worker: using *** for \(service.name)")
        #expect(Self.redactServicesOnly("9a5daa5d8fe74714a4803101f89d6097  # \(service.name) api key")
            == "***  # \(service.name) api key")
        for kept in ["trace_id=4bf92f3577b34da6a3ce929d0e0e4736  # \(service.name) trace",
                     "event 2TSJSYOw6uxogo8i1qZiYXZwcGX (\(service.name) event)",
                     "\"Wq7Lx2Tn9Vb4Km1Rz8Wc3Hd6Pj\", // \(service.name) message id",
                     "worker: using 01JQW10MBATCW33YMDN6ME7295 for \(service.name)",
                     "event 22305adf007c75092465058e75de6045 (\(service.name)) sent",
                     "job 01HZX3K9V2Q8M4N6P7R5T1W0YB as \(service.name) monitor"] {
            #expect(Self.redactServicesOnly(kept) == kept)
        }
    }

    @Test func theNameListIsLoadedAndLarge() {
        #expect(Self.services.count >= 500)
        #expect(Self.services.filter { $0.flags.isEmpty }.count >= 500)
        #expect(Set(Self.services.map(\.name)).count == Self.services.count, "duplicate names")
    }

    /// Every listed name is live in the services rules: `<name>_api_token = "<tok>"` is masked,
    /// strict names included.
    @Test(arguments: services)
    func everyNameMasksATokenUnderItsSecretNamedKey(_ service: Service) {
        let key = "\(service.identifier)_api_token"
        #expect(Self.redactServicesOnly("\(key) = \"\(Self.token)\"") == "\(key) = \"***\"")
        #expect(Self.redactServicesOnly("{\"\(key)\":\"\(Self.token)\"}") == "{\"\(key)\":\"***\"}")
    }

    /// A name beside ordinary values is not a reason to mask.
    @Test(arguments: services)
    func everyNameKeepsOrdinaryValues(_ service: Service) {
        for line in [
            "INFO  \(service.name) synced 1204 records in 2.3s (version 2024.05.01-build.7)",
            "INFO  \(service.name) request_id=9a5daa5d-8fe7-4714-a480-3101f89d6097 status=200",
            "INFO  \(service.name) build sha256=9210da83a40d2cab8edf3d9617f8dc96221aa7d966a7ade8a997d074dcf2c490",
            "INFO  \(service.identifier)_key_id=d8e92945-81c5-420d-9f18-8658f3e1f787 rotated",
            "INFO  \(service.name) api key: ${\(service.identifier.uppercased())_API_KEY}",
        ] {
            #expect(Self.redactServicesOnly(line) == line)
        }
    }

    /// Strict names are never masked on their own or with spaced key words.
    @Test(arguments: services.filter { $0.flags.contains("strict") })
    func strictNamesNeedTheirNameInTheKey(_ service: Service) {
        for line in ["\(service.name) \(Self.token)", "\(service.name) api key \(Self.token)",
                     "\(service.name): \(Self.token)"] {
            #expect(Self.redactServicesOnly(line) == line)
        }
    }

    /// Renderings that mask exactly the token.
    static let masked: [(input: String, output: String)] = [
        ("chartmogul token = 'WoNvJH6GybNqrHgfYAYneZAWoGbZgAPn'", "chartmogul token = '***'"),
        ("weatherstack key - \"2m3HRBc3JsMNFla4DvHRmZ2fszWgTQSBkPPjaHRD\"", "weatherstack key - \"***\""),
        ("bannerbear SECRET lbXJ7uOmhMNNLg0IBqjjLlBF9Y0db9My", "bannerbear SECRET ***"),
        ("INFO geo: zipcodebase a1db8929-1bbc-4cd3-a1de-3afbafee67ee", "INFO geo: zipcodebase ***"),
        ("blazemeter private key: 632f64bc-ce18-4e72-a1a8-9cd02e77d2da", "blazemeter private key: ***"),
        ("appsynergy-access v5w9pqw5nsn4s7yqmnsixctavsfh4595", "appsynergy-access ***"),
        ("openweatherProduct = 5YvBIQYtRefjZCtv7AkYhq6lYtQrptggexA0gz8uwJML", "openweatherProduct = ***"),
        ("{\"lemlist_api_key\":\"htlnSrujr7TaqpxPWVwk3GcBg3f6\",\"retries\":3}", "{\"lemlist_api_key\":\"***\",\"retries\":3}"),
        ("  deepgram_secret: 6ed18632751ff88503bfc8707e27f3e27c6e967d", "  deepgram_secret: ***"),
        ("export NEWSAPI_KEY=\"22305adf007c75092465058e75de6045\"", "export NEWSAPI_KEY=\"***\""),
        ("pipedriveToken := \"0f358fef98d9d275926228484778c287\"", "pipedriveToken := \"***\""),
        ("<spoonacularApiKey>ya4jn08kfcn9yet1i1cfnom90wu0cflatxbzunrm</spoonacularApiKey>",
         "<spoonacularApiKey>***</spoonacularApiKey>"),
        ("app --new-relic-license-key 3rcbCoODNueB2WV4ImHvgAIP start", "app --new-relic-license-key *** start"),
        ("cloudconvert_token_prod: CxFYWKGqbfukb90UE4khxBMsWK9/QqGWbcPvVvsPWg==", "cloudconvert_token_prod: ***"),
        ("ayrshare TOKEN 3WD4AGN4-QYQ9GZU6-E14TDA0Y-1DQN2RD2", "ayrshare TOKEN ***"),
        ("{\\\"restpack_key\\\": \\\"BlUenQ8oFLeIhwN59wRw1x\\\"}", "{\\\"restpack_key\\\": \\\"***\\\"}"),
        ("swiftypeSecret 665Hkj_12ABcd-eF34xW", "swiftypeSecret ***"),
        ("opsgenie genie key = \"632f64bc-ce18-4e72-a1a8-9cd02e77d2da\"", "opsgenie genie key = \"***\""),
        ("checkout: mollie webhook signing secret: Xk29sLq8PzT4wNvB7yHcQ2Rm9zAbCdEf", "checkout: mollie webhook signing secret: ***"),
        ("BOX_CLIENT_SECRET=lbXJ7uOmhMNNLg0IBqjjLlBF9Y0db9My", "BOX_CLIENT_SECRET=***"),
        ("segment_write_key: WoNvJH6GybNqrHgfYAYneZAWoGbZgAPn", "segment_write_key: ***"),
        ("SENTRY_AUTH_TOKEN=22305adf007c75092465058e75de6045", "SENTRY_AUTH_TOKEN=***"),
        ("mondayToken: 632f64bc-ce18-4e72-a1a8-9cd02e77d2da", "mondayToken: ***"),
        // SDK clients: a crate's or namespace's client type, a Go factory after its context, a
        // Java constructor after an id variable, a builder's credential setter
        ("let client = chartmogul::Client::new(\"WoNvJH6GybNqrHgfYAYneZAWoGbZgAPn\");",
         "let client = chartmogul::Client::new(\"***\");"),
        ("client = Pipedrive::Client.new('lbXJ7uOmhMNNLg0IBqjjLlBF9Y0db9My')", "client = Pipedrive::Client.new('***')"),
        ("$client = new \\Bannerbear\\Client('htlnSrujr7TaqpxPWVwk3GcBg3f6x9');",
         "$client = new \\Bannerbear\\Client('***');"),
        ("client := deepgram.NewClient(ctx, \"6ed18632751ff88503bfc8707e27f3e27c6e967d\")",
         "client := deepgram.NewClient(ctx, \"***\")"),
        ("DeepgramClient c = new DeepgramClient(accountId, \"2m3HRBc3JsMNFla4DvHRmZ2fszWgTQSBkPPjaHRD\");",
         "DeepgramClient c = new DeepgramClient(accountId, \"***\");"),
        ("val c = Lemlist.builder().credentials(\"htlnSrujr7TaqpxPWVwk3GcBg3f6\").build()",
         "val c = Lemlist.builder().credentials(\"***\").build()"),
        // a table row whose first cell names the service; a CLI named for it with its -t / -k flag
        ("| Mixpanel | 4f8b2d6e1a9c3f7b5d0e2a8c6f4b1d9e | prod |", "| Mixpanel | *** | prod |"),
        ("sendbird,Zq8xW2mL5nR7tY1vK3pC9dF4hJ6bN0sQ,platform-team", "sendbird,***,platform-team"),
        ("vercel deploy --prod -t Zq8xW2mL5nR7tY1vK3pC9dF4", "vercel deploy --prod -t ***"),
        ("deepgram -k 6ed18632751ff88503bfc8707e27f3e27c6e967d sync --all", "deepgram -k *** sync --all"),
    ]

    @Test(arguments: masked)
    func masksOnlyTheToken(_ sample: (input: String, output: String)) {
        #expect(Self.redactServicesOnly(sample.input) == sample.output)
        #expect(Self.redact(sample.input) == sample.output)
        #expect(Self.redact(sample.output) == sample.output)
    }

    /// Near misses: the shape, the key or the name says "not a secret".
    static let kept: [String] = [
        "chartmogul access Xk29sLq8PzT4wN",                                // shorter than 16
        "mailerlite api key: abcdefghijklmnopqrstuvwxyz",                    // letters only
        "mailerlite api key: 12345678901234567890",                         // digits only
        "mailerlite api key: aaaa1111aaaa1111aaaa",                         // entropy below 3.0
        "mailerlite api key: prod-ingest-2024-eu",                          // words, no 12-character run
        "heroku api key 20240501T100000Z rotated",                          // basic ISO date
        "sendgrid key=tenants/acme/exports/2024-05-01/report.csv",          // path
        "mailgun key owner ops-team-2024@example.com",                      // e-mail
        "weatherstack key host api7-eu-west-1.weatherstack.com",            // host name
        "zipcodebase api key ${ZIPCODEBASE_API_KEY}",                       // placeholder
        "mailerlite api key: <redacted>",
        "stripe idempotency_key=9a5daa5d-8fe7-4714-a480-3101f89d6097 reused",
        "pagerduty dedup_key=bf49b49966ecf04aa8e727a876076dfb resolved",
        "github 84b1d7c4718889b32cada5cea4d8585e8bc98ceb checks passed",    // bare git SHA
        "stripe: evt_1PqLxKL2eZvKYlo2C9gT5Xx4 acknowledged",                // object id
        "twilio: SM0f4a5bf74e5dfb442fe857022c9392d3 delivered",             // Twilio SID
        "stripe_customer_id=cus_Q3xk9LmZP2vTaB",
        "datadog_api_key_id=9c29afc7-3b2e-4e61-81e2-0392c6fc0de7",
        "chartmogulCustomerId = Xk29sLq8PzT4wNvB7yHcQ2Rm9",                 // OTHER suffix that names an id
        "segment_key=0f358fef98d9d275926228484778c287",                    // qualified: a data key
        "sentry_key=22305adf007c75092465058e75de6045",                     // the public DSN key
        "mailbox key WoNvJH6GybNqrHgfYAYneZAWoGbZgAPn",                     // `box` inside a word
        "datadog api key rejected: 403 Forbidden",
        "mailerlite api user list 4f3a2b1c9d8e7f6a5b4c3d2e1f0a9b8c",         // no secret word before the value
        "pagerduty events api request 9c29afc7-3b2e-4e61-81e2-0392c6fc0de7",
        "let client = chartmogul::Client::new(config);",
        "client := deepgram.NewClient(ctx, \"en-US\")",
        "$client = new \\Pipedrive\\Client($options);",
        "let id = chartmogul::Customer::new(\"cus_Q3xk9LmZP2vTaB7Lq2Wn\");",
        "| Zendesk | d54d7bd9-73a8-456c-88af-f56f055e6b45 | 25c3828aa458 |",   // an integration's ids
        "auth0|2385c4188d3630e818eae76a",                                     // an Auth0 user id
        "| Mixpanel | 1,204 events | 2024-05-01 |",
        "vercel deploy --prod -t production",
        "mailgun events -t 2024-05-01T10:00:00Z",
        "vercel ls | grep -t Zq8xW2mL5nR7tY1vK3pC9dF4",                      // another command's flag
    ]

    @Test(arguments: kept)
    func keepsNearMisses(_ line: String) {
        #expect(Self.redactServicesOnly(line) == line)
    }

    /// The name on the line above: a heading, comment or label line that is only a service's name
    /// (a token's shape, no hex or UUID), such a line that names the credential too (hex and
    /// UUIDs count), and a vendor client's call left open at the end of a line.
    static let nextLine: [(input: String, output: String)] = [
        ("# chartmogul\nWoNvJH6GybNqrHgfYAYneZAWoGbZgAPn\n", "# chartmogul\n***\n"),
        ("## Weatherstack\n```\n2m3HRBc3JsMNFla4DvHRmZ2fszWgTQSBkPPjaHRD\n```\n", "## Weatherstack\n```\n***\n```\n"),
        ("// bannerbear\nconst key = \"lbXJ7uOmhMNNLg0IBqjjLlBF9Y0db9My\";\n", "// bannerbear\nconst key = \"***\";\n"),
        ("lemlist\nKEY\n  htlnSrujr7TaqpxPWVwk3GcBg3f6\n", "lemlist\nKEY\n  ***\n"),
        ("Zipcodebase credentials:\na1db8929-1bbc-4cd3-a1de-3afbafee67ee\n", "Zipcodebase credentials:\n***\n"),
        ("# newsapi api key\n\"22305adf007c75092465058e75de6045\"\n", "# newsapi api key\n\"***\"\n"),
        ("      - name: CHARTMOGUL\n        value: \"WoNvJH6GybNqrHgfYAYneZAWoGbZgAPn\"\n",
         "      - name: CHARTMOGUL\n        value: \"***\"\n"),
        ("client = new PipedriveClient(\n    \"632f64bc-ce18-4e72-a1a8-9cd02e77d2da\");\n",
         "client = new PipedriveClient(\n    \"***\");\n"),
    ]

    @Test(arguments: nextLine)
    func masksTheTokenUnderAServiceNamedLine(_ sample: (input: String, output: String)) {
        #expect(Self.redactServicesOnly(sample.input) == sample.output)
        #expect(Self.redact(sample.input) == sample.output)
    }

    static let nextLineKept: [String] = [
        "# chartmogul\n22305adf007c75092465058e75de6045\n",                  // hex under a bare heading
        "## Zipcodebase\na1db8929-1bbc-4cd3-a1de-3afbafee67ee\n",             // a UUID under a bare heading
        "## GitHub\n84b1d7c4718889b32cada5cea4d8585e8bc98ceb\n",              // a commit
        "chartmogul:\n  region: eu\n  public_key: 22305adf007c75092465058e75de6045\n", // a YAML parent's children
        "# chartmogul\nconst customerId = \"WoNvJH6GybNqrHgfYAYneZAWoGbZgAPn\";\n", // a name that names an id
        "# chartmogul\nsynced 1204 records\nWoNvJH6GybNqrHgfYAYneZAWoGbZgAPn\n",  // another line between
        "INFO sending metrics to chartmogul\nWoNvJH6GybNqrHgfYAYneZAWoGbZgAPn\n",   // a log line, not a heading
        "client = new PipedriveClient(\n    options);\n",
        "client = new PipedriveClient(\n    \"01HZX3K9V2Q8M4N6P7R5T1W0YB\");\n",  // a ULID
        "const ID_CHARTMOGUL = \"mkWnHLHNljFbNR8E2u9539IB7bj\";\n",            // an id word joined before the name
        "      - name: CHARTMOGUL\n        value: \"true\"\n",                       // a toggle
        "      - name: Chartmogul\n        value: \"WoNvJH6GybNqrHgfYAYneZAWoGbZgAPn\"\n", // not an env name
    ]

    @Test(arguments: nextLineKept)
    func keepsTheNextLineWhenTheLineAboveSaysNoKey(_ text: String) {
        #expect(Self.redactServicesOnly(text) == text)
    }

    /// `Tests/Fixtures/traps/service-mentions.log`: ordinary logs that mention service names
    /// next to non-secrets pass through the built-in rules unchanged.
    @Test func serviceMentionTrapsAreUnchanged() throws {
        let url = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/traps/service-mentions.log")
        let input = try [UInt8](Data(contentsOf: url))
        #expect(input.filter { $0 == 0x0A }.count >= 150)
        let output = TestSupport.redact(input, with: TestSupport.builtin)
        if output != input {
            let inLines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
            let outLines = output.split(separator: 0x0A, omittingEmptySubsequences: false)
            let changed = zip(inLines, outLines).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
            Issue.record("service-mentions.log: lines changed: \(changed.prefix(20))")
        }
    }
}
