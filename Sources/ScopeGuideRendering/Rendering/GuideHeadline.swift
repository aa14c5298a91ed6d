import ScopeGuideCore

/// What a guide says about itself: its title and a one-paragraph description, the same in the
/// page's `<title>` and meta description, the Markdown's front matter and the Hub's MDX.
///
/// The wording is StackOne's, as its published guide pages have it: "Connect Front with API
/// Token" and "Link a Front account in the StackOne Hub using API Token. End-user guide to …";
/// a connector profile is "Front API Token connector profile", "Set up the API Token connector
/// profile for Front in StackOne. …". In whitelabel mode the platform is not named.
package struct GuideHeadline: Hashable, Sendable {
    package var title: String
    package var description: String

    /// The headline of the guide `tailored` is, for `site`, naming the platform unless `isWhitelabel`.
    package init(_ tailored: TailoredGuide, site: Site, isWhitelabel: Bool = false) {
        let name = tailored.connector.name, label = tailored.method.label
        switch tailored.kind {
        case .config:
            title = "Connect \(name) with \(label)"
            let place = isWhitelabel ? "" : " in the \(site.platformName) \(site.hubName)"
            description = "Link a \(name) account\(place) using \(label). End-user guide to authorize the integration and start using \(name) actions."
        case .setup:
            title = "\(name) \(label) connector profile"
            description = isWhitelabel
                ? "Set up the \(label) connector profile for \(name). One-time admin setup required before your users can link \(name) accounts."
                : "Set up the \(label) connector profile for \(name) in \(site.platformName). One-time admin setup required before your users can link \(name) accounts via \(site.hubName)."
        }
    }
}
