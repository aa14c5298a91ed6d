/// A method's `prefill`: which provider form to open with the requested permissions filled in,
/// and what that form needs to know (``PrefillLink`` builds the link).
package struct Prefill: Hashable, Sendable {
    package var kind: PrefillKind
    /// `template` only: an `https:` URL with one `{scopes}` placeholder.
    package var template: String?
    /// `template` only: how the scopes are joined in the placeholder (default: comma).
    package var separator: Separator
    /// `template` only: how the joined scopes are encoded (default: percent).
    package var encoding: Encoding
    /// `slack-manifest` only: the scopes that go to the user token (`oauth_config.scopes.user`);
    /// every other requested scope goes to the bot token.
    package var userScopes: [Scope]

    /// How a `template` link encodes its scopes.
    package enum Encoding: String, Hashable, Sendable, CaseIterable {
        /// Every byte but letters, digits and `-._~` as `%XX` (a space is `%20`).
        case percent
        /// HTML form encoding: a space is `+`, letters, digits and `*-._` kept, the rest `%XX`.
        case form
    }

    package init(kind: PrefillKind, template: String? = nil, separator: Separator = .comma, encoding: Encoding = .percent, userScopes: [Scope] = []) {
        self.kind = kind
        self.template = template
        self.separator = separator
        self.encoding = encoding
        self.userScopes = userScopes
    }

    /// The placeholder a `template` holds exactly once.
    package static let placeholder = "{scopes}"
}
