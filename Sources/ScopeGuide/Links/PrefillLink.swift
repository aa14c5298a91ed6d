/// The link that opens a provider's credential form with a request's permissions filled in
/// (``PrefillKind``), so the customer ticks nothing by hand.
public enum PrefillLink {
    /// Longer links are not offered: browsers and GitHub's front end cut them.
    public static let maximumLength = 8_000
    /// GitHub's limits on a token's name and description.
    static let maximumNameLength = 40
    static let maximumDescriptionLength = 1_024

    /// The method's prefill link for `scopes`, asked for by `actions` (which name and describe
    /// the credential); `nil` when the method declares no `prefill` or there are no scopes. The
    /// link itself is `nil` when it cannot be made (see ``make(_:scopes:name:description:)``).
    public static func make(for method: AuthMethod, of connector: Connector, scopes: [Scope], actions: [ActionID]) -> (kind: PrefillKind, url: String?)? {
        guard let kind = method.prefill, !scopes.isEmpty else { return nil }
        let labels = connector.actions(in: (try? Selection(actions, in: connector)) ?? .none).map(\.label)
        let url = make(
            kind, scopes: scopes, name: "\(connector.name) integration",
            description: labels.isEmpty ? "Every permission the \(connector.name) guide lists" : "For: " + labels.joined(separator: ", "))
        return (kind, url)
    }

    /// The link for `kind`, or `nil` when there is nothing to fill in or it would be longer than
    /// ``maximumLength``. `name` and `description` are cut to GitHub's limits (in characters).
    public static func make(_ kind: PrefillKind, scopes: [Scope], name: String, description: String) -> String? {
        guard !scopes.isEmpty else { return nil }
        let name = String(name.prefix(maximumNameLength)), description = String(description.prefix(maximumDescriptionLength))
        var parameters: [(String, String)]
        switch kind {
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
            parameters = [("name", name), ("description", description)] + order.map { ($0, levels[$0]!) }
            return finished("https://github.com/settings/personal-access-tokens/new", parameters)
        case .githubClassicPAT:
            parameters = [("scopes", scopes.map(\.rawValue).joined(separator: ",")), ("description", description)]
            return finished("https://github.com/settings/tokens/new", parameters)
        }
    }

    private static func finished(_ base: String, _ parameters: [(String, String)]) -> String? {
        let url = base + "?" + parameters.map { "\($0)=\(FormEncoding.encode($1))" }.joined(separator: "&")
        return url.utf8.count <= maximumLength ? url : nil
    }
}
