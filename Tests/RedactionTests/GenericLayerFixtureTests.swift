import Foundation
import Testing
@testable import Redaction

/// The generic key/value layer against fixtures written for it, with the built-in rules:
/// modern application-log lines that hold no secret but look like they might must come out
/// unchanged, and every secret of the positive fixture must be gone with its key and separator
/// kept.
@Suite struct GenericLayerFixtureTests {
    static let fixtures = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// Trap fixtures in `Tests/Fixtures/traps/`, with the fewest lines each must hold:
    /// - `modern-app.log`: JSON, logfmt, access logs, Kubernetes, Go/Java/Python/Node/Rails, SQL,
    ///   CLI/CI, OAuth, cloud SDK lines with ids, digests, cache and object keys, token metadata,
    ///   password-policy messages and placeholders;
    /// - `access-proxy.log`: nginx (combined, JSON, error), Caddy, Envoy, Istio, ALB, S3 server
    ///   access, CloudFront, HAProxy, Traefik, Varnish, Squid, GCP LB and Cloudflare lines, OAuth
    ///   authorize URLs with `client_id`, `state`, `nonce` and PKCE challenges; `cookie="-"` for
    ///   an absent header;
    /// - `platform-ci.log`: syslog (RFC 3164 and 5424), journald fields, sshd/sudo/PAM, kubelet
    ///   and controller events, kubectl, Helm, Argo CD, Flux, cert-manager, External Secrets,
    ///   Vault (HMAC'd audit tokens), Consul, Terraform, Ansible `no_log`, Docker/BuildKit, GitHub
    ///   Actions and GitLab/Jenkins CI, git, go.sum `h1:` hashes, npm `integrity`, pip `--hash`;
    ///   sshd, Dovecot, Postfix SASL, OpenVPN, strongSwan, PgBouncer and Redis auth messages;
    /// - `app-structured.log`: OpenTelemetry attributes and `traceparent`, logfmt service logs
    ///   (JWKS, KMS, S3, Kafka, payments ids, build ids, checksums, feature flags, LLM token
    ///   counts), audit events (CloudTrail, Keycloak, GitHub, GCP), GraphQL operations, queue
    ///   and store ids, config dumps with masked or referenced values;
    /// - `errors-sql.log`: Go, Java, Python, Node, Rust, Swift, .NET, Ruby and PHP errors and
    ///   stack traces about tokens, keys and passwords; SQL without literals; database, broker and
    ///   search-engine authentication messages;
    /// - `config-headers.log`: Kafka client config dumps, hashes and ids under secret-like names,
    ///   webhook signature and trace headers, placeholders, encrypted values (SOPS, Ansible
    ///   vault), code that reads secrets from the environment, lock and rate-limit keys, CI cache
    ///   keys, OIDC claims; PEM certificates and public keys, SSH public keys, empty and
    ///   `undefined` Authorization headers, token and password metadata in prose;
    /// - `ops-events.log` (written apart from the rules, then run through them: the lines the
    ///   rules got wrong were fixed in the rules, not dropped): OpenTelemetry JSON, Kubernetes
    ///   events and `kubectl describe secret` sizes, CloudTrail / GCP / Azure audit records
    ///   (idempotency `clientRequestToken`s, OIDC subjects, credential key ids), CI runners (Go
    ///   test names, cache keys), database and cache servers (Redis key names, `requirepass`
    ///   warnings), IdP and Vault audit lines (HMAC'd values), Terraform diagnostics that quote
    ///   `var.` references, S3 object keys, Pub/Sub ordering keys, WebSocket handshake keys, and
    ///   vendor ids. Two kinds of line are left out on purpose: `Cookie` / `Set-Cookie` headers
    ///   (every cookie value is masked, preference cookies included) and a base64 public key
    ///   logged as `key=` (a bare `key` with a 32-byte base64 value is masked: it is as likely an
    ///   AES key).
    /// - `settings-prose.log` (written the same way, against the name/value, prose and code
    ///   credential rules: 64 lines changed before the fixes): Kubernetes, ECS, CloudFormation,
    ///   SSM, az and terraform settings whose values are flags, booleans, references
    ///   (`secretref:`, `@Microsoft.KeyVault(...)`, `vault:`, GCP resource names, `name:latest`) or
    ///   masking markers (`HIDDEN_DUE_TO_SECURITY_REASONS`, `REDACTED`, Ranger `crypted`); argv
    ///   switches (`--no-password <db>`); HTML controls named like passwords; prose about resets,
    ///   tickets, error codes and hash schemes; code that reads passwords from the environment or
    ///   a config object, and placeholder literals (`__DB_PASSWORD__`, `CHANGE_ME`).
    /// - `app-frameworks.log` (written the same way: 17 of 710 lines changed, 12 fixed): Spring,
    ///   .NET, Node, Django/Celery/Rails/Laravel, Go/Rust/Elixir, brokers, e-mail and DKIM,
    ///   payments webhooks, LLM request logs, mobile push, CSP/SRI, Windows and macOS events,
    ///   security tools: namespaced cache keys (`og-image:...`, Django `:1:...`), SSH public keys
    ///   in osquery results, vendor session object ids, Windows `%%1843` codes. Left out: five
    ///   random strings under a bare `key` or `token` that no shape tells from a credential (an S3
    ///   object name, an UploadThing file key, a Rails ActiveStorage key, a rate-limiter key built
    ///   from a key prefix, PayPal's order id in `checkoutnow?token=`).
    /// - `infra-data.log` (written the same way: 21 of 1,171 lines changed, all but one fixed):
    ///   network devices, DNS/DHCP/LDAP, data platforms, ops tooling (Ansible and Salt no-log
    ///   markers, Puppet checksums and resource titles), certificates, monitoring and backups,
    ///   HPC, IoT (`!secret` references), package managers and builds, WireGuard and age public
    ///   keys. Left out: an ACME http-01 challenge token under `"token"` (public by design, but
    ///   nothing in its shape says so).
    /// - `network-cli.log` (written the same way against the network pack and the new command
    ///   rules: 27 of 559 lines changed, 22 fixed): network syslog and show output, firewall
    ///   vendors, Ansible task names, shell histories with several commands on a line, NATS
    ///   public keys. Left out: three Algorand addresses shaped like NATS seeds, a `$VAR` password
    ///   argument followed by a quoted description, and a prose line about `enable secret`.
    /// - `more-domains.log` (written the same way: 6 of 552 lines changed, all fixed): blockchain
    ///   nodes, SIP and media servers, CMS and e-commerce, ERP and healthcare, game servers,
    ///   serverless platforms, observability agents, browsers, JVM and Python, GitOps and VPN
    ///   clients: word-prefixed cache, batch and chunk ids under `key`, IPFS content ids.
    /// - `structured-mesh.log` (written the same way: 2 of 740 lines changed, both fixed): JSON
    ///   application logs of a dozen frameworks with secret-word field names holding metadata,
    ///   container and shipping records, service mesh and gateway access logs, OAuth/OIDC flows
    ///   without secrets, object and cache keys and SaaS object ids: an Envoy rate-limit window
    ///   key under `cache key:`.
    /// - `dev-tooling.log` (written the same way: 6 of 917 lines changed, all fixed): package
    ///   managers and builds, git and CI runners, supply-chain scanners (detect-secrets'
    ///   `hashed_secret`), host authentication, Terraform/Pulumi/Ansible/Helm/Argo output
    ///   (`resource "random_password" "x" {`, Flux's `"Secret/ns/x-credentials":"unchanged"`),
    ///   Kubernetes, certificates and KMS: ccache's `Manifest key:` / `Result key:` hashes.
    /// - `new-rules.log` (written the same way against the rules of 2026-12-01: 12 of 869 lines
    ///   matched, and echoes carried two of them into 60 more lines; all fixed but one): links with
    ///   route templates and ids, session cookie names without values, values shaped like chosen
    ///   passwords that are not, blank-separated compound keys, password flags in prose
    ///   (`--password requires an argument`), `${VAR:?message}`, Compose `file:` secrets,
    ///   `SESSION_COOKIE=laravel_session`, a request line after `/reset-password`. Left out: a
    ///   Sealed Secrets name with a `+` (`secret=web/session-config+v4`), shaped like a token.
    /// - `platforms.log` (written the same way: 2 of 799 lines changed, both fixed): Android
    ///   logcat and iOS/Xcode, ML and data engineering, search clusters, WAF and edge logs,
    ///   fintech back-offices (masked PANs, payment-method ids), PowerShell and Windows events,
    ///   developer laptops: a form-encoded gpg-agent prompt after `secret key:`, WAF `LockToken`.
    /// - `config-daemons.log` (written the same way against the configuration-file rules of
    ///   2026-12-01: 22 of 905 lines changed, all fixed): HAProxy, Squid, Kafka, ZooKeeper,
    ///   Asterisk, Postfix, Nagios/Icinga, NUT, NetworkManager, proxy header directives and
    ///   WildFly with references instead of secrets, salts and hash settings, `&` in query
    ///   strings, braced templates and CLSIDs, `define()` with `getenv()`: Icinga macros and
    ///   constant names, CloudFormation `!Ref`, `exec:` programs, `%[env(...)]`, `Password={Password}`.
    /// - `everyday-apps.log` and `everyday-infra.log` (written the same way, but aimed at no rule: a
    ///   sample of ordinary modern logs to estimate how often a clean line is touched): Node,
    ///   Django/FastAPI, Spring, Go, Rails, edge access logs, database servers and CI/CD; Linux
    ///   hosts, Kubernetes components, cloud provider logs, observability, messaging, identity
    ///   systems, storage and backup, security tools. 0 of 967 and 0 of 892 lines changed.
    /// - `code-in-logs.log` (written against the source-code rules of 2026-12-01: 8 of 901 lines
    ///   changed, 6 fixed): compiler, linter and test-runner output quoting code, Terraform
    ///   plans, GitHub CLI, R sessions: R calls and `str()` types, Rust `SecretString`, Terraform
    ///   `Read complete`. Left out: `password=PASSWORD_FIXTURE` (a constant, indistinguishable from
    ///   an upper-case password) and `password: string = "changeme"` (masked on purpose).
    /// - `tables-i18n.log` (written against the table, parenthesis and other-language rules of
    ///   2026-12-01: 24 of 516 lines changed, all fixed; the other-language password words were
    ///   taken back): tables of key listings and token metadata, aligned key/value dumps and help
    ///   texts, calls and annotations in parentheses, the passwd program's own messages in four
    ///   languages, `sessionid=` without a session, PagerDuty URLs without a key.
    /// - `identity-platform.log` (written the same way, 2026-12-01, by a helper that saw no rule:
    ///   6 of 948 lines changed, 4 fixed): application frameworks, OIDC and MFA flows, CI/CD,
    ///   databases and queues, identifiers, Kubernetes, security tooling, Vault and cloud audit
    ///   lines: `client_secret_id` / `totp_secret_id` (ids of secrets), a logger named
    ///   `auth.password:` before logfmt pairs. Left out: `secret_id=<uuid>` (Vault AppRole's
    ///   credential has that very shape) and an AWS access key id in a GuardDuty finding (masked on
    ///   purpose, as detectors treat key ids).
    /// - `code-review.log` (written against the code-call rules of 2026-12-01 by a helper that
    ///   saw no rule: 11 of 759 lines changed, all fixed): build, lint, test, SAST and review-bot
    ///   output quoting code that takes credentials from variables; shell traces and command
    ///   audits: Laravel validation strings, message keys naming the password, method calls on
    ///   dotted paths, member expressions, constants named for the password, a sentence after a
    ///   rule name, `Basic [redacted]`.
    /// - `cli-prose-quoted.log` (written against this session's command, URL, prose and quoted-value
    ///   shapes by a helper that saw no rule: 13 of 853 lines changed, then 36 of 98 follow-up
    ///   variants, all fixed): `-u X -p Y` that are not passwords (ports, POST files, prompts),
    ///   skopeo `--creds` usage texts and `env:NAME`, long URL user names, a Go DSN after
    ///   `mysql://`, PAM `(service:session)`, Vault's `userpass:` auth method, cosign `--key`
    ///   before an image digest, `idempotence_key`. Left out: three lines with AWS's documentation
    ///   key id `AKIAIOSFODNN7EXAMPLE` (masked by policy: the key id format is a credential's).
    /// - `keys-wallets-rails.log` (written against the key-material and vendor-phrase rules of
    ///   2026-12-01 by a helper that saw no rule: 26 of 845 lines changed, 18 fixed): public JWKS,
    ///   certificates and truststores, blockchain hashes, random seeds, vendor client banners,
    ///   Rails filtered parameters (a rule stopped before the `]` of `[FILTERED]` and the echo
    ///   memory spread `[FILTERED` to 15 later lines: a placeholder is never an echo now), PAM,
    ///   `requirepass ->`. Left out, masked on purpose: three bcrypt `password_digest` values, a
    ///   Twilio account SID beside `twilio`, `::add-mask::` honoured wherever it stands, and three
    ///   JSON record values under sensitive keys (`*credentials`, `*session_id`), masked whole.
    /// - `control-apps.log` and `control-platforms.log` (control rounds of 2026-12-01, aimed at no
    ///   rule, by helpers that saw no rule): Node, FastAPI/Celery, Spring Boot, Go, nginx,
    ///   PostgreSQL, Kubernetes, a host journal, GitHub Actions, Keycloak (0 of 1,191 changed);
    ///   Envoy/Istio, Consul/Nomad, Elasticsearch, Kafka, Airflow, MongoDB, Windows events, logcat,
    ///   CloudTrail, Rust tracing (97 of 1,136 changed, every one the access key id under
    ///   CloudTrail's `userIdentity`, now allowlisted there: audit metadata, not a secret).
    /// - `identifiers-code.log` (written against the human-password shape, Python string prefixes
    ///   and Discord rules of 2026-12-01 by a helper that saw no rule: 13 of 961 changed, 2 fixed):
    ///   identifiers with `#`/`@` and a word plus digits, handles, package and git refs, Python
    ///   code, MFA settings, Discord bot logs. Left out: values under a bare `secret`, `api_key`,
    ///   `token` in JSON records (masked whole by the record layer, then echoed), `secret_id=` and
    ///   `client_auth=` with a capitalised word, `#` and digits (a chosen password's shape).
    /// - `modern-stack.log` (a control round of 2026-12-01 shaped like the held-out trap
    ///   set, by a helper that saw no rule: 8 of 1,171 lines changed, 4 genuine, all fixed): edge
    ///   proxies, Spring/Quarkus, Node and Go structured logs, OpenTelemetry and Grafana stacks,
    ///   CI/CD runners, Terraform/Ansible, database servers, OIDC/SAML flows, payments, object
    ///   stores and caches, password-policy messages and placeholders: `::add-mask::$VAR` in a
    ///   step's script (a reference), a URL-encoded cache key (`cart%3Auser%3A42`), Stripe's
    ///   `session_id=cs_test_...`. Left out, masked on purpose: AWS's documentation key id as a
    ///   Terraform resource id, and three live session ids (Auth0 `session_id`, Okta
    ///   `externalSessionId`) the helper wrote in full.
    /// - `multi-line-configs.log` (written against this stop's value blocks by a helper that saw no
    ///   rule: 23 of 1,060 lines changed, 16 of them in lines added after probing; all fixed):
    ///   Kubernetes and ECS env lists with `valueFrom` and references
    ///   (`gcp:secretmanager:...`), YAML keys followed by nested maps, prose or comments in block
    ///   scalars, Terraform variables and references (`var.db_password`,
    ///   `random_password.db.result`), CLI prompts, continued shell commands with
    ///   `$(gcloud auth print-access-token)`, PHP/Python dumps (`[password] => Array`,
    ///   `SensitiveParameterValue`, `"smtp_password":protected`), Grafana `$__env{}`, Symfony
    ///   `%env()%`, Maven `@DB_PASSWORD@`, keytool `-storepass:env`, Vault `@file` and secret paths.
    /// - `encoded-references.log` (written against this stop's decoders and value rules by a helper
    ///   that saw no rule: 16 of 1,022 lines changed, 7 fixed): base64 JSON and URLs without a
    ///   credential, `\u`/`\x` escapes in ordinary text, `x=y` inside values, `sk-` look-alikes,
    ///   SQL INSERTs into `token` columns of lexers and tokenizers, Kubernetes env lists, next-line
    ///   labels, continued commands (`redis-cli -u redis://host`). Left out, masked on purpose:
    ///   cookie headers (masked whole), bcrypt/argon2 hashes in a password column, and the i18n
    ///   label of a bare `password` key (`"password": "Contraseña"`, a password's shape).
    /// - `control-services.log` (a control round of 2026-12-01 aimed at no rule: Kafka, RabbitMQ,
    ///   NATS, Redis, Cassandra, ClickHouse, Vault/Consul/Boundary, AWS, GCP/Azure, identity,
    ///   CI/CD, web frameworks, observability agents, mobile/desktop, payments and SaaS webhooks;
    ///   21 of 1,445 changed, 8 fixed: sudo's `PWD=/root`, Twilio account SIDs in API paths,
    ///   webhook parameters and error texts). Left out, masked on purpose by the record layer:
    ///   session ids under `session_id`/`*SessionId` keys (Boundary, Okta) and an error message
    ///   under a `*credentials` key.
    /// - `control-systems.log` (a second control round of 2026-12-01: systemd and the kernel,
    ///   Postfix/Dovecot/Exim, DNS and DHCP, container runtimes, Kubernetes controllers, config
    ///   management, data pipelines, ML serving, security tools, game and media servers, IoT,
    ///   enterprise apps; 8 of 1,303 changed, all one shape and fixed: Exim's
    ///   `[ip]:port I=[ip]:25` taken for a Postfix `[host]:port user:password` line).
    /// - `control-runtimes.log` (a third control round of 2026-12-01: Java application servers,
    ///   .NET and IIS, Python and Ruby/PHP services, CDNs and load balancers, database statement
    ///   logs, messaging, LDAP/RADIUS/Kerberos/OAuth servers: 0 of 855 changed).
    /// - `control-tooling.log` (a fourth control round of 2026-12-01: structured-logging libraries,
    ///   proxies and meshes, serverless and PaaS platforms, build and dependency tools, CI runners,
    ///   infrastructure-as-code output, frontend and mobile backends, observability pipelines: 5
    ///   of 1,257 changed, all fixed: an S3 key `tmp/<uuid>` and a Secret named
    ///   `<namespace>/<uuid>`, `echo "PWD=$PWD HOME=$HOME"`, `passwords="bcrypt hashes, not shown"`).
    /// - `control-domains.log` (a fifth control round of 2026-12-01: fintech, e-commerce,
    ///   healthcare, adtech, telecom, games and media, ML serving, SaaS back offices: 8 of 1,249
    ///   changed). Left out, masked on purpose: five video-playback records whose `session_id`
    ///   the record layer masks (OWASP's logging guidance counts session ids among the values a
    ///   log must not hold), two later lines that repeat one of those ids (echoes), and a
    ///   `Set-Cookie` header.
    /// - `control-i18n.log` (a sixth control round of 2026-12-01: German, French, Spanish and
    ///   Portuguese, Cyrillic, Chinese, Japanese and Korean, Turkish/Polish/Dutch/Swedish/Italian/
    ///   Czech, mixed-script and escaped Unicode: 16 of 1,180 changed, 13 fixed: numbers and words
    ///   after a localized password word, a message in words after `Password:`, `Bearer
    ///   [ENTFERNT]`, Symfony's `%kernel.secret%`, a language cookie's `fr_FR` echoed into cache
    ///   keys). Left out, masked on purpose: a `Set-Cookie` header and the i18n label of a bare
    ///   `password` key (`password: "Senha"`, a password's shape).
    /// - `control-incidents.log` (a seventh control round of 2026-12-01: stack traces, HTTP debug
    ///   output, auth flows, migrations, queues and retries, Kubernetes incidents, security tools,
    ///   backups and batch jobs: 6 of 1,185 changed, all fixed: `identified by` in prose,
    ///   `form["password"]`, `csrftoken=<hidden>`).
    /// - `control-public-keys.log` (an eighth control round of 2026-12-01: e-mail signatures, SSH,
    ///   TLS and PKI, code signing and supply chain, blockchain public data, VPN public keys, auth
    ///   protocols' public parts, hashes: 7 of 1,299 changed, 2 fixed: secp256k1 public points and
    ///   Tailscale's typed public keys). Left out: an Ethereum deposit's `withdrawal_credentials`
    ///   (the record layer masks `*credentials` keys whole), two Cosmos public keys under a bare
    ///   `key` (a 32-byte base64 value there is as likely an AES key), a botocore dump of an
    ///   `Authorization: AWS4-HMAC-SHA256` header (masked whole: a signed request replays for
    ///   minutes), and AWS's documentation key id `AKIAIOSFODNN7EXAMPLE`.
    /// - `control-commerce-mobile.log` (a ninth control round of 2026-12-01: observability,
    ///   payments and e-commerce, data pipelines, mobile backends, auth flows' metadata,
    ///   containers, databases, CI/CD, security tools, i18n: 26 of 2,500 changed, 21 fixed: APNs
    ///   device tokens, `cart:<hex>` cart keys, Kubernetes' `secret "db-password" not found`,
    ///   Flux's `"Secret/ns/db-password":"unchanged"`, a setup-go cache key with a version
    ///   segment). Left out, masked on purpose by the record layer: Okta's `externalSessionId`
    ///   (a session id, see `control-apps.log`).
    /// - `control-cloud-storage.log` (a tenth control round of 2026-12-01: cloud audit logs, proxies,
    ///   Java/Spring, Node/Python/Go services, storage and caches, mail and chat events, OS logs,
    ///   VCS and package managers, IoT/telecom/finance, games and media: 74 of 2,500 changed, 27
    ///   fixed: access key ids in CloudTrail's AssumeRole responses, `ratelimit:api_key:<sha256>`
    ///   Redis keys, ffmpeg's `second pass: moving the moov atom`). Left out, masked on purpose:
    ///   AWS access key ids outside CloudTrail records (`accessKeyId=AKIA...` in a GuardDuty line,
    ///   `old_key_id=AKIA...`, `Access key AKIA... was last rotated`: every public detector takes
    ///   the id for half of the key pair), Azure sign-in logs' `sessionId`, MinIO's
    ///   `Authorization: AWS4-HMAC-SHA256 ...` headers (masked whole), and Mailgun's stored-message
    ///   `"key"` (a random 64-byte value under a bare `key`) with its echo in the storage URL.
    ///   (Azure's UUID `sessionId` has been kept since the 2026-12-02 round below.)
    /// - `control-observability-auth.log` (an eleventh control round of 2026-12-02: tracing and
    ///   metrics agents, CI/CD with digests and cache keys, databases and queues, identity servers'
    ///   token metadata, payment and LLM-gateway logs: 11 of 2,500 changed, all fixed: hashed
    ///   keys in LLM spend logs (`"api_key": "hashed:<sha256>"`), Entra ID sign-ins' UUID
    ///   `sessionId`, Microsoft's "Invalid username or password or ..." text).
    /// - `control-edge-mobile-infra.log` (a twelfth control round of 2026-12-02: proxies and CDNs,
    ///   mobile and browser logs, infrastructure tooling, security scanners, web frameworks: 40 of
    ///   2,617 changed, all fixed: StoreKit's `appAccountToken=<uuid>`, helm-diff's `-------- # (24
    ///   bytes)`, `${CI_REGISTRY_PASSWORD:+[MASKED]}`, a semgrep `hardcoded-password` rule id,
    ///   external-secrets' `"credentials":"irsa"`, and 32 copies of a Sentry event whose scrubbing
    ///   rule reads `"@password:filter"`: `filter` is valid base64 and its decoding, `~)mz`, was
    ///   scanned after the key as the password; the base64 finder now skips one-case words).
    /// - `control-shell-windows-cloud.log` (a thirteenth control round of 2026-12-02: shell and
    ///   admin transcripts, developer tooling, Windows and Active Directory events, network and VPN
    ///   gear, cloud audit and service logs: 71 of 2,630 changed, 52 fixed: AWS key ids in
    ///   Kubernetes audit events, aws-iam-authenticator lines, `aws iam list-access-keys` output and
    ///   key-management commands; `put secret for ARN arn:...`; bandit's `Possible hardcoded
    ///   password: 'Bearer'`; PowerShell's `Password : System.Security.SecureString`; git's
    ///   `user.signingkey`; `sk_test_xxxx...`). Left out, masked on purpose: AWS key ids under
    ///   `access_key_id` in application logs (the same name as in a credentials file).
    /// - `control-near-misses.log` (a fourteenth round of 2026-12-02, aimed at this stop's new
    ///   rules: Markdown settings, Hadoop properties, code that passes variables, admin transcripts,
    ///   public JWKs and web3 ids: 34 of 2,326 changed, 32 fixed: secret names and lookups in
    ///   backticks, "Renamed `X` to `Y`", Hadoop option words, Ruby `@password`, `mongo_pass`
    ///   arguments, `configService.get<string>(...)`, preference cookies after `curl -b`, an ERC-20
    ///   contract address under `"token"`). Left out: a Spark `secretKeyRef.DB_PASSWORD` property
    ///   whose value names a Secret (`db-secret:password`) and psql's `:'newpw'` interpolation.
    /// - `control-protocols-platforms.log` (a fifteenth control round of 2026-12-02: healthcare and
    ///   finance protocols, telecom and real-time, data and ML platforms, games and media, OS and
    ///   embedded: 39 of 2,500 changed, 14 fixed: LwM2M's `psk=<hidden>]`, Sysmon's
    ///   `DB_PASSWORD=%DB_PASSWORD%`, which the percent decoder read as the byte 0xDB). Left out:
    ///   SIP `Authorization: Digest ...` headers (masked whole, as every Authorization header: the
    ///   response is an offline-crackable hash) and CoAP `Token=<16 hex>` message tokens (16 hex
    ///   digits under a token name are also Flickr's and other APIs' secrets).
    /// - `control-app-stacks.log` (a sixteenth control round of 2026-12-02: Node.js, Python and
    ///   JVM/Go/Rust service logs and the infrastructure around them: 10 of 2,000 changed, 1 fixed:
    ///   `weak_password=10`, a count). Left out: a `"key"=<43 base64url>` field in a cert-manager
    ///   line (a bare `key` with a key-sized base64 value, masked on purpose) and a Redis rate-limit
    ///   key `rl:apikey:key_<hex>`, whose last segment is read as the value of `apikey`.
    /// - `control-data-stores.log` (a seventeenth control round of 2026-12-02, aimed at data-store
    ///   records: 108 of 3,076 changed, all fixed: ULIDs, KSUIDs, cuids and nanoids under a bare
    ///   `key=` beside a Kafka topic/partition/offset, a cache hit/miss/TTL or an S3 bucket and
    ///   object call, with their echoes in later lines; Shopify `cart_token` / `checkout_token`,
    ///   reCAPTCHA `site_key` and CloudWatch Logs' `nextForwardToken`).
    /// - `control-identity-security.log` (an eighteenth control round of 2026-12-02: identity
    ///   providers, Vault and CloudTrail audit, SSO, PAM, TLS, WAF/IDS and secret-scanner output:
    ///   201 of 2,620 changed, 14 fixed: AWS key ids in STS output whose secret key shows as
    ///   `HIDDEN_DUE_TO_SECURITY_REASONS` and in a scanner finding's `Redacted` field, an
    ///   external-secrets `remoteRef` key). Left out (masked on purpose): session ids under
    ///   `session_id` / `externalSessionId` in Okta and Auth0 records (a session id is a bearer
    ///   credential; OWASP's logging guide keeps it out of logs) and Duo `integration_key=DI...`
    ///   (a value under a `*_key` name, read as the generic layer reads every such key).
    /// - `control-multiline-configs.log` (a nineteenth control round of 2026-12-02, aimed at the
    ///   multi-line rules: 435 clean texts of configuration files, source code, DDL, CLI output
    ///   and Markdown run one by one, 39 changed, 9 texts fixed: `*SENSITIVE*DATA*DELETED*` in a
    ///   Windows answer file, `vault kv get -field=username` and `op read .../username` output,
    ///   `input_value='PLACEHOLDER'`, `csrf_token = (` then its cookie name, a Secret object's name
    ///   under `secret: >-`, Compose's `$${REDIS_PASSWORD}`, ASP.NET's
    ///   `validationKey="AutoGenerate,IsolateApps"`, `secret_id: SECRET_ID).secret_string`). The
    ///   418 unchanged texts, joined by blank lines, are one stream here. Left out (masked on
    ///   purpose): literal default passwords (`DB_PASSWORD="changeme"`, `POSTGRES_PASSWORD=postgres`,
    ///   `MINIO_ROOT_PASSWORD=minioadmin`), psql's `PASSWORD :'app_password'` (a variable, read as a
    ///   quoted value) and `ghp_xxxx...` placeholders (public rule sets list such examples as
    ///   positives; a vendor-prefixed value is masked whatever its body).
    /// - `control-near-new-rules.log` (a twentieth control round of 2026-12-02, clean lines close to
    ///   the rules of that day: 137 of 2,896 changed, fixed: a data-key word between a service name
    ///   and `key` (`stripe idempotency key <id>`), short hex, UUIDs and ULIDs as an SDK
    ///   constructor's argument, page/CSRF tokens and translated labels in table cells, masked
    ///   values (`sk_live_••••1279`), Proxmox token ids (`root@pam!monitoring`), `TODO` /
    ///   `your-password-here` in XML, `${PASS:-x}</password>` (the value no longer runs into the
    ///   closing tag), credential ids after `using credential`, base64 JSON under `"auth"`).
    ///   Left out (masked on purpose): random 20-40 byte strings as an SDK constructor's argument
    ///   or after `using credential`, `| Token | <hex32> |` cells, literal weak passwords in XML
    ///   (`admin`, `example123`), AWS and Twilio key ids and SIDs, base64 `user:name` pairs under
    ///   `auth` or `*_b64` keys. Since probe round 79 a UUID given to a class named for a
    ///   vendor's client (`new AcmeClient("<uuid>")`, `AcmeApi('<uuid>')`) is masked: many vendors
    ///   issue UUID keys and a client is built with its key; `MatomoClient("<uuid>")` was taken out.
    /// - `control-varied-domains.log` (a twenty-first control round of 2026-12-02: data
    ///   engineering, ML, games, IoT and telecom, payments, healthcare, CDN, mobile, blockchain,
    ///   e-mail and backup logs: 21 of 2,000 changed, all fixed: `sample_key`, `experiment_key`,
    ///   `run_key`, `batch_key` and `hash_slot_key` ids, Ethereum `withdrawal_credentials`).
    /// - `control-modern-apps.log` (a twenty-second control round of 2026-12-02: runtimes' loggers,
    ///   auth events, Kubernetes and cloud, data stores and CI, tracing and webhooks, masked config
    ///   dumps: 10 of 4,025 changed, all fixed: an OpenFeature `targeting_key=<uuid>`, Sealed
    ///   Secrets ciphertext under `password:`; and, seen while it was written, a `NAME=` line after
    ///   a `Password:` prompt).
    /// - `control-dev-tooling.log` (a twenty-third control round of 2026-12-02: CI jobs, shell
    ///   traces, Docker and package managers, Terraform, Ansible, Helm, kubectl, Vault and cloud
    ///   CLIs, git/SSH/GPG, certificates, scanners and test runners: 11 of 4,005 changed, all
    ///   fixed: Ansible's `NOT_LOGGING_PASSWORD`, a Secret's size in `kubectl describe secret`
    ///   (`password:  1400 bytes`: the digits were decoded as base64), Jest's `PASS <test file>`).
    /// - `control-key-token-words.log` (a twenty-fourth control round of 2026-12-02: LLM token
    ///   counts, data keys, token metadata, auth events without values, business codes, in JSON,
    ///   logfmt and language dumps: 23 of 4,002 changed, all one shape, fixed: a pagination
    ///   cursor after `continuation token for query <id>:`).
    /// - `control-cli-sessions.log` (a twenty-fifth control round of 2026-12-02, aimed at the
    ///   value-block rules: 390 clean terminal sessions of secret-store, cloud, cluster, SSH, GPG,
    ///   TLS and database CLIs that show metadata, masked values and ciphertext; 13 changed, none
    ///   fixed: AWS access key ids and full bcrypt hashes are masked on purpose, and those two
    ///   families are left out. The 377 other texts, joined by blank lines, are one stream here).
    /// - `control-frameworks-jobs.log` (a twenty-sixth control round of 2026-12-02: web framework
    ///   request logs, SQL binds, GraphQL and gRPC, job queues, payments and e-mail, storage, auth
    ///   servers, telemetry: 26 of 4,000 changed; fixed: Apollo GraphQL's `PersistedQueryNotFound`
    ///   after `apollo` (no digit: no Apollo.io key). Left out (masked on purpose): Okta System Log
    ///   `externalSessionId` values, read as session ids under a sensitive key).
    /// - `control-chain-ml-edge.log` (a twenty-seventh control round of 2026-12-02: blockchain
    ///   nodes, ML platforms, CDN/WAF access logs, IoT/MQTT, regulated apps, game servers, identity
    ///   servers' token metadata, developer tooling: 42 of 4,000 changed, all fixed: a Cosmos
    ///   `PubKey`'s `"key"`, and an API key's own id before a lifecycle word, `API key ak_... deleted`).
    /// - `control-ops-commerce.log` (a twenty-eighth control round of 2026-12-02: Kubernetes
    ///   operators, serverless, database servers, mail and VoIP, Windows, security agents,
    ///   e-commerce, frontend telemetry: 21 of 4,000 changed, all fixed: external-secrets'
    ///   `"secretKey":"DB_PASSWORD"` (an entry's name), Stripe's `checkout_session=cs_live_...`).
    /// - `control-near-new-shapes.log` (a twenty-ninth round of 2026-12-02, aimed at the shapes
    ///   added that day: comment labels before non-secret lines, SDK calls with references,
    ///   errors naming keys, lifecycle lines, manifests, CLI tables, hashes beside secret words,
    ///   placeholders: 85 of 4,000 changed; fixed: an environment lookup after `apiKey =` (and its
    ///   echoes), a Secret's username printed by `kubectl ... {.data.username}`, apt's
    ///   `signed_by_key=<key id>`, a bare `# token` before a request id. Left out (masked on
    ///   purpose, 19 lines): vendor prefixes filled with `x` (`sk_live_xxxx...`), which detector
    ///   fixtures list as that vendor's key).
    /// - `control-regulated-domains.log` (a thirtieth round of 2026-12-02: telecom, fleet
    ///   telematics, media streaming, LMS and payroll, healthcare, logistics, government and
    ///   fintech back offices, developer platform internals: 44 of 4,000 changed, all fixed: ULIDs
    ///   under `*_session`, CDN `surrogate_key`s, NetFlow `flow_key`s, record-linkage `match_key`s).
    /// - `control-language-dumps.log` (the control lines of a probe of object dumps in twenty
    ///   languages: `None`, `nil`, `NA`, `Nothing`, masked values and references where secrets
    ///   would be; 199 of 204 kept: fixed R's `NA` and Haskell's `Nothing`; left out: a password
    ///   given as `'len=32'` and `'DB_PASSWORD'` (an upper-case name, which detector fixtures use
    ///   as the secret itself) with the lines that echo it).
    /// - `control-ids-near-key-words.log` (a thirty-first round of 2026-12-02, aimed at hex and
    ///   other ids of every length beside key, token, secret and session words: 285 of 4,000
    ///   changed at first; fixed: `key=cas/<sha256>` and storage, build-cache, quota, bucketing and
    ///   window keys (and a strict-shape change tried that day, which masked cache keys of 26-50
    ///   hex digits under `key=`, was withdrawn). Left out, 54 lines masked on purpose: session
    ///   ids and a token under sensitive keys of JSON records, Vault's `secret_id`).
    /// - `control-ci-logs.log` and `control-infra-audit.log` (the control lines of the CI/CD and
    ///   infrastructure-automation probes of 2026-12-02: masked values, `${{ secrets.X }}`, Travis'
    ///   `[secure]`, `(sensitive value)`, Ansible's no-log marker, ARNs and digests; fixed: Travis'
    ///   `[secure]`, Azure Pipelines' `issecret=true]$(X)`).
    /// - `control-everyday-stacks.log` (a thirty-second round of 2026-12-02, aimed at no rule: 6,000
    ///   lines of twelve stacks as an SRE sees them; 16 changed (0.27%), all fixed: ActiveStorage's
    ///   `Generated URL for file at key: <blob key>`, a GitLab runner's `201 Created token=<prefix>`).
    /// - `control-near-newest-rules.log` (a thirty-third round, aimed at the shapes added that day:
    ///   86 of 4,011 changed; fixed: cli-printed-secret waiting past errors and prompts and opening
    ///   on `$(...)` substitutions and usage texts, JSON objects named for caches and key ids,
    ///   request ids and base64 URLs after a comment label, `key_<ULID>` key ids. Left out, masked
    ///   on purpose: `ghp_xxxx...` placeholders, hex under `*_hex` keys, a base58 value under a bare
    ///   `key=`, a hex `Authorization: Basic realm=...`).
    /// - `control-everyday-sources.log` (a thirty-fourth round, aimed at no rule: 6,000 lines of
    ///   mobile, frontend, games, commerce, payments, mail, observability, identity, pipelines,
    ///   storage, security tools and Linux; 47 changed (0.78%): fixed WooCommerce's
    ///   `?key=wc_order_...`; left out, masked on purpose as before: session ids under Okta's
    ///   `externalSessionId` and Auth0's `session_id`, 36 lines).
    /// - `control-everyday-runtimes.log` (a thirty-fifth round, aimed at no rule: 4,800 lines of
    ///   PHP, Elixir, Rust, Scala, Windows, macOS, network devices, gateways, search, ML serving,
    ///   CMSes and HashiCorp tools: 0 changed).
    /// - `control-everyday-services.log` (a thirty-sixth round, aimed at no rule: 4,800 lines of
    ///   Python and Node web apps, Spring Security and Keycloak, OIDC gateways, caches, job queues,
    ///   access logs, Docker, systemd, mobile backends, billing, feature flags: 0 changed).
    /// - `control-secret-tooling-stacks.log` (a thirty-seventh round, aimed at no rule: 4,800 lines
    ///   of secret managers and auth servers that talk about secrets without holding them, Rust,
    ///   Elixir, .NET, Kotlin, data pipelines, package hashes, object stores, databases,
    ///   observability and scanner findings; 15 changed (0.31%), all fixed: generic-auth-assignment
    ///   took namespaced Redis keys, `"oauth:state:<nonce>"` and `auth:session:<hash>`, for
    ///   credentials).
    /// - `control-public-near-keys.log` (a thirty-eighth round, aimed at public material next to
    ///   key words: LLM apps, blockchain nodes, mail (DKIM), DNSSEC, TLS/PKI, SSH, WireGuard and
    ///   Tailscale public keys, mobile crash ids, media, git, brokers (NATS public NKEYS), Sigstore;
    ///   39 of 4,800 changed (0.81%): fixed ACME challenge tokens (25 lines); left out, masked on
    ///   purpose: `List-Unsubscribe: <...?token=...>`, a per-recipient capability URL (14 lines)).
    /// - `control-url-heavy-traffic.log` (a thirty-ninth round, URL-heavy: ten access-log formats
    ///   and twelve application wrappers around query strings with empty values, public client ids,
    ///   OAuth state, publishable and site keys, percent-encoded placeholders, Java map dumps,
    ///   presigned-URL metadata, cursors, Sentry envelopes; 128 of 4,800 changed (2.67%): fixed
    ///   but for 40 lines that log a Sentry DSN, left out: the DSN rule masks the DSN's key, on
    ///   purpose, and its echo would then mask the envelopes' `sentry_key=`).
    /// - `control-db-sdk-infra.log` (a fortieth round: database and broker clients and servers,
    ///   cloud SDK debug, Kubernetes, Terraform, Vault, SSH and TLS tooling, application auth
    ///   events, all without a secret; 3 of 4,800 changed (0.06%), fixed: an HTTP status after
    ///   `password ->` in a request log, `GET /actuator/env/spring.datasource.password -> 200`).
    /// - `control-near-url-rules.log` (a forty-first round, aimed at the link, webhook, Redis,
    ///   cloud-init, Terraform, JWKS and CometBFT shapes added the same day: 23 access-log and 8
    ///   client formats around REST paths with invite, download, webhook and callback words;
    ///   186 of 4,800 changed (3.9%), fixed: an invite's REST id (`/api/v1/invites/<id>`,
    ///   `/invites/<id>/resend`), a digest under its algorithm (`/download/sha256/<hex>`), cloud-init's
    ///   `Not expiring passwords: chpasswd.expire is False`; left out: 2 `Set-Cookie: locale=...`
    ///   lines, whose values the cookie rule masks whole on purpose).
    /// - `control-everyday-ordinary-day.log` (a forty-second round, aimed at no rule: an ordinary
    ///   day of 363 kinds of line from web services, workers, databases, proxies, Kubernetes,
    ///   CI/CD, auth, payments, ML and observability, with the ids and placeholders such logs
    ///   carry; 0 of 4,800 changed).
    /// - `control-pipelines-identity-dumps.log` (a forty-third round: CI/CD systems, data and ML
    ///   platforms, serverless and edge runtimes, identity and secret tooling, runtime and config
    ///   dumps whose secret fields are masked or empty; 27 of 4,800 changed (0.56%), fixed: a
    ///   Secrets Manager secret's name with AWS's 6-character suffix after `secret`
    ///   (`secret prod/sessions-nVk1It version ...`), the Azure SDK's already masked
    ///   `Authorization:REDACTED` taking the next header as its credential, and a TOML inline
    ///   table taken for an ODBC braced password (`password = { env = "SMTP_PASSWORD" }`), whose
    ///   echo had then masked the same table in later lines).
    /// - `control-near-cookies-configs.log` (a forty-fourth round, aimed at the shapes next to
    ///   that day's fixes: cookie and header objects, Hadoop/Spark/Databricks configuration,
    ///   Kerberos and directory services, Spring failure reports for ordinary properties, config
    ///   references, secret-manager metadata; 48 of 4,800 changed (1.0%), fixed: Cookie headers
    ///   that hold only analytics ids, preferences and consent timestamps (a cookie list is masked
    ///   when one of its values is session-like, as for `curl -b`), a `Set-Cookie` of `_ga`, and a
    ///   Kubernetes Secret's key by name after a password key, `secretKeyRef.DB_PASSWORD=orders-db:password`).
    /// - `control-encoded-nested-ids.log` (a forty-fifth round: JSON in JSON, container records, base64
    ///   that is not secret (Kafka and etcd keys, cursors, trace context), escapes around harmless
    ///   values, identifiers that look random; 193 of 4,800 changed (4.0%), fixed: a Twilio
    ///   account SID in an event about a message (`account_sid=AC... message_sid=SM...`), base64 of
    ///   a JSON object or a path under `key`, a file under an `incoming/` prefix taken for a
    ///   webhook token, an ACME `http-01` challenge's token; left out: 12 Okta `externalSessionId`
    ///   values (a session's id under a session key, masked on purpose) and 3 UUIDs after
    ///   `/checkout/confirm/` (a confirmation link's token and an order id look the same)).
    /// - `control-i18n-catalogs-new-shapes.log` (a forty-sixth round, aimed at that day's new shapes:
    ///   localized logs, string catalogs and support chats that talk about passwords in sixteen
    ///   languages, nginx `\x22` bodies, Rails binds, Redis client logs, shell traces, cookies,
    ///   Twilio events, ACME logs; 160 of 4,800 changed (3.3%), fixed: a message in words under a
    ///   key named for the password (`"auth.errors.invalid_password" = "Senha incorreta.";`, an
    ///   Android `<string>`), a word of another script, copulas before a word that is no password
    ///   (`Wachtwoord is verplicht.`, `La contraseña está en 1Password`), a markup tag after a
    ///   localized label's value, preference and consent cookies in `Set-Cookie`, Twilio account
    ///   SIDs in events that name other resources; left out: 2 ticket CSV rows where `api-key`
    ///   stands before a tag list).
    /// - `control-ordinary-week.log` (a forty-seventh round, a control aimed at no rule: an ordinary
    ///   week of a SaaS company's logs, 379 kinds of line; 12 of 4,800 changed (0.25%), fixed: a
    ///   ULID alone is a record's id, `target=api_key:01KH9FD8...` in an audit line).
    /// - `control-other-industries.log` (a forty-eighth round, a control aimed at no rule: gaming,
    ///   fintech, healthcare, logistics, telecom, streaming, IoT, public sector and travel logs, 361
    ///   kinds of line; 26 of 4,800 changed (0.54%), fixed: OpenTravel's `EchoToken`, a message's id).
    /// - `control-devtooling-fortnight.log` (a forty-ninth round, a control aimed at no rule: a
    ///   fortnight of a platform team's build, container, git, CI, Terraform, Kubernetes, mesh and
    ///   registry logs, 412 kinds of line; 18 of 4,800 changed (0.38%), fixed: a rate limiter's
    ///   Redis key `ratelimit:apikey:<key id>:minute:<n>`; left out on purpose, 7 lines: vendor
    ///   formats filled with `x` in a `.env.example` (`AKIAXXXXXXXXXXXXXXXX`, public detectors'
    ///   own examples are written so, and masking one costs nothing) and a prose `password is
    ///   'changeme'`, a default password).
    /// - `control-framework-debug-clean.log` (a fiftieth round, aimed at the debug output of HTTP
    ///   clients, SDKs, database and broker clients, error dumps and agents on a day nothing
    ///   leaked, 373 kinds of line; 50 of 4,800 changed (1.0%), all fixed: botocore's
    ///   `'X-Amz-Security-Token': b'<redacted>'`, an AWS4 `Authorization` whose `Signature=` is
    ///   already masked, Set-Cookie of Mixpanel, consent and `NEXT_LOCALE` cookies, a Consul
    ///   service id `service=api-<uuid>` taken for a LaunchDarkly token).
    /// - `control-mobile-windows-iot.log` (a fifty-first round: Android logcat, iOS unified logs,
    ///   React Native, Windows events, PowerShell, IIS, .NET, IoT and embedded, desktop tools and
    ///   enterprise hosts on an ordinary day, 327 kinds of line; 29 of 4,800 changed (0.6%), all
    ///   fixed: React Navigation's route keys under `"key"`, Android attestation's `verifiedBootKey`).
    /// - `control-security-ai-platform.log` (a fifty-second round: a security team's and an AI
    ///   platform's logs on a clean day, scanners' redacted findings, WAF/IDS/SIEM, IAM audit, OAuth
    ///   metadata, LLM request logs, 426 kinds of line; 84 of 4,800 changed (1.75%), all fixed: an
    ///   echo of `'Bearer '` (a linter's finding) and of a ZAP rule title read after `PASS:`, so
    ///   words with blanks are no echoes and `PASS: ` is a test result; access key ids in IAM's
    ///   key life-cycle lines; `Bearer sk-...hQIB` shown truncated; Okta's `externalSessionId`).
    /// - `control-data-mail-web-payments.log` (a fifty-third round: data platforms, backup tools,
    ///   mail, VPN and network gear, PHP/CMS sites and payment gateways on a clean day, 371 kinds of
    ///   line; 35 of 4,800 changed (0.73%), all fixed: a WordPress application password's label
    ///   (`application password 'mobile-app'`), dbt's tally `PASS=1186 WARN=2 ...`, and the echoes
    ///   of both: a label then masked in every later line, and `1186` inside a pid, a hash and a
    ///   project number, so a number under 8 digits is no echo and an echo under 8 bytes counts
    ///   only as a whole token).
    /// - `control-voip-identity-messaging-cdn.log` (a fifty-fourth round: VoIP and telecom,
    ///   identity providers and LDAP, message brokers, search and observability, CDN, media and
    ///   game servers on a clean day, 400 kinds of line; 0 of 4,800 changed at first pass).
    /// - `control-long-tail-saas.log` (a fifty-fifth round: an application integrating about 280
    ///   long-tail SaaS and API vendors on a clean day: object ids with vendor prefixes, webhook
    ///   deliveries, key rotations by id or last 4, masked values, 459 kinds of line; 11 of 4,800
    ///   changed (0.23%), all fixed: `username __token__, password from $TWINE_PASSWORD`, the
    ///   word after a network device's `username X password` taken for the password).
    /// - `control-code-languages.log` (a fifty-sixth round: clean source code in about 35 languages,
    ///   IaC and CI files that read secrets from the environment or a secret store, names about
    ///   secrets with other values, test doubles, lockfile digests, 466 kinds of line; 114 of 4,800
    ///   changed (2.4%): code taken for a value after a password's or secret's name
    ///   (`System.fetch_env!(`, `Read-Host`, `Get-AzKeyVaultSecret`, `string.Empty`,
    ///   `raw ? raw : ""`, `Secret<String>`, a Kotlin type, `getOrThrow<string>(`, the next HTML
    ///   attribute), psql's `:'var'`, `%NUGET_TOKEN%`, test doubles (`"example"`, `"dummy"`,
    ///   `"fake"`, `"test-key"`): all fixed; 2 lines left out: `password = "changeme"` (a default
    ///   password stays masked) and a line the shuffle put after `aws ssm get-parameter
    ///   --with-decryption --output text`, whose next line is that command's secret).
    /// - `control-log-envelopes.log` (a fifty-seventh round: container, cloud-logging and shipper
    ///   records on a clean day, nested JSON, base64 payloads of ordinary events, 316 kinds of
    ///   line; 0 of 4,800 changed at first pass).
    /// - `control-frontend-telemetry.log` (a fifty-eighth round: browser, SPA router, React Native,
    ///   GraphQL and SSR telemetry: 47 of 4,800 changed at first pass, all `password-assignment`:
    ///   a screen's name after an arrow, `ForgotPassword -> ResetPassword`, a hash route,
    ///   `#/forgot-password -> #/dashboard`, a namespaced mark, `'password:validate'`, a cache key's
    ///   locale, `page:/reset-password:en-US`, and flags named for a password, `User.hasPassword=2325`,
    ///   `showPassword = !showPassword`; then their echoes inside `ResetPasswordRequest`; all fixed).
    /// - `control-vendor-ids.log` (a fifty-ninth round: a fortnight of logs of an application that
    ///   calls long-tail SaaS APIs, with request, event, asset and key ids, key labels and last4,
    ///   placeholders and token metadata next to vendor names; 0 of 4,800 changed at first pass).
    /// - `control-auth-failures.log` (a sixtieth round: 401/403, OAuth, JWT, mTLS, SSH, PAM,
    ///   database, broker, RBAC and CloudTrail denials and key lifecycle events that name keys by
    ///   their ids; 38 of 4,800 changed at first pass, all by the new
    ///   `generic-auth-failure-credential`: an `idempotency_key=<uuid>` after `http_status=401`
    ///   (the key word must now stand alone) and Stripe's `Bearer YOUR_SECRET_KEY` stand-in; fixed).
    /// - `control-near-session-shapes.log` (a sixty-first round: clean look-alikes of the shapes the
    ///   rounds before it added: change audits of ordinary settings, parse errors of ordinary input,
    ///   auth failures that name keys by id, strings shaped like DSNs without a password, basic-auth
    ///   calls with variables, brokerage ids; 37 of 4,800 changed at first pass, all
    ///   `mysql ... --password <database>`, where the MySQL clients prompt; fixed).
    /// - `control-probe-62.log` (a sixty-second round, smaller: clean look-alikes next to the
    ///   vendor prefixes and password shapes of probe round 62: token metadata, key ids, public
    ///   client keys, placeholders, password-policy and reset messages, connection strings without
    ///   a password, `-P` port flags; 364 lines kept of 386, the rest are documentation stand-ins
    ///   (`sk_live_xxxx...`, `user:password@`) and public-by-design keys (PostHog `phc_`, Datadog
    ///   `pub...` client tokens), which stay masked; at first pass MySQL's `IDENTIFIED BY RANDOM
    ///   PASSWORD` and `Authorization: Basic realm=...` changed; fixed); then 46 lines of ours
    ///   near this round's engine and generic changes: names qualified by an environment with
    ///   ordinary values, placeholders that start with a bracket, coloured clean lines (raw and
    ///   `\u001b[` in Docker records), Windows paths with `\e[` and `\x1b[` in them (0 changed).
    /// - `control-near-round-62.log` (a sixty-third round: 3,000 clean lines near round 62's
    ///   shapes, qualified names with ordinary values, bracketed placeholders after password keys,
    ///   colour codes around ids and metadata, credential commands without a credential, vendor
    ///   prefixes as words; 60 changed at first pass: impacket's `-k -no-pass <target>` and
    ///   `pg_isready --no-password <host>` read as password flags, and `api key rotated
    ///   sha256:<digest>` read as a new key; fixed).
    /// - `control-near-round-65.log` (a sixty-fifth round: 2,995 clean lines of modern application
    ///   and infrastructure logs: trace and request ids, digests, cache and object keys, KMS key
    ///   ids, token metadata, placeholders, command output that names a secret; 46 changed at
    ///   first pass: `terraform output -raw kms_key_id` and `..._fingerprint` read as a secret
    ///   printed, a certificate's serial after `base64 -d | openssl x509`, a KMS key id in an
    ///   access-denied message read as a failed credential, `using key tenants/761/cache/<hex>`;
    ///   fixed. Five lines `api key created: ak_... (key id only; ...)` were left out: with no
    ///   `id` before the value they read as a new key, and masking them is the safe side).
    /// - `control-near-round-67.log` (a sixty-seventh round: 1,500 clean lines next to this round's
    ///   changes: field lists after a password key (`password=required,minlength=14`), placeholders
    ///   before a field whose name has blanks (`Password=<password>;Persist Security Info=False`),
    ///   Go struct prints with an empty password, Laravel validation rules, PHP that makes a
    ///   random value, `setKey("<record id>")`, .NET appSettings keys that are public or name
    ///   something, cache keys that are a name and a digest, an assembly's `PublicKeyToken`;
    ///   148 changed at first pass; fixed).
    /// - `control-vendor-then-ids-68.log` (a sixty-eighth round: 3,000 clean lines where a line that
    ///   names a vendor (a call, a list, a chat message, a CI step) is followed by ids alone on
    ///   their lines: base62 request ids, Contentful/Spotify/YouTube/Drive/GitHub node ids, S3
    ///   version ids, Notion slugs, a JWT header, wrapped base64 of JSON and CSV, branch names,
    ///   image tags, model names as arguments. A rule that masked a token alone after a vendor's
    ///   line changed 304 of them and was dropped; `artifactory-reference-token` read base64 of
    ///   `refund...` as a reference token (`cmVmd`; now `cmVmdGtu`, base64 of `reftkn`)).
    /// - `control-near-round-71.log` (a seventy-first round: 2,493 clean lines next to that day's
    ///   new rules: digests, slugs and class names near vendor names, job codes and vault paths
    ///   under recovery-code names, man-page placeholders, CLI help text, hash-scheme and curve
    ///   names, compiler passes `pass_1:`, KMS key ids, terraform and pulumi outputs that name
    ///   something; 611 changed at first pass: fixed, or nine vendor rules written from memory
    ///   dropped. Seven lines with a token's shape were left out: content hashes given to
    ///   `setKey("...")` and `key=sand_<base64 digest>`).
    /// - `control-domains-72.log` (a seventy-second round: 4,000 clean lines from domains earlier
    ///   rounds covered less: mobile, game servers, IoT and LoRaWAN ids, FIX and SEPA, HL7, FHIR
    ///   and DICOM, SIP and CDRs, ML pipelines, search scroll ids, CDN request ids, DKIM and ARC
    ///   signature headers, web3 hashes and addresses; 0 changed at first pass).
    /// - `control-near-round-74.log` (a seventy-fourth round: 2,995 clean lines next to the rules of
    ///   round 73: CI workflow commands with non-secret values, Consul `encrypt` settings, German
    ///   and Italian sentences about passwords, pipes into passwd/htpasswd with variables, values
    ///   starting with `~`, PEM public material with `%0A` and `<br>`, Azure and obsutil lines
    ///   with placeholders; 23 changed at first pass, 18 fixed: an OpenSSL error code after
    ///   `Private Key`, `printf "$P\n$P\n" | passwd`, `pass: ~779 tests`, gcloud `--out-file`.
    ///   Five JSON lines with `"private_key": "stored in kms"` were left out: the record layer
    ///   masks any value under that key, words included).
    /// - `control-near-round-75.log` (a seventy-fifth round: 3,000 clean lines next to round 73's
    ///   vendor rules and the 90 names it added to the service-name rule: object ids after a
    ///   vendor's name, threat-intel hashes, Syncthing device ids, SCT log ids, OCR results;
    ///   91 changed at first pass, all fixed: a UUID a sentence goes on about after a bare
    ///   service name (`lidarr <uuid> metadata refresh queued`), headscale's public disco keys
    ///   (name dropped), `K` + a timestamp near OCR.space, `<base64>==:<hex>` md5 pairs, and
    ///   `whsec_XXXXXXXX...` placeholders).
    /// - `control-near-round-77.log` (a seventy-seventh round: 2,993 clean lines of program text
    ///   spread over lines and modern app logs: calls with one argument per line, shell commands
    ///   continued with ` \`, SQL `INSERT` with `VALUES` on the next line, vendor-named INI
    ///   sections with settings, trace ids, digests, token metadata; 60 changed at first pass, 53
    ///   fixed: keyword arguments and struct fields holding a variable (`    password=db_password,`,
    ///   `apiKey: process.env.X!,`, see `CodeArgumentValue`), Python's `pw: str`, typed references
    ///   `"resource":"secret:<uuid>"`, `lease token=<uuid>`. Seven lines were left out: an
    ///   `upload_token=<uuid>`, AWS's published example key id, a Twilio account SID, and a
    ///   secret's name on the line after `DEFAULT_SECRET = (` with its two echoes).
    /// - `control-near-round-78.log` (a seventy-eighth round: 3,109 clean lines next to the rules
    ///   of this round: vendor-named INI sections and YAML parents with ids, hosts, SHAs and flags
    ///   under short keys; login commands continued over lines with variables, ports and
    ///   `--password-stdin`; calls with one argument per line ending in a domain or a variable;
    ///   typed references in audit records; 50 changed at first pass, 28 fixed: rabbitmqadmin's
    ///   `-P 15672` and ssh's `-p 2222` on a continuation line, `"CORP")` closing a
    ///   NetworkCredential call, OneSignal/Okta/Discord app ids under `app`, `env:NAME`
    ///   references, `resource=password:<uuid>`, an Akamai API host. 22 were left out: a literal
    ///   `changeme` password, `key: payments.3ds2-enforced`, PostHog/Mapbox/Square public keys
    ///   (their rules mask them by design), and typed references after a blank and a quote,
    ///   `target: "token:<uuid>"`, which read like a header `-H "token:<uuid>"`).
    /// - `control-near-round-81.log` (an eighty-first round: 3,015 clean lines next to round 79's
    ///   47 service names, vendor client classes given regions, URLs, placeholders and named ids,
    ///   full-width `：`/`＝` before CJK messages, and JSON `Authorization` values that are a
    ///   scheme and a placeholder; 41 changed at first pass, all fixed: `"Bearer {{token}}"`,
    ///   `"Basic <credentials>"`, `"Bearer xxx"` under the record layer's sensitive keys, and
    ///   `"session_id":"6562"`).
    /// - `control-near-round-82.log` (an eighty-second round: 3,020 clean lines of modern
    ///   application and platform logs: trace and request ids, digests, SRI and lockfile hashes,
    ///   Kubernetes, cert-manager, Envoy, Argo CD, Vault audit HMACs, CloudTrail, KMS ARNs, Stripe
    ///   object ids, token metadata, OAuth authorize URLs, placeholders, sshd fingerprints, slow
    ///   queries, public keys and certificates, password and token messages in eight languages;
    ///   27 changed at first pass, 17 fixed: SQL Server JDBC and SMTP URLs whose port is followed
    ///   by `;user=name@host` settings, `USER:PASSWORD@` and `@@DB_PASSWORD@@` template
    ///   placeholders, `/download/<uuid>?expires=` object downloads. 10 were left out:
    ///   `postgres://user:password@host/db` in documentation lines, which detectors' own fixtures
    ///   count as a (weak) credential).
    /// - `control-near-round-83.log` (an eighty-third round: 3,507 clean lines next to this
    ///   round's new detections: tool key/value tables and environment listings, one-element lists
    ///   under secret-named keys, HAR cookies, `ticket=`, PSK/PEPPER/HMAC settings, coloured
    ///   console output, SQL client transcripts, Docker records split at 16 KiB; 124 changed at
    ///   first pass, 107 fixed: CI cache keys, GPG key ids, KMS aliases and public keys under
    ///   `_KEY` names, SQL*Plus `&pw` / `"&1"`, bind `:pw` and MySQL `@pw` variables after
    ///   IDENTIFIED BY, Go validator tags `password:[min=12]`, error codes in one-element lists
    ///   (`{"token": ["token_not_valid"]}`), and the echoes of those. 17 were left out: Shopify
    ///   app-proxy `signature=<hex>` (a request's HMAC, masked under `signature=` by policy) and
    ///   psql's `WITH PASSWORD :pw` variable).
    /// - `control-near-round-84.log` (an eighty-fourth round: 3,294 clean lines that name round
    ///   83's 104 service names beside SDK versions, hosts, resource ids, digests, lockfiles,
    ///   webhooks, images, config keys without values and prose; 67 changed at first pass, 20
    ///   fixed: a colon-joined key (`cache set acme:<md5>`, `lock:acme:<uuid>`, `urn:...:acme:<uuid>`)
    ///   names an object, and `process.env.NAME` with digits in the name is a reference. 47 were
    ///   left out: a service name followed at once by an id (a logger's `acme: <uuid> -> done`,
    ///   logfmt `acme=<id>`, `{"acme": "<id>"}` maps, TSV rows), the shape in which detectors'
    ///   fixtures write a key, so it stays masked for every service name).
    /// - `control-prose-round-85.log` (an eighty-fifth round: 3,020 clean lines of chat, tickets,
    ///   e-mail, Markdown and HTML, runbooks, commit messages and policy notices that talk about
    ///   passwords, keys and tokens without holding one, in six languages; 93 changed at first pass
    ///   (none by the round's new prose rules), 17 fixed: where the password is kept (`Password:
    ///   in LastPass`) and status words in other languages (`Passwort: abgelaufen.`). 76 were left
    ///   out: a quoted phrase, duration or ticket id right after `password`/`token` (`password "7
    ///   days" expiry`, `Token: "INC0045612"`), `password: 14+ chars`, and the echoes of those
    ///   in later lines).
    /// - `control-vendor-heading-round-86.log` (an eighty-sixth round: 3,610 clean lines where a
    ///   service's name stands alone as a heading, comment or label (`## Stripe`, `# datadog`,
    ///   `**Mailgun**`, a line ending in a name) above commit SHAs, UUIDs, digests, versions, paths,
    ///   placeholders, object ids and public config, plus ordinary application logs; 10 changed
    ///   at first pass, by `const ID_<NAME> = "<id>"` (a name after an id word in one identifier,
    ///   now an id's name); written against the new heading rules, whose first versions also took
    ///   the children of a YAML parent key and hex ids under a bare heading. 2 were left out: a
    ///   KSUID alone under `Databricks` and `## Vercel`, which has a token's shape).
    /// - `control-near-round-87.log` (an eighty-seventh round: 3,090 clean lines written to tempt
    ///   round 86's rules: public ids, placeholders and masked values under service headings,
    ///   vendor clients called with options, SIDs or regions on the next line, `<name> key using
    ///   <value>` messages, id words joined to names; 31 changed at first pass, 7 fixed (a Twilio
    ///   `AC` SID as a client's first argument, a ULID under a heading, a Google OAuth client id
    ///   under `secret`, `instance.acme=`, `PUBLISHABLE_KEY_ACME`, `acme key using <id>`). 26 lines were
    ///   left out: random ids alone under headings that name keys or credentials (`### Plaid
    ///   keys`, `Datadog credentials:`) or under a bare heading (`-- Datadog`), which have a key's
    ///   shape, and Sentry DSNs, whose key part `sentry-dsn` masks by policy).
    static let trapFiles: [(name: String, minimumLines: Int)] = [
        ("modern-app.log", 400), ("access-proxy.log", 60), ("platform-ci.log", 160),
        ("app-structured.log", 150), ("errors-sql.log", 100), ("config-headers.log", 190),
        ("ops-events.log", 850), ("settings-prose.log", 540), ("app-frameworks.log", 700),
        ("infra-data.log", 1160), ("network-cli.log", 550), ("more-domains.log", 550),
        ("structured-mesh.log", 730), ("dev-tooling.log", 900), ("new-rules.log", 860),
        ("platforms.log", 790), ("config-daemons.log", 900),
        ("everyday-apps.log", 960), ("everyday-infra.log", 880), ("code-in-logs.log", 890),
        ("tables-i18n.log", 510), ("identity-platform.log", 940),
        ("code-review.log", 750), ("cli-prose-quoted.log", 940),
        ("keys-wallets-rails.log", 830), ("control-apps.log", 1180), ("control-platforms.log", 1130),
        ("identifiers-code.log", 940), ("modern-stack.log", 1160),
        ("multi-line-configs.log", 1050), ("encoded-references.log", 1000), ("control-services.log", 1430),
        ("control-systems.log", 1290), ("control-runtimes.log", 850), ("control-tooling.log", 1250),
        ("control-domains.log", 1230), ("control-i18n.log", 1170), ("control-incidents.log", 1180),
        ("control-public-keys.log", 1290), ("control-commerce-mobile.log", 2490),
        ("control-cloud-storage.log", 2450), ("control-observability-auth.log", 2490),
        ("control-edge-mobile-infra.log", 2560), ("control-shell-windows-cloud.log", 2515),
        ("control-near-misses.log", 2300), ("control-protocols-platforms.log", 2450),
        ("control-app-stacks.log", 1985), ("control-data-stores.log", 3070),
        ("control-identity-security.log", 2430), ("control-multiline-configs.log", 9000),
        ("control-near-new-rules.log", 2800), ("control-varied-domains.log", 1990),
        ("control-modern-apps.log", 4000), ("control-dev-tooling.log", 4000),
        ("control-key-token-words.log", 4000), ("control-cli-sessions.log", 5500),
        ("control-frameworks-jobs.log", 3950), ("control-chain-ml-edge.log", 4000),
        ("control-ops-commerce.log", 4000), ("control-near-new-shapes.log", 3980),
        ("control-regulated-domains.log", 4000), ("control-language-dumps.log", 199),
        ("control-ids-near-key-words.log", 3946), ("control-ci-logs.log", 413), ("control-infra-audit.log", 300),
        ("control-everyday-stacks.log", 6000), ("control-near-newest-rules.log", 3995),
        ("control-everyday-sources.log", 5964), ("control-everyday-runtimes.log", 4800),
        ("control-everyday-services.log", 4800), ("control-secret-tooling-stacks.log", 4800), ("control-public-near-keys.log", 4780),
        ("control-url-heavy-traffic.log", 4760), ("control-db-sdk-infra.log", 4800),
        ("control-near-url-rules.log", 4798), ("control-everyday-ordinary-day.log", 4800),
        ("control-pipelines-identity-dumps.log", 4800), ("control-near-cookies-configs.log", 4800),
        ("control-encoded-nested-ids.log", 4785), ("control-i18n-catalogs-new-shapes.log", 4798),
        ("control-ordinary-week.log", 4800), ("control-other-industries.log", 4800),
        ("control-devtooling-fortnight.log", 4793), ("control-framework-debug-clean.log", 4800),
        ("control-mobile-windows-iot.log", 4800), ("control-security-ai-platform.log", 4800),
        ("control-data-mail-web-payments.log", 4800), ("control-voip-identity-messaging-cdn.log", 4800),
        ("control-long-tail-saas.log", 4800), ("control-code-languages.log", 4798),
        ("control-log-envelopes.log", 4800), ("control-frontend-telemetry.log", 4800),
        ("control-vendor-ids.log", 4800), ("control-auth-failures.log", 4800),
        ("control-near-session-shapes.log", 4800), ("control-probe-62.log", 400),
        ("control-near-round-62.log", 2990), ("control-near-round-65.log", 2990),
        ("control-near-round-67.log", 1490), ("control-vendor-then-ids-68.log", 2990),
        ("control-near-round-71.log", 2480), ("control-domains-72.log", 3990),
        ("control-near-round-74.log", 2990), ("control-near-round-75.log", 2990),
        ("control-near-round-77.log", 2990), ("control-near-round-78.log", 3100),
        ("control-near-round-81.log", 3000), ("control-near-round-82.log", 3000),
        ("control-near-round-83.log", 3500), ("control-near-round-84.log", 3290),
        ("control-prose-round-85.log", 3000), ("control-vendor-heading-round-86.log", 3600),
        ("control-near-round-87.log", 3060), ("control-modern-round-89.log", 2970),
        ("control-vendor-near-round-90.log", 3350), ("control-modern-round-91.log", 3450),
        ("control-modern-round-92.log", 4050),
    ]

