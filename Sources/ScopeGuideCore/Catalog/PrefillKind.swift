/// A provider link that opens its credential form with the requested permissions filled in
/// (a method's `prefill`, ``Prefill``).
package enum PrefillKind: String, Hashable, Sendable, CaseIterable {
    /// GitHub's new fine-grained token form: `<permission>=read|write|admin` per permission, at
    /// the highest level the request needs (scopes named `<permission>:<level>`).
    case githubFineGrainedPAT = "github-fine-grained-pat"
    /// GitHub's new classic token form: `scopes=repo,read:org`.
    case githubClassicPAT = "github-classic-pat"
    /// Slack's "create an app from a manifest" form: `manifest_json=` with the bot and user
    /// scopes (``Prefill/userScopes``) under `oauth_config.scopes`.
    case slackManifest = "slack-manifest"
    /// Any provider: an `https:` URL template with a `{scopes}` placeholder (``Prefill/template``).
    case template

    /// The words before the link in a guide.
    package var openLabel: String {
        switch self {
        case .githubFineGrainedPAT, .githubClassicPAT: "Open GitHub with these permissions filled in:"
        case .slackManifest: "Create the Slack app with these scopes filled in:"
        case .template: "Open the provider with these permissions filled in:"
        }
    }
}
