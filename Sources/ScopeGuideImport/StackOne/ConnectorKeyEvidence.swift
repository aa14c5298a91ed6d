import ScopeGuideCore

/// The connector's key as a StackOne page shows it. Pages do not state it, but it is in what
/// they carry: action ids start with it (`capsulecrm_list_parties`), dynamic guide URLs and
/// docs links hold `connectors/<key>/`, and OAuth callbacks `connect/oauth2/<key>/callback`.
/// The name is no substitute: "Capsule CRM" is `capsulecrm`, not `capsule-crm`.
struct ConnectorKeyEvidence {
    /// The key, or `nil` when the page carries none.
    let key: String?

    /// - Parameters:
    ///   - page: the page's markup, searched for URLs.
    ///   - actionIDs: the ids of its action catalogue, in order.
    init(page: String, actionIDs: [String]) {
        key = Self.sharedPrefix(actionIDs) ?? Self.pathKey(in: page)
    }

    /// The part before the first `_` that every action id has, if they agree.
    private static func sharedPrefix(_ ids: [String]) -> String? {
        let prefixes = Set(ids.compactMap { id in id.firstIndex(of: "_").map { String(id[..<$0]) } })
        guard prefixes.count == 1, let prefix = prefixes.first,
            ids.allSatisfy({ $0.hasPrefix(prefix + "_") }), isKey(prefix)
        else { return nil }
        return prefix
    }

    /// The most frequent key in `connectors/<key>/` paths and OAuth callback URLs, the first
    /// seen on a tie.
    private static func pathKey(in page: String) -> String? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for match in page.matches(of: /(?:\/connectors\/|\/connect\/oauth2\/)([a-z0-9_-]+)\//) {
            let key = String(match.1)
            guard isKey(key) else { continue }
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        // `max(by:)` keeps the first of equal elements.
        return order.max { counts[$0, default: 0] < counts[$1, default: 0] }
    }

    private static func isKey(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }
    }
}
