import CLibFuzzer
import Foundation
// @testable for the composer check below; SwiftPM's debug builds allow it.
@testable import ScopeGuide
import Yams

/// libFuzzer target: arbitrary bytes as a connector YAML file. Loading must succeed or throw a
/// `LoadFailure` whose errors all have a message; a connector that loads is resolved with every
/// action selected and each of its guides rendered to Markdown, which must not crash either.
/// And the tree the loader composes (with Yams' basic resolver where `YAMLComposer` judges it
/// safe) must decode exactly as the full resolver's tree does, problems included.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalogLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    checkComposer(bytes)
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

func checkComposer(_ bytes: Data) {
    guard bytes.count <= CatalogLoader.maximumFileSize, let text = String(data: bytes, encoding: .utf8) else { return }
    // Shapes the preflight refuses (alias bombs, collection keys, deep nesting) never reach Yams,
    // and Yams alone could take minutes on them.
    do { try YAMLPreflight.check(text) } catch { return }
    func decoded(_ compose: () throws -> Node?) -> String {
        do {
            guard let node = try compose() else { return "no document" }
            var decoder = ConnectorDecoder(folder: nil)
            let connector = decoder.decode(YAMLCursor(node: node, keyPath: .root, file: "fuzz.yaml"))
            return "\(String(describing: connector))\n\(decoder.diagnostics.problems)"
        } catch {
            return "error: \(error)"
        }
    }
    let chosen = decoded { try YAMLComposer.compose(text) }
    let full = decoded { try Yams.compose(yaml: text, YAMLComposer.fullResolver, .default, .utf8) }
    precondition(chosen == full, "the composed tree decodes differently from the full resolver's:\n\(chosen)\n---\n\(full)")
}

// This file's top-level code is the program's entry point: hand control to libFuzzer, which calls
// `fuzzCatalogLoader` with each input (`FuzzCatalogLoader -help=1` lists its options).
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzCatalogLoader(data!, size) })
