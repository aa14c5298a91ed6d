/// Which of a method's two guides: the end user's link-account guide or the admin's setup guide.
public enum GuideKind: String, CaseIterable, Hashable, Codable, Sendable {
    /// `support.guides.config`: linking an account, for the end user.
    case config
    /// `support.guides.setup`: the connector profile (OAuth app and the like), for the admin.
    case setup

    /// The path segment used in dynamic guide URLs and under `Output/`.
    package var pathSegment: String {
        switch self {
        case .config: "link-account"
        case .setup: "connector-profile"
        }
    }

    /// The kind whose ``pathSegment`` is `segment`, if any.
    package init?(pathSegment segment: String) {
        guard let kind = GuideKind.allCases.first(where: { $0.pathSegment == segment }) else { return nil }
        self = kind
    }
}

/// A setup guide: an optional warning and its sections of steps.
package struct Guide: Hashable, Sendable {
    package var warning: String?
    package var sections: [Section]

    package init(warning: String? = nil, sections: [Section]) {
        self.warning = warning
        self.sections = sections
    }
}

/// A titled part of a guide. Its text fields are Markdown.
package struct Section: Hashable, Sendable {
    package var title: String
    package var content: String?
    package var list: [String]
    /// Scopes that make the section relevant; empty means always relevant.
    package var scopes: [Scope]
    package var steps: [Step]

    package init(title: String, content: String? = nil, list: [String] = [], scopes: [Scope] = [], steps: [Step] = []) {
        self.title = title
        self.content = content
        self.list = list
        self.scopes = scopes
        self.steps = steps
    }
}

/// One numbered step. Its text fields are Markdown.
package struct Step: Hashable, Sendable {
    package var title: String
    package var content: String?
    package var list: [String]
    /// Scopes this step is about; empty means the step always applies.
    package var scopes: [Scope]
    /// Scopes shown as a list in this step; the loader defaults it to ``scopes``.
    package var displayScopes: [Scope]

    package init(title: String, content: String? = nil, list: [String] = [], scopes: [Scope] = [], displayScopes: [Scope]? = nil) {
        self.title = title
        self.content = content
        self.list = list
        self.scopes = scopes
        self.displayScopes = displayScopes ?? scopes
    }
}
