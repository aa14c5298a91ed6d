import ScopeGuideCore

/// The parts of a Google API discovery document (`discovery#restDescription`, as
/// `https://<api>.googleapis.com/$discovery/rest?version=<v>` serves it and
/// google-api-python-client ships it) that ``GoogleDiscoveryImporter`` reads. Every other member
/// is ignored; every member read is optional, so only a member of the wrong type stops decoding.
///
/// Objects whose keys Google chooses (resources, methods, scopes) decode into dictionaries, whose
/// order is not the file's: the importer sorts what it takes from them.
struct GoogleDiscoveryDocument: Decodable, Sendable {
    /// `discovery#restDescription`; `discovery#directoryList` is the index of documents.
    var kind: String?
    /// The API's name, such as `gmail`: the default connector key.
    var name: String?
    var version: String?
    /// Such as "Gmail API".
    var title: String?
    /// The date Google published this revision, such as `20251110`.
    var revision: String?
    var documentationLink: String?
    /// The path every method's `path` is relative to, such as `drive/v3/`.
    var servicePath: String?
    var auth: Auth?
    /// Methods of the API itself (oauth2 v2 has them), before any resource's.
    var methods: [String: Method]?
    var resources: [String: Resource]?

    struct Auth: Decodable, Sendable {
        var oauth2: OAuth2?
    }

    struct OAuth2: Decodable, Sendable {
        /// Every scope the API knows, by name, with what it lets an app do.
        var scopes: [String: ScopeInfo]?
    }

    struct ScopeInfo: Decodable, Sendable {
        var description: String?
    }

    /// A resource: its methods and nested resources.
    struct Resource: Decodable, Sendable {
        var methods: [String: Method]?
        var resources: [String: Resource]?
    }

    struct Method: Decodable, Sendable {
        /// Such as `gmail.users.messages.list`.
        var id: String?
        /// Markdown.
        var description: String?
        var httpMethod: String?
        /// Relative to ``GoogleDiscoveryDocument/servicePath``; may hold `{+name}` expansions.
        var path: String?
        /// ``path`` with each expansion spelled out segment by segment, when the two differ.
        var flatPath: String?
        /// The scopes any one of which authorizes the method.
        var scopes: [String]?
    }
}
