import CLibFuzzer
import Foundation
import ScopeGuide
// @testable for the parser check below (YAMLDocumentParser and YAMLDocument are internal to the
// core) and the typed load errors; SwiftPM's debug builds allow it.
@testable import ScopeGuideCore
import Yams

/// libFuzzer target: arbitrary bytes as a connector YAML file. Loading must succeed or throw a
/// `DiagnosticsError` whose errors all have a message and whose diagnostics are all typed
/// `LoadError`s; a connector that loads is resolved with every action selected and each of its
/// guides rendered to Markdown, which must not crash either.
/// And the document `YAMLDocumentParser` reads must be the tree Yams composes with the loader's
/// resolver (every node's kind, position, text, style and tag), or fail with the same error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalogLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    checkParser(bytes)
    let connector: Connector
    do {
        connector = try CatalogLoader().loadConnector(data: bytes, file: "fuzz.yaml").connector
    } catch {
        precondition(!error.errors.isEmpty && error.errors.allSatisfy { !$0.message.isEmpty })
        // Every diagnostic is a load error (a typed reason, not another stage's).
        precondition(error.loadErrors.count == error.diagnostics.count, "a load failure carries a diagnostic that is not a load error: \(error)")
        return 0
    }
    let catalog = Catalog(connectors: [connector])
    let renderer = GuideRenderer(catalog: catalog)
    for method in connector.methods {
        for kind in GuideKind.allCases where method.guides[kind] != nil {
            guard var request = try? catalog.guide(connector: connector.key, slug: method.slug, kind: kind) else { continue }
            _ = renderer.render(request, as: .markdown)
            if (try? request.select(connector.actions.map(\.id))) != nil {
                _ = renderer.render(request, as: .json)
            }
        }
    }
    return 0
}

func checkParser(_ bytes: Data) {
    guard bytes.count <= CatalogLoader.maximumFileSize, let text = String(data: bytes, encoding: .utf8) else { return }
    let ours: String
    do {
        ours = try YAMLDocumentParser.parse(text).map { dump($0, $0.root) } ?? "no document"
    } catch {
        // Shapes the preflight refuses (alias bombs, collection keys, deep nesting): Yams alone
        // could take minutes on them.
        if case .refused = error { return }
        ours = "error: \(error)"
    }
    let theirs: String
    do {
        theirs = try Yams.compose(yaml: text, YAMLDocument.resolver, .default, .utf8).map { dump($0) } ?? "no document"
    } catch let error as YamlError {
        theirs = described(error).map { "error: \($0)" } ?? "error: \(error)"
    } catch {
        theirs = "error: \(error)"
    }
    precondition(ours == theirs, "the document differs from Yams' tree:\n\(ours)\n---\n\(theirs)")
}

/// A node as one line per node: kind, position, and a scalar's text, style and tag.
func dump(_ document: YAMLDocument, _ index: Int32) -> String {
    let node = document.nodes[Int(index)]
    let head = "\(node.line):\(node.column)"
    // A collection's children; a scalar's start and count are its bytes.
    let children = node.kind == .scalar ? [] : (0..<Int(node.count)).map { document.children[Int(node.start) + $0] }
    switch node.kind {
    case .scalar:
        let scalar = document.yamsScalar(index)
        return "\(head) scalar \(scalar.string.debugDescription) \(scalar.style) \(scalar.tag)\n"
    case .sequence: return "\(head) sequence\n" + children.map { dump(document, $0) }.joined()
    case .mapping: return "\(head) mapping\n" + children.map { dump(document, $0) }.joined()
    }
}

func dump(_ node: Node) -> String {
    let head = "\(node.mark?.line ?? 0):\(node.mark?.column ?? 0)"
    switch node {
    case .scalar(let scalar): return "\(head) scalar \(scalar.string.debugDescription) \(scalar.style) \(scalar.tag)\n"
    case .sequence(let sequence): return "\(head) sequence\n" + sequence.map { dump($0) }.joined()
    case .mapping(let mapping): return "\(head) mapping\n" + mapping.map { dump($0.key) + dump($0.value) }.joined()
    case .alias: return "\(head) alias\n"
    }
}

/// Yams' error as the loader worded it before `YAMLDocumentParser`.
func described(_ error: YamlError) -> YAMLDocumentParser.Failure? {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
        .composer(let context, let problem, let mark, _):
        return .invalid(context.map { "\(problem) \($0.text)" } ?? problem, line: mark.line, column: mark.column)
    case .duplicatedKeysInMapping(let duplicates, let context):
        let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
        return .invalid("duplicate key \(names) in mapping", line: context.mark.line, column: context.mark.column)
    case .reader(let problem, _, _, _):
        return .invalid(problem, line: 1, column: 1)
    default:
        return nil
    }
}

// This file's top-level code is the program's entry point: hand control to libFuzzer, which calls
// `fuzzCatalogLoader` with each input (`FuzzCatalogLoader -help=1` lists its options).
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzCatalogLoader(data!, size) })
