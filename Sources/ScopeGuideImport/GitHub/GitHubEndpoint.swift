import ScopeGuideCore

/// One REST endpoint (method and path) of GitHub's permission file, with every permission the
/// file lists it under: the entries of one endpoint, merged.
struct GitHubEndpoint: Hashable, Sendable {
    /// Lowercase, as in the file (`post`).
    var verb: String
    var path: String
    /// From the endpoint's first entry (in the importer's permission order).
    var slug: String
    var category: String
    var subcategory: String
    /// Each permission's access level; where the file lists a permission twice with different
    /// levels, the higher one.
    var access: [String: GitHubAccessLevel]
    /// Whether any of its entries carries `additional-permissions: true`.
    var additionalPermissions: Bool

    /// `post /repos/{owner}/{repo}/issues`: the endpoint's identity.
    var key: String { "\(verb) \(path)" }

    /// `POST /repos/{owner}/{repo}/issues`, as GitHub's reference writes an endpoint.
    var endpoint: String { "\(verb.uppercased()) \(path)" }

    /// "Create an issue (POST /repos/{owner}/{repo}/issues)": the slug as a sentence, then the
    /// endpoint, so endpoints that share a slug have distinct labels, and a search for a path
    /// finds its action.
    var label: String { "\(Self.sentence(slug: slug)) (\(endpoint))" }

    /// The slug's words as a sentence: the first capitalised, GitHub's spelling of a few names
    /// (GitHub, CodeQL, SSH, …) and hyphenated words ("re-run", "self-hosted"), the rest as they are.
    static func sentence(slug: String) -> String {
        var words: [String] = []
        for word in slug.split(separator: "-", omittingEmptySubsequences: true).map(String.init) {
            if let last = words.last, hyphenated.contains("\(last)-\(word)") {
                words[words.count - 1] = "\(last)-\(word)"
            } else {
                words.append(spellings[word] ?? word)
            }
        }
        guard let first = words.first else { return slug }
        let capitalised = first.prefix(1).uppercased() + first.dropFirst()
        return ([capitalised] + words.dropFirst()).joined(separator: " ")
    }

    /// Words GitHub's reference titles spell other than in lowercase; slugs lose the case.
    private static let spellings: [String: String] = [
        "ai": "AI", "api": "API", "codeowners": "CODEOWNERS", "codeql": "CodeQL", "copilot": "Copilot", "cve": "CVE",
        "dependabot": "Dependabot", "dns": "DNS",
        "github": "GitHub", "gpg": "GPG", "http": "HTTP", "id": "ID", "ids": "IDs", "ip": "IP", "json": "JSON",
        "lfs": "LFS", "oidc": "OIDC", "pr": "PR", "readme": "README", "saml": "SAML", "sarif": "SARIF",
        "sbom": "SBOM", "scim": "SCIM", "ssh": "SSH", "sso": "SSO", "url": "URL",
    ]

    /// Words GitHub's reference titles join with a hyphen, which slugs cannot show.
    private static let hyphenated: Set<String> = ["re-run", "self-hosted"]

    /// The order verbs are listed in for one path: reading first, then creating, replacing,
    /// changing and deleting; anything else after, alphabetically.
    var verbRank: Int {
        ["get", "head", "post", "put", "patch", "delete"].firstIndex(of: verb) ?? 6
    }
}
