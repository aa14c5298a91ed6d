import CLibFuzzer
import Foundation
import ScopeGuide
import ScopeGuideCore

/// libFuzzer target: arbitrary bytes as a dynamic guide URL (SPEC §3), parsed against a small
/// catalogue. Parsing must throw or succeed, never crash; a parsed URL must round-trip
/// (`build(parse(u)) == canonical(u)`), and its canonical form must be a fixed point.
enum Fixture {
    static let catalog: Catalog = {
        let yaml = """
            key: demo
            name: Demo
            scopeDefinitions: {a:read: {}, a:write: {includes: a:read}, "ev:*:read": {}}
            actions:
              - {id: demo_list, label: List, requiredScopes: a:read}
              - {id: demo_update, label: Update, requiredScopes: a:write}
              - {id: demo.events@v2, label: Events, requiredScopes: {anyOf: [ev:inbox:read, a:write]}}
            variables: {subdomain: {label: Subdomain, pattern: "^[a-z0-9-]+$"}, app: {label: App}}
            authentication:
              - token:
                  type: custom
                  label: API Token
                  support: {guides: {config: {sections: [{title: Go, steps: [{title: Tick, scopes: a:read a:write ev:*:read}]}]}}}
              - oauth:
                  type: oauth2
                  label: OAuth 2.0 (Client Credentials)
                  support: {guides: {setup: {sections: [{title: App}]}, config: {sections: [{title: Sign in}]}}}
            """
        return Catalog(connectors: [try! CatalogLoader().loadConnector(yaml: yaml).connector])
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGuideURL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        // A request's `url` is everything it holds (guide, selection, stages, constraints,
        // separator, whitelabel, variables, base), so comparing URLs compares requests.
        let url = try GuideRequest(parsing: text, in: Fixture.catalog).url
        let canonical = url.description
        guard let again = try? GuideRequest(parsing: canonical, in: Fixture.catalog).url else {
            fatalError("canonical form does not parse: \(canonical.debugDescription) from \(text.debugDescription)")
        }
        precondition(again == url, "round trip changed the URL: \(canonical.debugDescription) from \(text.debugDescription)")
        precondition(again.description == canonical, "canonical form is not a fixed point: \(canonical.debugDescription)")
    } catch {
        precondition(!error.description.isEmpty)
    }
    return 0
}

// This file's top-level code is the program's entry point: hand control to libFuzzer, which calls
// `fuzzGuideURL` with each input (`FuzzGuideURL -help=1` lists its options).
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzGuideURL(data!, size) })
