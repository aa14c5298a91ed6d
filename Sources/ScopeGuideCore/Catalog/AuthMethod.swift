/// One way to authenticate with a connector (`authentication[].<key>`), with its two guides.
package struct AuthMethod: Hashable, Sendable {
    package enum Kind: String, Hashable, Codable, Sendable {
        case custom
        case oauth2
    }

    package enum GrantType: String, Hashable, Codable, Sendable {
        case authorizationCode = "authorization_code"
        case clientCredentials = "client_credentials"
    }

    /// The method key, such as `apiToken`.
    package var key: String
    package var kind: Kind
    package var label: String {
        didSet { slug = Self.slug(for: label) }
    }
    /// The kebab-case form of ``label`` used in URLs: `OAuth 2.0 (Client Credentials)` becomes
    /// `oauth-2-0-client-credentials`. Stored, because every request looks a method up by it.
    package private(set) var slug: String
    package var grantType: GrantType?
    package var authorizationURL: String?
    package var tokenURL: String?
    /// Scopes to use when nothing is selected; `nil` when the method declares none.
    package var defaultScopes: [Scope]?
    /// How the provider joins scopes in `scope=`.
    package var scopeDelimiter: String
    /// The `grantChange` the guide declares, if any (see ``grantChange``).
    package var declaredGrantChange: GrantChange?
    /// The provider form this method's guide links to with the requested permissions filled in.
    package var prefill: Prefill?
    /// What the guide tells a customer whose existing credential must change (`grantChangeText`),
    /// in its own words; the default wording for ``grantChange`` when `nil`.
    package var grantChangeText: String?
    /// How the provider changes a grant: the declared value, else the default for ``kind``.
    package var grantChange: GrantChange { declaredGrantChange ?? .default(for: kind) }
    package var configFields: [Field]
    package var setupFields: [Field]
    package var supportLink: String?
    package var guides: [GuideKind: Guide]

    package init(
        key: String, kind: Kind, label: String, grantType: GrantType? = nil,
        authorizationURL: String? = nil, tokenURL: String? = nil, defaultScopes: [Scope]? = nil,
        scopeDelimiter: String = " ", grantChange: GrantChange? = nil, grantChangeText: String? = nil, prefill: Prefill? = nil, configFields: [Field] = [], setupFields: [Field] = [],
        supportLink: String? = nil, guides: [GuideKind: Guide] = [:]
    ) {
        self.declaredGrantChange = grantChange
        self.grantChangeText = grantChangeText
        self.prefill = prefill
        self.key = key
        self.kind = kind
        self.label = label
        self.slug = Self.slug(for: label)
        self.grantType = grantType
        self.authorizationURL = authorizationURL
        self.tokenURL = tokenURL
        self.defaultScopes = defaultScopes
        self.scopeDelimiter = scopeDelimiter
        self.configFields = configFields
        self.setupFields = setupFields
        self.supportLink = supportLink
        self.guides = guides
    }

    /// Lowercases ASCII letters and digits, and joins every run of other characters with one `-`.
    package static func slug(for label: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in label.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                pendingDash = true
            }
        }
        return slug
    }
}