    /// Every trap line passes byte-identical through the built-in rules (default options). The
    /// file is redacted as one stream, as a log would be.
    @Test(arguments: trapFiles.map(\.name))
    func trapLinesAreUnchanged(_ file: String) throws {
        let input = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("traps/" + file)))
        let inLines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
        let minimum = try #require(Self.trapFiles.first { $0.name == file }).minimumLines
        #expect(inLines.count > minimum, "\(file): \(inLines.count) lines, expected more than \(minimum)")
        let output = TestSupport.redact(input, with: TestSupport.builtin)
        let outLines = output.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(outLines.count == inLines.count)
        // Report line numbers only: a changed line is not echoed.
        let changed = zip(inLines, outLines).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        #expect(changed.isEmpty, "\(file): trap lines changed: \(changed)")
    }

    /// Every `.log` file in `traps/` is checked: listed in ``trapFiles``, or the service mentions
    /// that ServiceProximityTests and KeywordWindowTests read. A fixture added without its entry
    /// would otherwise be silently skipped.
    @Test func everyTrapFileIsListed() throws {
        let directory = Self.fixtures.appendingPathComponent("traps")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".log") }
        let listed = Set(Self.trapFiles.map(\.name)).union(["service-mentions.log"])
        let unlisted = files.filter { !listed.contains($0) }.sorted()
        #expect(unlisted.isEmpty, "trap fixtures not in trapFiles: \(unlisted)")
        #expect(files.count >= listed.count, "trapFiles names \(listed.count) files, traps/ holds \(files.count)")
    }

    /// One positive sample: the line, and the secret it holds.
    struct Positive: CustomStringConvertible, Sendable {
        let lineNumber: Int
        let secret: String
        let line: String
        var description: String { "key-value-positives.tsv:\(lineNumber)" }
    }

    /// `Tests/Fixtures/generic/key-value-positives.tsv`: `secret<TAB>line` per line, `# ` comments.
    static let positives: [Positive] = TestSupport.secretLines("Tests/Fixtures/generic/key-value-positives.tsv").map {
        Positive(lineNumber: $0.lineNumber, secret: $0.secret, line: $0.line)
    }

    @Test func positiveFixtureIsPresent() { #expect(Self.positives.count >= 80) }

    @Test(arguments: positives)
    func secretIsMaskedAndKeyAndSeparatorStay(_ sample: Positive) throws {
        let prefix = try #require(sample.line.range(of: sample.secret)).lowerBound
        let output = TestSupport.redact(sample.line, with: TestSupport.builtin)
        #expect(!output.contains(sample.secret), "\(sample): the secret survives")
        #expect(output.hasPrefix(sample.line[..<prefix]), "\(sample): the key or separator changed")
    }
}
