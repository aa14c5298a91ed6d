import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct CatalogLoaderTests {
    /// A valid connector; tests break one field at a time.
    static let valid = """
        key: demo
        name: Demo
        scopeDefinitions:
          items:read: {description: Read items}
          items:write: {description: Write items, includes: items:read}
          "events:*:read": {}
        actions:
          - id: demo_list
            label: List Items
            requiredScopes: items:read
          - id: demo_events
            label: List Events
            requiredScopes:
              anyOf: [events:inbox:read, items:write]
        variables:
          subdomain: {label: Subdomain, example: acme, pattern: "^[a-z0-9-]+$"}
        authentication:
          - oauth:
              type: oauth2
              label: OAuth 2.0
              authorizationUrl: https://demo.example/authorize
              defaultScopes: items:read
              configFields:
                - {key: token, label: Token, required: true}
              support:
                guides:
                  config:
                    warning: Needs an admin.
                    sections:
                      - title: Open https://{{subdomain}}.demo.example
                        steps:
                          - title: Grant
                            scopes: items:read items:write
        """

    @Test("a valid connector loads with every field")
    func loadsValidConnector() throws {
        let (connector, warnings) = try CatalogLoader().loadConnector(yaml: Self.valid)
        #expect(warnings.isEmpty)
        #expect(connector.key == "demo")
        #expect(connector.scopeDefinitions.map(\.scope) == ["items:read", "items:write", "events:*:read"])
        #expect(connector.scopeDefinitions[1].includes == ["items:read"])
        #expect(connector.actions[1].requirement.alternatives == [["events:inbox:read"], ["items:write"]])
        let method = try #require(connector.methods.first)
        #expect(method.kind == .oauth2)
        #expect(method.grantType == .authorizationCode)
        #expect(method.slug == "oauth-2-0")
        #expect(method.defaultScopes == ["items:read"])
        #expect(method.configFields == [Field(key: "token", label: "Token", isRequired: true)])
        let step = try #require(method.guides[.config]?.sections.first?.steps.first)
        #expect(step.scopes == ["items:read", "items:write"])
        #expect(step.displayScopes == step.scopes)
        #expect(connector.variables.first?.pattern == "^[a-z0-9-]+$")
    }

    @Test("an unknown scope is reported with file, line, column, key path and a suggestion")
    func unknownScope() {
        let yaml = Self.valid.replacingOccurrences(of: "requiredScopes: items:read", with: "requiredScopes: item:read")
        let errors = Fixtures.loadErrors(yaml)
        #expect(errors.map(\.description) == [
            #"test.yaml:10:21: actions[0].requiredScopes: unknown scope "item:read"; did you mean "items:read"? (declare it under scopeDefinitions)"#
        ])
    }

    @Test("a duplicate action id points at the second id")
    func duplicateActionID() {
        let yaml = Self.valid.replacingOccurrences(of: "id: demo_events", with: "id: demo_list")
        let errors = Fixtures.loadErrors(yaml)
        #expect(errors.map(\.reason) == [.duplicateActionID("demo_list")])
        #expect(errors.first?.location.line == 11)
        #expect(errors.first?.keyPath == "actions[1].id")
    }

    @Test("an includes cycle is reported once, from the first defined scope")
    func includesCycle() {
        let yaml = Self.valid.replacingOccurrences(
            of: "items:read: {description: Read items}", with: "items:read: {description: Read items, includes: items:write}")
        let errors = Fixtures.loadErrors(yaml)
        #expect(errors.map(\.reason) == [.includesCycle(["items:read", "items:write", "items:read"])])
        #expect(errors.first?.keyPath == "scopeDefinitions[\"items:read\"].includes")
    }

    @Test("a self-include is a cycle of length one")
    func selfInclude() {
        let yaml = Self.valid.replacingOccurrences(of: "includes: items:read}", with: "includes: items:write}")
        #expect(Fixtures.loadErrors(yaml).map(\.reason) == [.includesCycle(["items:write", "items:write"])])
    }

    @Test("an undeclared variable is reported where it is used")
    func undeclaredVariable() {
        let yaml = Self.valid.replacingOccurrences(of: "{{subdomain}}", with: "{{tenant}}")
        let errors = Fixtures.loadErrors(yaml)
        #expect(errors.map(\.reason) == [.undeclaredVariable("tenant")])
        #expect(errors.first?.keyPath == "authentication[0].oauth.support.guides.config.sections[0].title")
        #expect(errors.first?.location.line == 30)
    }

    @Test("a variable in a list item is reported at that item, after an item that is not a string")
    func undeclaredVariableInList() {
        let indent = { (width: Int) in String(repeating: " ", count: width) }
        let step = indent(18) + "- title: Grant"
        let yaml = Self.valid.replacingOccurrences(of: step, with: [
            step, indent(20) + "list:", indent(22) + "- {not: a string}", indent(22) + "- Use {{tenant}}",
        ].joined(separator: "\n"))
        let errors = Fixtures.loadErrors(yaml)
        #expect(errors.map(\.reason) == [.wrongType(expected: "a string", found: "a mapping"), .undeclaredVariable("tenant")])
        let prefix = "authentication[0].oauth.support.guides.config.sections[0].steps[0].list"
        #expect(errors.map(\.keyPath) == [prefix + "[0]", prefix + "[1]"])
        #expect(errors.map(\.location.line) == [34, 35])
    }

    @Test("built-in variables need no declaration")
    func builtInVariables() throws {
        let yaml = Self.valid.replacingOccurrences(of: "{{subdomain}}", with: "{{platformName}}")
        _ = try CatalogLoader().loadConnector(yaml: yaml)
    }

    @Test("a wrong type names what was expected and what was found")
    func wrongType() {
        let yaml = Self.valid.replacingOccurrences(of: "label: List Items", with: "label: [List, Items]")
        let errors = Fixtures.loadErrors(yaml)
        #expect(errors.map(\.reason) == [.wrongType(expected: "a string", found: "a list")])
        #expect(errors.first?.keyPath == "actions[0].label")
    }

    @Test("a missing label is reported for actions and methods")
    func missingLabel() {
        let yaml = Self.valid
            .replacingOccurrences(of: "    label: List Items\n", with: "")
            .replacingOccurrences(of: "      label: OAuth 2.0\n", with: "")
        let errors = Fixtures.loadErrors(yaml)
        #expect(errors.map(\.reason) == [.missingLabel, .missingLabel])
        #expect(errors.map(\.keyPath) == ["actions[0].label", "authentication[0].oauth.label"])
    }

    @Test("every error in a file is reported in one run, in source order")
    func allErrorsAtOnce() {
        let yaml = Self.valid
            .replacingOccurrences(of: "requiredScopes: items:read", with: "requiredScopes: nope")
            .replacingOccurrences(of: "id: demo_events", with: "id: demo_list")
            .replacingOccurrences(of: "{{subdomain}}", with: "{{tenant}}")
            .replacingOccurrences(of: "type: oauth2", with: "type: oauth3")
        let errors = Fixtures.loadErrors(yaml)
        #expect(errors.count == 4)
        #expect(errors.map(\.location.line) == errors.map(\.location.line).sorted())
    }

    @Test("a YAML syntax error gives its line")
    func syntaxError() {
        let errors = Fixtures.loadErrors("key: demo\nname: [unclosed\nactions: []\n")
        #expect(errors.count == 1)
        guard case .syntax = errors.first?.reason else {
            Issue.record("expected a syntax error, got \(errors)")
            return
        }
        #expect(errors.first?.location.line ?? 0 >= 2)
    }

    @Test("duplicate YAML keys are a syntax error, not a silent overwrite")
    func duplicateKeys() {
        let yaml = Self.valid.replacingOccurrences(of: "  \"events:*:read\": {}", with: "  items:read: {}")
        #expect(!Fixtures.loadErrors(yaml).isEmpty)
    }

    @Test("an unknown key is an error naming file, line and the nearest known key; x- keys are extensions")
    func unknownKeysAreErrors() throws {
        // The typo that published "Scopes to grant: none" (issue 22).
        let typo = Self.valid.replacingOccurrences(of: "requiredScopes:", with: "requiredScope:")
        let errors = Fixtures.loadErrors(typo)
        #expect(!errors.isEmpty)
        #expect(errors.contains { error in
            if case .unknownKey("requiredScope", let suggestions) = error.reason { suggestions.first == "requiredScopes" } else { false }
        }, "\(errors)")
        #expect(errors.first { if case .unknownKey = $0.reason { true } else { false } }?.description.contains(#"did you mean "requiredScopes"?"#) == true)
        let extended = Self.valid.replacingOccurrences(of: "name: Demo", with: "name: Demo\nx-releaseStage: beta\nx-owner: {team: docs}")
        let (_, warnings) = try CatalogLoader().loadConnector(yaml: extended)
        #expect(warnings.isEmpty)
        #expect(!Fixtures.loadErrors(Self.valid.replacingOccurrences(of: "name: Demo", with: "name: Demo\nreleaseStage: beta")).isEmpty)
    }

    @Test("an invalid variable pattern and a bad connector key are errors")
    func invalidPatternAndKey() {
        let yaml = Self.valid
            .replacingOccurrences(of: "\"^[a-z0-9-]+$\"", with: "\"([\"")
            .replacingOccurrences(of: "key: demo", with: "key: Demo!")
        let reasons = Fixtures.loadErrors(yaml).map(\.reason)
        #expect(reasons.contains(.invalidKey("Demo!")))
        #expect(reasons.contains(.invalidPattern("([")))
    }

    @Test("a folder whose name differs from the key is reported")
    func keyMismatch() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-\(UUID().uuidString)")
        let folder = directory.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.valid.write(to: folder.appendingPathComponent("other.connector.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: DiagnosticsError.self) { try CatalogLoader().load(directory: directory) }
        do {
            _ = try CatalogLoader().load(directory: directory)
        } catch {
            #expect(error.loadErrors.map(\.reason) == [.keyMismatch(key: "demo", folder: "other")])
            #expect(error.loadErrors.first?.location.file.hasSuffix("other/other.connector.yaml") == true)
        }
    }

    @Test("a folder with YAML but no <folder>.connector.yaml is an error naming what it holds; folders without YAML and hidden ones are not connectors")
    func missingConnectorFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "demo/demo.connector.yaml": Self.valid, "typo/typo.connector.yml": Self.valid, "images/logo.png": "png",
            ".git/config.yaml": "x: 1", "notes/readme.txt": "notes",
        ]
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        do {
            _ = try CatalogLoader().load(directory: directory)
            Issue.record("a folder without its connector file loaded")
        } catch {
            #expect(error.loadErrors.map(\.reason) == [.missingConnectorFile(found: ["typo.connector.yml"])])
            #expect(error.loadErrors.first?.location.file.hasSuffix("typo/typo.connector.yaml") == true)
            #expect(error.loadErrors.first?.description.contains("typo.connector.yml") == true)
        }
        // A server keeps serving the others and reports the folder as an unavailable connector.
        let available = try CatalogLoader().loadAvailable(directory: directory)
        #expect(available.catalog.connectors.map(\.key) == ["demo"])
        #expect(available.broken.map(\.key) == ["typo"])
    }

    /// Connector `index` of a folder of many: every third has an unknown key (a warning), and with
    /// `broken`, every fifth has a label that is not a string (an error).
    static func manyConnectors(_ index: Int, broken: Bool) -> String {
        var yaml = valid.replacingOccurrences(of: "key: demo", with: "key: c\(index)")
        if index % 3 == 0 { yaml = yaml.replacingOccurrences(of: "name: Demo", with: "name: Demo\nx-extra: \(index)") }
        if broken, index % 5 == 0 { yaml = yaml.replacingOccurrences(of: "label: List Items", with: "label: [List]") }
        return yaml
    }

    @Test("folders load in parallel to the same result as one at a time, in folder order", arguments: [false, true])
    func manyFolders(broken: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let indices = Array(0..<40)
        for index in indices.shuffled() {
            let folder = directory.appendingPathComponent("c\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.manyConnectors(index, broken: broken).write(
                to: folder.appendingPathComponent("c\(index).connector.yaml"), atomically: true, encoding: .utf8)
        }
        // Neither a folder without a connector file nor a loose file is a connector.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try "x: 1".write(to: directory.appendingPathComponent("loose.yaml"), atomically: true, encoding: .utf8)

        // The same files, one at a time, in the folders' sorted order.
        let keys = indices.map { "c\($0)" }.sorted()
        var connectors: [Connector] = []
        var problems: [LoadError] = []
        for key in keys {
            let index = Int(key.dropFirst())!
            let file = "\(directory.lastPathComponent)/\(key)/\(key).connector.yaml"
            do {
                let (connector, warnings) = try CatalogLoader().loadConnector(yaml: Self.manyConnectors(index, broken: broken), file: file)
                connectors.append(connector)
                problems += warnings
            } catch {
                problems += error.loadErrors
            }
        }

        for _ in 0..<3 {
            do {
                let result = try CatalogLoader().load(directory: directory)
                #expect(!broken)
                #expect(result.catalog.connectors == connectors)
                #expect(result.catalog.connectors.map(\.key) == keys)
                #expect(result.warnings == problems.sorted(by: LoadError.sourceOrder))
                #expect(result.warnings.isEmpty)
            } catch {
                #expect(broken)
                #expect(error.loadErrors == DiagnosticsError(loading: problems.filter { $0.reason.severity == .error }).loadErrors)
                #expect(error.loadErrors.count == 8)
            }
        }
    }

    @Test("the committed Front guide matches seed 002")
    func frontMatchesSeed() throws {
        let front = Fixtures.front
        #expect(front.actions.count == 52)
        #expect(front.actions.first?.id == "front_list_conversations")
        #expect(front.actions.last?.id == "front_create_draft")
        #expect(front.scopeDefinitions.count == 25)
        #expect(front.scopeDefinitions.allSatisfy { $0.includes.isEmpty })
        let method = try #require(front.methods.first)
        #expect(method.slug == "api-token")
        #expect(method.configFields.map(\.label) == ["API Token"])
        let guide = try #require(method.guides[.config])
        #expect(guide.warning == "You need a Front account with permissions to create API tokens.")
        #expect(guide.sections.map(\.title) == ["Create an API Token"])
        #expect(guide.sections[0].steps.map(\.title) == ["Navigate to API Tokens", "Create Token", "Configure Resource Permissions", "Save and Copy Token"])
        let scoped = guide.sections[0].steps[2]
        #expect(scoped.scopes == front.scopeDefinitions.map(\.scope))
        #expect(scoped.scopes.count == 25)
    }
}
