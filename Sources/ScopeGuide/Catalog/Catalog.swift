/// Every connector under a guides folder, with the site they are published for.
public struct Catalog: Hashable, Sendable {
    public var site: Site
    /// Sorted by key.
    public var connectors: [Connector]

    public init(site: Site = Site(), connectors: [Connector]) {
        self.site = site
        self.connectors = connectors.sorted { $0.key < $1.key }
    }

    /// The connector with `key`, if any.
    public func connector(_ key: String) -> Connector? { connectors.first { $0.key == key } }
}
