import ScopeGuide

/// A guide request's work, estimated before its query is read: the connector's size (its actions
/// and scopes: what validation compares unknown names with, and what a page lists) times the
/// names the query may hold (one more than its bytes that can separate two names: `,`, `&`, `+`,
/// a space, and `%`, which may encode any of them).
///
/// Requests at or under ``ServerLimits/inlineWork`` are validated and rendered on their own task,
/// which saves the hop to the ``RenderPool`` and back; larger ones wait for the pool and its
/// deadline, so an expensive request cannot hold Swift's cooperative threads.
enum WorkEstimate {
    static func of(query: String, connector: Connector?) -> Int {
        guard let connector else { return 1 }
        var names = 1
        for byte in query.utf8 {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: " "), UInt8(ascii: "%"): names += 1
            default: continue
            }
        }
        return (connector.actions.count + connector.scopeDefinitions.count) * names
    }
}
