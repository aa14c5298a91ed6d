/// Every connector under a guides folder, with the site they are published for.
public struct Catalog: Hashable, Sendable {
    package let site: Site
    /// Sorted by key.
    public let connectors: [Connector]
    /// Each connector's position in ``connectors``, by key: a server looks one up per request.
    private let positions: [String: Int]

    package init(site: Site = Site(), connectors: [Connector]) {
        self.site = site
        self.connectors = connectors.sorted { $0.key < $1.key }
        // A key given twice keeps its first connector, as a linear search would find it.
        positions = Dictionary(self.connectors.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The connector with `key`, if any.
    public func connector(_ key: String) -> Connector? { positions[key].map { connectors[$0] } }
}
