import CLibFuzzer
import Foundation
import ScopeGuide

/// libFuzzer target: arbitrary bytes as a connector YAML file. Loading must succeed or throw a
/// `LoadFailure` whose errors all have a message; a connector that loads is resolved with every
/// action selected and each of its guides rendered to Markdown, which must not crash either.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalogLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let connector: Connector
    do {
        connector = try CatalogLoader().loadConnector(data: bytes, file: "fuzz.yaml").connector
    } catch {
        precondition(!error.errors.isEmpty && error.errors.allSatisfy { !$0.message.isEmpty })
        return 0
    }
    let catalog = Catalog(connectors: [connector])
    let renderer = GuideRenderer(catalog: catalog)
    for method in connector.methods {
        for kind in GuideKind.allCases where method.guides[kind] != nil {
            guard var url = try? catalog.guideURL(connector: connector.key, slug: method.slug, kind: kind) else { continue }
            _ = try? renderer.render(url, as: .markdown)
            if (try? url.select(connector.actions.map(\.id), in: connector)) != nil {
                _ = try? renderer.render(url, as: .json)
            }
        }
    }
    return 0
}

// This file's top-level code is the program's entry point: hand control to libFuzzer, which calls
// `fuzzCatalogLoader` with each input (`FuzzCatalogLoader -help=1` lists its options).
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzCatalogLoader(data!, size) })
