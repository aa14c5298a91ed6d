/// How a provider changes what a credential grants (a method's `grantChange`), which decides
/// what a customer with an existing grant must ask for.
package enum GrantChange: String, Hashable, Sendable, CaseIterable {
    /// A new credential with the full set replaces the old one (API tokens whose permissions are
    /// fixed when created, such as Front's). The default for `custom` methods.
    case newCredential = "new-credential"
    /// The existing credential is edited in place: add scopes, optionally remove some (GitHub's
    /// fine-grained tokens).
    case edit
    /// Authorizing again replaces the grant with what is requested (most OAuth providers). The
    /// default for `oauth2` methods.
    case reauthorize
    /// Authorizing for the new scopes only adds them to the grant (Google with
    /// `include_granted_scopes=true`, Microsoft).
    case incremental

    /// Whether the customer asks for the whole set again, so whatever is not requested is lost.
    package var replacesGrant: Bool { self == .newCredential || self == .reauthorize }

    /// The default for a method of `kind` that declares none.
    static func `default`(for kind: AuthMethod.Kind) -> GrantChange { kind == .oauth2 ? .reauthorize : .newCredential }
}
