/// One way to authenticate with a connector (`authentication[].<key>`), with its two guides.
public struct AuthMethod: Hashable, Sendable {
    public enum Kind: String, Hashable, Codable, Sendable {
        case custom
        case oauth2
    }

    public enum GrantType: String, Hashable, Codable, Sendable {
        case authorizationCode = "authorization_code"
        case clientCredentials = "client_credentials"
    }

    /// The method key, such as `apiToken`.
    public var key: String
    public var kind: Kind
    public var label: String {
        didSet { slug = Self.slug(for: label) }
    }
    /// The kebab-case form of ``label`` used in URLs: `OAuth 2.0 (Client Credentials)` becomes
    /// `oauth-2-0-client-credentials`. Stored, because every request looks a method up by it.
    public private(set) var slug: String
    public var grantType: GrantType?
    var authorizationURL: String?
    var tokenURL: String?
    /// Scopes to use when nothing is selected; `nil` when the method declares none.
    public var defaultScopes: [Scope]?
    /// How the provider joins scopes in `scope=`.
    var scopeDelimiter: String
    /// The `grantChange` the guide declares, if any (see ``grantChange``).
    public var declaredGrantChange: GrantChange?
    /// The provider form this method's guide links to with the requested permissions filled in.
    public var prefill: Prefill?
    /// What the guide tells a customer whose existing credential must change (`grantChangeText`),
    /// in its own words; the default wording for ``grantChange`` when `nil`.
    public var grantChangeText: String?
    /// How the provider changes a grant: the declared value, else the default for ``kind``.
    public var grantChange: GrantChange { declaredGrantChange ?? .default(for: kind) }
    public var configFields: [Field]
    public var setupFields: [Field]
    var supportLink: String?
    public var guides: [GuideKind: Guide]

    public init(
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
    public static func slug(for label: String) -> String {
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
