import Foundation

/// The JSON form of a tailored guide's resolution, as `scopeguide scopes --format json` prints it
/// and the server returns it. Keys are stable; encode with `.sortedKeys`.
public struct ResolutionReport: Codable, Hashable, Sendable {
    public struct GuideInfo: Codable, Hashable, Sendable {
        /// `config` or `setup`.
        public var kind: String
        /// `link-account` or `connector-profile`.
        public var path: String
        public var slug: String
        public var method: String
    }

    public struct Reason: Codable, Hashable, Sendable {
        public var scope: String
        public var actions: [String]
    }

    public struct StepInfo: Codable, Hashable, Sendable {
        public var number: Int
        public var title: String
        public var scopes: [String]
        public var displayScopes: [String]
        /// Labels, code-point sorted; empty when the step shows no badge.
        public var badge: [String]
    }

    public struct SectionInfo: Codable, Hashable, Sendable {
        public var title: String
        public var steps: [StepInfo]
    }

    public var connector: String
    public var guide: GuideInfo
    /// Selected action ids in catalogue order; empty for the full guide.
    public var selection: [String]
    /// The minimal scopes in `scopeDefinitions` order.
    public var scopes: [String]
    /// ``scopes`` joined by ``separator``, ready to paste.
    public var scopesText: String
    public var separator: String
    public var optimal: Bool
    public var usesDefaultScopes: Bool
    public var explanation: [Reason]
    /// Visible sections and their visible steps.
    public var sections: [SectionInfo]
    /// The canonical dynamic guide URL.
    public var url: String
    /// For OAuth 2.0 authorization-code methods only.
    public var authorizeURL: String?

    /// Pretty-printed JSON with sorted keys and unescaped slashes, ending in a newline.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    public init(_ tailored: TailoredGuide, url: GuideURL) {
        let resolution = tailored.resolution
        connector = tailored.connector.key
        guide = GuideInfo(kind: tailored.kind.rawValue, path: tailored.kind.pathSegment, slug: tailored.method.slug, method: tailored.method.label)
        selection = resolution.selection.actions.map(\.rawValue)
        scopes = resolution.scopes.map(\.rawValue)
        scopesText = url.separator.join(resolution.scopes)
        separator = url.separator.rawValue
        optimal = resolution.isOptimal
        usesDefaultScopes = resolution.usesDefaultScopes
        explanation = resolution.explanation.map { Reason(scope: $0.scope.rawValue, actions: $0.actions.map(\.rawValue)) }
        sections = tailored.sections.map { section in
            SectionInfo(title: section.section.title, steps: section.steps.map { step in
                StepInfo(
                    number: step.number, title: step.step.title, scopes: step.step.scopes.map(\.rawValue),
                    displayScopes: step.displayScopes.map(\.rawValue), badge: step.badge)
            })
        }
        self.url = url.description
        authorizeURL = AuthorizeURL.make(for: tailored.method, scopes: resolution.scopes)
    }
}
