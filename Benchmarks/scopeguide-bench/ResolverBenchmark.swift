import ScopeGuide

/// Exact minimal scopes on ``SyntheticCatalogue``: for selections of 10, 50 and 500 random
/// actions, the median and p99 time of one `Resolver.resolve` call and how often the search ran
/// out of its node budget (`isOptimal == false`).
struct ResolverBenchmark {
    let selections: Int
    let nodeBudget: Int
    var sizes = [10, 50, 500]

    func run() {
        let connector = SyntheticCatalogue.connector()
        let resolver = Resolver(connector: connector, nodeBudget: nodeBudget)
        let method = connector.methods[0]
        var random = SplitMix64(seed: 42)
        print("resolver: \(connector.scopeDefinitions.count) scopes, \(connector.actions.count) actions, \(selections) random selections per size, node budget \(nodeBudget)")
        print("| selected actions | median µs | p99 µs | max µs | optimal = false |")
        print("|---|---|---|---|---|")
        for size in sizes {
            var samples = Samples()
            var notOptimal = 0
            for _ in 0..<selections {
                let ids = connector.actions.indices.shuffled(using: &random).prefix(size).map { connector.actions[$0].id }
                let selection = try! Selection(ids, in: connector)
                var resolution: Resolution?
                samples.append(microseconds { resolution = resolver.resolve(selection, for: method) })
                if resolution?.isOptimal == false { notOptimal += 1 }
            }
            print("| \(size) | \(format(samples.median)) | \(format(samples.quantile(0.99))) | \(format(samples.quantile(1))) | \(notOptimal) of \(selections) |")
        }
    }
}
