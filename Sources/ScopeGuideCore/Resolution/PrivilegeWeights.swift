/// The cost of granting each scope of a ``ScopeGraph`` when scopes have privilege levels
/// (``ScopeDefinition/privilege``), so that minimising one number follows least privilege:
/// fewest scopes of the highest level present first, then of the next level down, and so on.
///
/// Each level's weight is one more than all lower-level scopes of the graph weigh together, so
/// one scope of a higher level always costs more than every lower-level scope at once; comparing
/// two granted sets by total weight is then comparing their counts level by level from the top,
/// and equal totals mean equal counts at every level (and so equal sizes). Scopes only a wildcard
/// grants, which have no definition, are at level 1.
///
/// The weights grow with the product of the levels' sizes; past `Int.max / (scopes + 1)` they are
/// capped, and the order between the highest levels is then approximate (a catalogue would need
/// about nine levels of a hundred scopes or more each).
enum PrivilegeWeights {
    /// `nil` when every scope is at one level: then each scope costs 1, as without levels.
    static func weights(for connector: Connector, graph: ScopeGraph) -> [Int]? {
        var levels = Array(repeating: 1, count: graph.scopes.count)
        for definition in connector.scopeDefinitions {
            if let number = graph.number(of: definition.scope) { levels[number] = definition.privilege }
        }
        let distinct = Set(levels).sorted()
        guard distinct.count > 1 else { return nil }
        let cap = Int.max / (graph.scopes.count + 1)
        var weightOfLevel: [Int: Int] = [:]
        var lowerTotal = 0
        for level in distinct {
            let weight = min(cap, lowerTotal + 1)
            weightOfLevel[level] = weight
            let members = levels.count { $0 == level }
            let (product, overflow) = weight.multipliedReportingOverflow(by: members)
            lowerTotal = overflow ? cap : min(cap, lowerTotal + product)
        }
        return levels.map { weightOfLevel[$0]! }
    }
}
