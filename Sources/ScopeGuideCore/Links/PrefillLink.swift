/// The link that opens a provider's credential form with a request's permissions filled in
/// (``Prefill``), so the customer ticks nothing by hand.
package enum PrefillLink {
    /// Longer links are not offered: browsers and providers' front ends cut them.
    package static let maximumLength = 8_000
    /// GitHub's limits on a token's name and description.
    static let maximumNameLength = 40
    static let maximumDescriptionLength = 1_024
    /// Slack's limit on an app's name.
    static let maximumSlackAppNameLength = 35

    /// The method's prefill link for `scopes`, asked for by `actions` (which name and describe
    /// the credential); `nil` when the method declares no `prefill` or there are no scopes. The
    /// link itself is `nil` when it cannot be made (see `make(_:scopes:name:description:)`).
    package static func make(for method: AuthMethod, of connector: Connector, scopes: [Scope], actions: [ActionID]) -> (kind: PrefillKind, url: String?)? {
        guard let prefill = method.prefill, !scopes.isEmpty else { return nil }
        let labels = connector.actions(in: (try? Selection(actions, in: connector)) ?? .none).map(\.label)
        let url = make(
            prefill, scopes: scopes, name: "\(connector.name) integration",
            description: labels.isEmpty ? "Every permission the \(connector.name) guide lists" : "For: " + labels.joined(separator: ", "))
        return (prefill.kind, url)
    }

    /// The link for a prefill of `kind` with its defaults (GitHub's kinds need nothing more).
    package static func make(_ kind: PrefillKind, scopes: [Scope], name: String, description: String) -> String? {
        make(Prefill(kind: kind), scopes: scopes, name: name, description: description)
    }

    /// The link for `prefill`, or `nil` when there is nothing to fill in or it would be longer
    /// than `maximumLength` bytes. `name` and `description` are cut to the provider's limits
    /// (in characters).
    package static func make(_ prefill: Prefill, scopes: [Scope], name: String, description: String) -> String? {
        guard !scopes.isEmpty else { return nil }
        let url: String?
        switch prefill.kind {
        case .githubFineGrainedPAT:
            // The highest level each permission is requested at: admin > write > read.
            let rank = ["read": 1, "write": 2, "admin": 3]
            var levels: [String: String] = [:]
            var order: [String] = []
            for scope in scopes {
                let parts = scope.rawValue.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, let level = rank[parts[1]] else { continue }
                if levels[parts[0]] == nil { order.append(parts[0]) }
                if level > (levels[parts[0]].flatMap { rank[$0] } ?? 0) { levels[parts[0]] = parts[1] }
            }
            guard !order.isEmpty else { return nil }
            let parameters = [("name", String(name.prefix(maximumNameLength))), ("description", String(description.prefix(maximumDescriptionLength)))]
                + order.map { ($0, levels[$0]!) }
            url = query("https://github.com/settings/personal-access-tokens/new", parameters)
        case .githubClassicPAT:
            url = query("https://github.com/settings/tokens/new", [
                ("scopes", scopes.map(\.rawValue).joined(separator: ",")), ("description", String(description.prefix(maximumDescriptionLength))),
            ])
        case .slackManifest:
            let user = Set(prefill.userScopes)
            let botScopes = scopes.filter { !user.contains($0) }.map(\.rawValue), userScopes = scopes.filter(user.contains).map(\.rawValue)
            let appName = String(name.prefix(maximumSlackAppNameLength))
            // Slack refuses bot scopes without a bot user, so the manifest declares one with them.
            var manifest: [(key: String, value: PrettyJSON?)] = [("display_information", .object([("name", .string(appName))]))]
            if !botScopes.isEmpty {
                manifest.append(("features", .object([("bot_user", .object([("display_name", .string(appName)), ("always_online", .boolean(false))]))])))
            }
            manifest.append(("oauth_config", .object([("scopes", .object([
                ("bot", botScopes.isEmpty ? nil : PrettyJSON.strings(botScopes)), ("user", userScopes.isEmpty ? nil : PrettyJSON.strings(userScopes)),
            ]))])))
            url = "https://api.slack.com/apps?new_app=1&manifest_json=" + FormEncoding.percentEncode(PrettyJSON.object(manifest).compactText)
        case .template:
            guard let template = prefill.template, let range = template.range(of: Prefill.placeholder) else { return nil }
            let joined = prefill.separator.join(scopes)
            let encoded = prefill.encoding == .form ? FormEncoding.encode(joined) : FormEncoding.percentEncode(joined)
            url = template.replacingCharacters(in: range, with: encoded)
        }
        guard let url, url.utf8.count <= maximumLength else { return nil }
        return url
    }

    private static func query(_ base: String, _ parameters: [(String, String)]) -> String {
        base + "?" + parameters.map { "\($0)=\(FormEncoding.encode($1))" }.joined(separator: "&")
    }
}
