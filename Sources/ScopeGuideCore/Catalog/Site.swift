import Foundation

/// The platform a guide is published for, from `Guides/site.yaml`.
///
/// The defaults reproduce StackOne's wording, so a catalogue without a site file reads like the
/// seeds it was transcribed from.
package struct Site: Hashable, Sendable {
    /// The integration platform, as named in guide text: "StackOne".
    package var platformName: String
    /// Where end users link accounts: "Hub".
    package var hubName: String
    /// The base of dynamic guide URLs and hub links.
    package var docsBaseURL: String
    /// The OAuth redirect URL a provider app must allow; `{{connector}}` is the connector key.
    package var callbackURLPattern: String
    /// What `{{platformName}}` becomes in whitelabel mode, where the platform is not named.
    package var whitelabelName: String

    package init(
        platformName: String = "StackOne",
        hubName: String = "Hub",
        docsBaseURL: String = "https://docs.stackone.com",
        callbackURLPattern: String = "https://api.stackone.com/connect/oauth2/{{connector}}/callback",
        whitelabelName: String = "Your App"
    ) {
        self.platformName = platformName
        self.hubName = hubName
        self.docsBaseURL = docsBaseURL
        self.callbackURLPattern = callbackURLPattern
        self.whitelabelName = whitelabelName
    }

    /// The callback URL for `connector`.
    package func callbackURL(for connector: Connector) -> String {
        callbackURLPattern.replacingOccurrences(of: "{{connector}}", with: connector.key)
    }
}
