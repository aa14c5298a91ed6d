@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

/// Vectors of the provider links a page shows: `authorizeURL` (AuthorizeURL) and `prefillLink`
/// (PrefillLink, the credential forms opened with the permissions filled in).
extension EngineVectors {
    struct AuthorizeInput: Encodable {
        var base: String
        var delimiter: String
        var scopes: [String]
        /// `client_id`, `redirect_uri` and `state` when the customer gave them.
        var variables: [String: String]
        var grantChange: String
    }

    /// Authorization URLs with and without a query of their own, each delimiter, no scopes to
    /// many, customer values that need encoding or are missing (a template), and every grant
    /// change (incremental adds `include_granted_scopes=true`).
    static func authorizeURL() throws -> File {
        var builder = Builder("authorizeURL")
        var generator = SeededGenerator(seed: 0x25_0B)
        let bases = [
            "https://login.example.com/authorize", "https://x.example/auth?tenant=1", "https://accounts.google.com/o/oauth2/v2/auth",
            "http://localhost:8080/oauth/authorize", "https://<subdomain>.example.com/oauth/authorize", "https://x.example/a?b=c&d=%20",
        ]
        let scopes = ["read", "write", "Mail.Read", "offline_access", "https://www.googleapis.com/auth/drive", "read:org", "a b", "\u{FC}", "x+y", "a&b=c"]
        let values: [String: [String]] = [
            "client_id": ["1234-abc.apps.example.com", "id 1", "a+b=c", "\u{FC}"],
            "redirect_uri": ["https://app.example.com/oauth/callback", "https://cb.example/x?y=1&z=\u{FC}#f"],
            "state": ["x7Jq2", "s&1", "a b"],
        ]
        for _ in 0..<220 {
            var variables: [String: String] = [:]
            for name in values.keys.sorted() where Int.random(in: 0..<3, using: &generator) > 0 { variables[name] = values[name]!.randomElement(using: &generator)! }
            let chosen = scopes.filter { _ in Int.random(in: 0..<3, using: &generator) == 0 }
            let input = AuthorizeInput(
                base: bases.randomElement(using: &generator)!, delimiter: [" ", ",", ";", "+", "%20"].randomElement(using: &generator)!,
                scopes: chosen.shuffled(using: &generator), variables: variables, grantChange: GrantChange.allCases.randomElement(using: &generator)!.rawValue)
            let method = AuthMethod(
                key: "oauth", kind: .oauth2, label: "OAuth 2.0", grantType: .authorizationCode, authorizationURL: input.base,
                scopeDelimiter: input.delimiter, grantChange: GrantChange(rawValue: input.grantChange))
            try builder.add(input, AuthorizeURL.make(for: method, scopes: input.scopes.map { Scope($0) }, variables: variables))
        }
        return builder.file
    }

    struct PrefillInput: Encodable {
        var kind: String
        var scopes: [String]
        var name: String
        var description: String
    }

    /// Both GitHub forms: permissions at several levels (the highest wins), names that are not
    /// `<permission>:<level>`, spellings equal only under canonical equivalence, names and
    /// descriptions cut at GitHub's limits in characters (some of many scalars), and links past
    /// the 8,000 bytes that are not offered.
    static func prefillLink() throws -> File {
        var builder = Builder("prefillLink")
        var generator = SeededGenerator(seed: 0x25_0C)
        let scopes = [
            "contents:read", "contents:write", "issues:read", "issues:write", "issues:admin", "metadata:read", "administration:write",
            "pull_requests:write", "a:b:read", ":read", "contents:", "repo", "read:org", "\u{E9}:read", "e\u{301}:write", "x:READ", "x:read ",
            "\u{1F600}:read", "gist", "admin:org",
        ]
        let texts = ["Acme, Inc. integration", "For: Create an issue (POST /repos/{owner}/{repo}/issues)", "", "\u{E9}t\u{E9} & co", "line\nbreak"]
        let long = ["n", "\u{E9}", "e\u{301}", "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{1F1EB}\u{1F1F7}", "ab"]
        for number in 0..<200 {
            let kind = PrefillKind.allCases[number % PrefillKind.allCases.count]
            var chosen = scopes.filter { _ in Int.random(in: 0..<4, using: &generator) == 0 }.shuffled(using: &generator)
            // Long enough, or not quite, for the 8,000-byte limit.
            if number % 50 == 49 { chosen = (0..<Int.random(in: 280...330, using: &generator)).map { "permission_number_\($0):write" } }
            func text(_ limit: Int) -> String {
                Bool.random(using: &generator) ? texts.randomElement(using: &generator)!
                    : String(repeating: long.randomElement(using: &generator)!, count: limit + Int.random(in: -2...2, using: &generator))
            }
            let input = PrefillInput(kind: kind.rawValue, scopes: chosen, name: text(40), description: text(number % 10 == 0 ? 1_024 : 30))
            try builder.add(input, PrefillLink.make(kind, scopes: chosen.map { Scope($0) }, name: input.name, description: input.description))
        }
        return builder.file
    }
}
