/// The keys each kind of object in a guide source may have. The loader is strict: any other key
/// is a load error naming the nearest of these (keys starting with `x-` are extensions, skipped).
///
/// The decoders check against these lists and nothing else, and a test holds the DocC article
/// "The guide format" (`ScopeGuide.docc/GuideFormat.md`) to naming every one of them, so a key
/// added here without documentation fails the tests.
enum GuideKeys {
    /// The root of `<key>.connector.yaml`.
    static let connector = ["key", "name", "scopeDefinitions", "actions", "authentication", "variables"]
    /// The root of a `*.actions.yaml` file beside it.
    static let actionsFile = ["actions"]
    /// A value of `scopeDefinitions` written as a mapping (it may also be a description string).
    static let scopeDefinition = ["description", "includes", "privilege"]
    /// An item of `actions`.
    static let action = ["id", "label", "requiredScopes", "description"]
    /// `requiredScopes` written as a mapping.
    static let requirement = ["anyOf"]
    /// A value of `variables`.
    static let variable = ["label", "example", "pattern", "description"]
    /// The body of an `authentication` item, `<methodKey>: {…}`.
    static let method = [
        "type", "label", "grantType", "grantChange", "grantChangeText", "prefill", "authorizationUrl", "tokenUrl", "defaultScopes", "scopeDelimiter",
        "configFields", "setupFields", "support",
    ]
    /// A method's `prefill` written as a mapping (it may also be a kind's name).
    static let prefill = ["kind", "url", "separator", "encoding", "userScopes"]
    /// An item of `configFields` or `setupFields`.
    static let field = ["key", "label", "type", "required", "secret", "placeholder", "description"]
    /// A method's `support`.
    static let support = ["link", "guides"]
    /// `support.guides`: one guide of each kind.
    static let guides = GuideKind.allCases.map(\.rawValue)
    /// `support.guides.config` or `.setup`.
    static let guide = ["warning", "sections"]
    /// An item of a guide's `sections`.
    static let section = ["title", "content", "list", "scopes", "steps"]
    /// An item of a section's `steps`.
    static let step = ["title", "content", "list", "scopes", "displayScopes"]
    /// The root of `Guides/site.yaml`.
    static let site = ["platformName", "hubName", "docsBaseURL", "callbackURLPattern", "whitelabelName"]

    /// Every object kind with its keys, named as the guide-format article names them.
    static let all: [(object: String, keys: [String])] = [
        ("connector file", connector), ("actions file", actionsFile), ("scope definition", scopeDefinition),
        ("action", action), ("requiredScopes", requirement), ("variable", variable), ("authentication method", method),
        ("prefill", prefill), ("field", field), ("support", support), ("support.guides", guides), ("guide", guide), ("section", section),
        ("step", step), ("site.yaml", site),
    ]
}
