import Foundation
import ScopeGuideCore

/// Turns GitHub's fine-grained personal access token permission file (github/docs,
/// `src/github-apps/data/<version>/fine-grained-pat-permissions.json`: for each permission, the
/// REST endpoints it covers and the access each needs) into a guide source: one action per
/// endpoint, one scope per permission and access level, and the guide to create such a token.
///
/// ```swift
/// let data = try Data(contentsOf: URL(fileURLWithPath: "fine-grained-pat-permissions.json"))
/// let imported = try GitHubFineGrainedImporter().importFile(data, file: "fine-grained-pat-permissions.json")
/// print(imported.yaml)             // Guides/github/github.connector.yaml
/// ```
///
/// What the guide holds:
/// - **Scopes** `<permission>:read`, `:write` and `:admin` (`issues:write`) for each level the
///   file gives a permission and some action needs; `admin` includes `write`, which includes
///   `read`; privilege levels read 1, write 2, admin 3. Repository permissions come first, then
///   organization and user (account) permissions, each by title; the Administration permissions
///   come last: within a level they give the most, and the resolver breaks ties in favour of
///   earlier scopes, so an endpoint that takes either asks for the narrower one.
/// - **Actions**, one per endpoint (method and path), ordered by the file's category,
///   subcategory, path and method; the id is `<key>_<slug>` (`github_create_an_issue`). Where a
///   slug names several endpoints (`list-organization-secrets` for Actions, Codespaces and
///   Dependabot secrets), each of their ids adds the category (then the subcategory, then the
///   method, where that is not enough), and none keeps the plain id: a later file that gives a
///   slug a second endpoint renames its action rather than silently changing what it means. The
///   label is the slug as a sentence followed by the endpoint: "Create an issue (POST
///   /repos/{owner}/{repo}/issues)".
/// - **Requirements**: an endpoint listed under several permissions needs all of them, unless
///   `GitHubPermissionSets` gives the REST reference's permission sets (any one of which is
///   enough); an alternative that needs everything another does and more is left out. GitHub
///   marks Metadata (read) as mandatory on every fine-grained token, so every requirement
///   includes `metadata:read` and every answer asks for it.
/// - **The guide**, a custom API-token method (see `GitHubTokenGuide`).
/// - **Comments** at the top saying what was decided: the permission sets used and where they
///   were read, the endpoints that keep all of their permissions without the reference
///   confirming it, merged duplicates and scopes no action needs.
///
/// Entries listed twice are merged; a permission listed for one endpoint at two access levels
/// keeps the higher one, and the comments say so. The same file always gives the same bytes, and
/// the YAML is loaded back with ``CatalogLoader`` before it is returned.
public struct GitHubFineGrainedImporter: Sendable {
    /// The connector key, `[a-z0-9_-]+`; action ids start with it (`-` written `_`).
    package var key: String

    /// The largest file imported, in bytes (the published file is about 320 kB). The command
    /// reads at most one byte more, so a larger file is refused before it is read whole.
    package static let maximumInputSize = 32 << 20

    /// The permission GitHub gives every fine-grained token, read-only.
    static let metadataPermission = "metadata"

    public init(key: String = "github") {
        self.key = key
    }

    /// A successful import.
    public struct Result: Sendable {
        public var connector: Connector
        /// The guide source, for `Guides/<key>/<key>.connector.yaml`.
        public var yaml: String
        /// Problems that did not stop the import: when merging, file actions the import would
        /// have made differently.
        package var warnings: [Diagnostic]
        /// The warnings, as every importer gives them.
        public var diagnostics: [Diagnostic] { warnings }
        /// The comment lines at the top of ``yaml``.
        var header: [String]
    }

    /// Imports `data`, the permission file's bytes; `file` names it in errors.
    /// - Throws: ``DiagnosticsError`` with every problem found, at its JSON path.
    public func importFile(_ data: Data, file: String = "<input>") throws(DiagnosticsError) -> Result {
        do {
            return try importChecked(data, file: file)
        } catch {
            throw DiagnosticsError(importing: error)
        }
    }

    private func importChecked(_ data: Data, file: String) throws(GitHubFineGrainedImportError) -> Result {
        guard data.count <= Self.maximumInputSize else {
            throw GitHubFineGrainedImportError(file: file, .tooLarge(limit: Self.maximumInputSize))
        }
        guard key.range(of: "^[a-z0-9_-]+$", options: .regularExpression) != nil else {
            throw GitHubFineGrainedImportError(file: file, .invalidKey(key))
        }
        let permissionFile = try GitHubPermissionFile.decode(data, file: file)
        let built = Build(file: permissionFile, key: key)
        let yaml: String
        do {
            yaml = try ConnectorYAMLWriter.yaml(for: built.connector, header: built.header)
            _ = try CatalogLoader().loadConnector(yaml: yaml, file: "\(key).connector.yaml")
        } catch {
            throw GitHubFineGrainedImportError(file: file, .generatedGuideInvalid("\(error)"))
        }
        return Result(connector: built.connector, yaml: yaml, warnings: [], header: built.header)
    }

    /// `imported` added to `existing`, the connector already in the guides folder: the file's
    /// own name, scope definitions and actions are kept (an imported action that differs is a
    /// warning), scopes and actions only the import has are appended, and the import's token
    /// guide replaces the link-account guide of the method with the same slug (or is appended).
    /// Importing the same file again into its own output changes nothing.
    /// - Parameters:
    ///   - imported: what the permission file gives.
    ///   - existing: the connector already in the guides folder.
    ///   - file: the permission file, named in warnings.
    package static func merge(_ imported: Result, into existing: Connector, file: String = "<input>") throws(DiagnosticsError) -> Result {
        var connector = existing
        var warnings: [Diagnostic] = []
        let existingActions = Dictionary(connector.actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for action in imported.connector.actions {
            if let old = existingActions[action.id] {
                if old != action {
                    warnings.append(Diagnostic(severity: .warning, file: file, message:
                        "the file's action \"\(action.id)\" differs from the one already in the guide source, which is kept"))
                }
            } else {
                connector.actions.append(action)
            }
        }
        let defined = Set(connector.scopeDefinitions.map(\.scope))
        connector.scopeDefinitions += imported.connector.scopeDefinitions.filter { !defined.contains($0.scope) }
        for method in imported.connector.methods {
            guard let index = connector.methods.firstIndex(where: { $0.slug == method.slug }) else {
                connector.methods.append(method)
                continue
            }
            connector.methods[index].guides[.config] = method.guides[.config]
            connector.methods[index].configFields = method.configFields
        }
        // Importing the same file again: the import's text, already written and loaded back.
        if connector == imported.connector { return Result(connector: connector, yaml: imported.yaml, warnings: warnings, header: imported.header) }
        do {
            let yaml = try ConnectorYAMLWriter.yaml(for: connector, header: imported.header)
            _ = try CatalogLoader().loadConnector(yaml: yaml, file: "\(connector.key).connector.yaml")
            return Result(connector: connector, yaml: yaml, warnings: warnings, header: imported.header)
        } catch {
            throw DiagnosticsError(importing: GitHubFineGrainedImportError(file: file, .generatedGuideInvalid("\(error)")))
        }
    }
}

extension GitHubFineGrainedImporter {
    /// The connector and its header comments, made from a decoded file.
    private struct Build {
        var connector: Connector
        var header: [String]

        init(file: GitHubPermissionFile, key: String) {
            let groups = Self.ordered(file.groups)
            let (endpoints, merged, raised) = Self.endpoints(groups)
            let metadata = GitHubFineGrainedImporter.metadataPermission

            // What each endpoint needs: its permission sets, as grants.
            var applied: [(GitHubEndpoint, GitHubPermissionSets)] = []
            var unconfirmed: [GitHubEndpoint] = []
            var stale: [GitHubEndpoint] = []
            let sets: [[[GitHubPermissionSets.Grant]]] = endpoints.map { endpoint in
                let grants = endpoint.access.filter { $0.key != metadata }
                    .map { GitHubPermissionSets.Grant(permission: $0.key, access: $0.value) }
                if let entry = GitHubPermissionSets.entry(verb: endpoint.verb, path: endpoint.path) {
                    if entry.grants == Set(grants) {
                        applied.append((endpoint, entry))
                        return entry.sets
                    }
                    stale.append(endpoint)
                } else if grants.count > 1 {
                    unconfirmed.append(endpoint)
                }
                return [grants]
            }

            // Scopes: those some alternative needs, in permission order, each level including
            // the next lower one defined.
            func scope(_ grant: GitHubPermissionSets.Grant) -> Scope { Scope("\(grant.permission):\(grant.access.rawValue)") }
            let metadataScope = Scope("\(metadata):\(GitHubAccessLevel.read.rawValue)")
            let reduced: [[[Scope]]] = sets.map { alternatives in
                Self.withoutSupersets(alternatives.map { $0.map(scope) + [metadataScope] })
            }
            let required = Set(reduced.joined().joined())
            var definitions: [ScopeDefinition] = []
            var kinds: [GitHubTokenGuide.Kind] = []
            var listed: [Scope] = []
            var usedLevels: Set<GitHubAccessLevel> = [.read]
            for group in groups {
                let levels = Set(group.entries.map(\.access)).union(group.name == metadata ? [.read] : [])
                let defined = GitHubAccessLevel.allCases.filter { levels.contains($0) }
                    .filter { required.contains(Scope("\(group.name):\($0.rawValue)")) || group.name == metadata && $0 == .read }
                listed += GitHubAccessLevel.allCases.filter(levels.contains).map { Scope("\(group.name):\($0.rawValue)") }
                for (index, level) in defined.enumerated() {
                    usedLevels.insert(level)
                    definitions.append(ScopeDefinition(
                        scope: Scope("\(group.name):\(level.rawValue)"),
                        description: Self.description(group, level),
                        includes: index > 0 ? [Scope("\(group.name):\(defined[index - 1].rawValue)")] : [],
                        privilege: level.privilege))
                }
                let scopes = defined.map { Scope("\(group.name):\($0.rawValue)") }.filter { $0 != metadataScope }
                if let index = kinds.firstIndex(where: { $0.name == group.kind }) {
                    kinds[index].scopes += scopes
                } else {
                    kinds.append(GitHubTokenGuide.Kind(name: group.kind, scopes: scopes))
                }
            }
            if !definitions.contains(where: { $0.scope == metadataScope }) {
                definitions.append(ScopeDefinition(scope: metadataScope, description: "\"Metadata\" repository permission (read)", privilege: 1))
            }
            let position = Dictionary(definitions.enumerated().map { ($1.scope, $0) }, uniquingKeysWith: { first, _ in first })

            // Actions, in catalogue order.
            let ids = Self.ids(for: endpoints, prefix: key.replacingOccurrences(of: "-", with: "_"))
            let actions = endpoints.indices.map { index in
                Action(
                    id: ActionID(ids[index]), label: endpoints[index].label,
                    requirement: Requirement(alternatives: reduced[index].map { alternative in
                        alternative.sorted { position[$0]! < position[$1]! }
                    }))
            }
            let method = GitHubTokenGuide.method(
                kinds: kinds, metadata: metadataScope, levels: usedLevels,
                workflowsNote: applied.lazy.compactMap { _, entry in
                    entry.sets.contains { $0.contains { $0.permission == "workflows" } } ? entry.sets.first?.first.map(scope) : nil
                }.first)
            connector = Connector(key: key, name: "GitHub", scopeDefinitions: definitions, actions: actions, methods: [method])

            let idOf = Dictionary(endpoints.indices.map { (endpoints[$0].key, ids[$0]) }, uniquingKeysWith: { first, _ in first })
            header = Self.header(
                file: file, endpoints: endpoints, idOf: idOf, merged: merged, raised: raised, applied: applied,
                unconfirmed: unconfirmed, stale: stale, unused: listed.filter { !required.contains($0) && $0 != metadataScope })
        }

        // MARK: Parts

        /// Repository permissions, then organization, then user, then any other kind, each by
        /// title; the Administration permissions last.
        private static func ordered(_ groups: [GitHubPermissionFile.Group]) -> [GitHubPermissionFile.Group] {
            func rank(_ kind: String?) -> Int { ["repository", "organization", "user"].firstIndex(of: kind ?? "") ?? 3 }
            func codePoints(_ a: String, _ b: String) -> Bool { a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) }
            return groups.sorted { a, b in
                let (x, y) = (a.title.lowercased() == "administration", b.title.lowercased() == "administration")
                if x != y { return y }
                if rank(a.kind) != rank(b.kind) { return rank(a.kind) < rank(b.kind) }
                if a.kind != b.kind { return codePoints(a.kind ?? "", b.kind ?? "") }
                if a.title != b.title { return codePoints(a.title, b.title) }
                return codePoints(a.name, b.name)
            }
        }

        /// `"Issues" repository permission (read)`, as GitHub's REST reference names a permission.
        private static func description(_ group: GitHubPermissionFile.Group, _ level: GitHubAccessLevel) -> String {
            "\"\(group.title)\" \(group.kind.map { "\($0) " } ?? "")permission (\(level.rawValue))"
        }

        /// The file's entries merged into endpoints, in catalogue order; with the number of
        /// entries merged into another, and the permissions listed at two levels for one endpoint.
        private static func endpoints(_ groups: [GitHubPermissionFile.Group]) -> ([GitHubEndpoint], Int, [String]) {
            var byKey: [String: GitHubEndpoint] = [:]
            var merged = 0
            var raised: [String] = []
            for group in groups {
                for entry in group.entries {
                    let key = "\(entry.verb) \(entry.requestPath)"
                    guard var endpoint = byKey[key] else {
                        byKey[key] = GitHubEndpoint(
                            verb: entry.verb, path: entry.requestPath, slug: entry.slug, category: entry.category,
                            subcategory: entry.subcategory, access: [group.name: entry.access], additionalPermissions: entry.additionalPermissions)
                        continue
                    }
                    if let old = endpoint.access[group.name] {
                        merged += 1
                        if old != entry.access {
                            raised.append("\(endpoint.endpoint) is listed under \(group.name) as \(min(old, entry.access).rawValue) and \(max(old, entry.access).rawValue); \(max(old, entry.access).rawValue) is kept.")
                        }
                    }
                    endpoint.access[group.name] = max(endpoint.access[group.name] ?? entry.access, entry.access)
                    endpoint.additionalPermissions = endpoint.additionalPermissions || entry.additionalPermissions
                    byKey[key] = endpoint
                }
            }
            let endpoints = byKey.values.sorted { a, b in
                (a.category, a.subcategory, a.path, a.verbRank, a.verb) < (b.category, b.subcategory, b.path, b.verbRank, b.verb)
            }
            return (endpoints, merged, raised.sorted())
        }

        /// The alternatives without repeats and without any that needs all another needs and more.
        static func withoutSupersets(_ alternatives: [[Scope]]) -> [[Scope]] {
            let sets = alternatives.map(Set.init)
            return alternatives.indices.filter { index in
                !sets.indices.contains { other in
                    other != index && sets[other].isSubset(of: sets[index]) && (sets[other] != sets[index] || other < index)
                }
            }.map { alternatives[$0] }
        }

        /// Each endpoint's action id: `<prefix>_<slug>`; where slugs collide, with the category,
        /// then the subcategory, then the method added, and as a last resort a number.
        static func ids(for endpoints: [GitHubEndpoint], prefix: String) -> [String] {
            func candidate(_ endpoint: GitHubEndpoint, _ level: Int) -> String {
                let parts = [[endpoint.category], [endpoint.category, endpoint.subcategory], [endpoint.category, endpoint.subcategory, endpoint.verb]]
                let extra = level == 0 ? [] : parts[min(level, 3) - 1]
                return ([prefix] + extra + [endpoint.slug]).joined(separator: "_").replacingOccurrences(of: "-", with: "_")
            }
            var level = Array(repeating: 0, count: endpoints.count)
            for indices in Dictionary(grouping: endpoints.indices, by: { endpoints[$0].slug }).values where indices.count > 1 {
                for index in indices { level[index] = 1 }
            }
            var ids = endpoints.indices.map { candidate(endpoints[$0], level[$0]) }
            for _ in 0..<3 {
                let colliding = Dictionary(grouping: endpoints.indices, by: { ids[$0] }).values.filter { $0.count > 1 }.joined()
                guard !colliding.isEmpty else { break }
                for index in colliding where level[index] < 3 { level[index] += 1 }
                ids = endpoints.indices.map { candidate(endpoints[$0], level[$0]) }
            }
            // Still equal (a file with two endpoints that agree in all of these): the first keeps
            // the id, the others are numbered in catalogue order, past any id already taken.
            let all = Set(ids)
            var assigned = Set<String>()
            for index in ids.indices where !assigned.insert(ids[index]).inserted {
                var number = 2
                while all.contains("\(ids[index])_\(number)") || assigned.contains("\(ids[index])_\(number)") { number += 1 }
                ids[index] = "\(ids[index])_\(number)"
                assigned.insert(ids[index])
            }
            return ids
        }

        // MARK: Header

        private static func header(
            file: GitHubPermissionFile, endpoints: [GitHubEndpoint], idOf: [String: String], merged: Int, raised: [String],
            applied: [(GitHubEndpoint, GitHubPermissionSets)], unconfirmed: [GitHubEndpoint], stale: [GitHubEndpoint], unused: [Scope]
        ) -> [String] {
            let entries = file.groups.reduce(0) { $0 + $1.entries.count }
            let slugs = Dictionary(grouping: endpoints, by: \.slug).filter { $0.value.count > 1 }
            func grants(_ set: [GitHubPermissionSets.Grant]) -> String { set.map { "\($0.permission):\($0.access.rawValue)" }.joined(separator: " + ") }
            var lines = [
                "GitHub, imported by `scopeguide import --from github-fine-grained` from GitHub's fine-grained personal access token",
                "permission file (github/docs src/github-apps/data/<version>/fine-grained-pat-permissions.json): \(file.groups.count) permissions,",
                "\(entries) entries, \(endpoints.count) endpoints. Import it again rather than editing this file.",
                "",
                "Scopes: <permission>:read, :write and :admin for each level the file gives a permission and some action needs;",
                "admin includes write, write includes read; privilege read 1, write 2, admin 3. Administration permissions are",
                "defined last: within a level they give the most, and ties go to the scope defined first.",
                "Metadata: GitHub marks Metadata (read) as mandatory on every fine-grained token, so every action needs",
                "metadata:read as well and every answer includes it.",
                "Actions: one per endpoint; id <key>_<slug>, label the slug as a sentence and the endpoint. \(slugs.count) \(slugs.count == 1 ? "slug names" : "slugs name")",
                "\(slugs.values.reduce(0) { $0 + $1.count }) endpoints; their ids add the category (then the subcategory or method where needed)",
                "and none keeps the plain slug id, so an id never changes meaning when a later file gives its slug a second endpoint.",
                "Entries merged into another entry of the same endpoint and permission: \(merged).",
            ]
            lines += raised
            let flagged = endpoints.filter { endpoint in
                endpoint.additionalPermissions && endpoint.access.keys.filter { $0 != GitHubFineGrainedImporter.metadataPermission }.count <= 1
            }
            if !flagged.isEmpty {
                lines += [
                    "\(flagged.count) endpoints are flagged additional-permissions under one permission: GitHub's generator leaves",
                    "Metadata (and permissions fine-grained tokens cannot have) out of those lists; metadata:read is in every requirement.",
                ]
            }
            lines += [
                "",
                "Requirements: an endpoint listed under several permissions needs all of them, unless GitHub's REST reference",
                "gives its permission sets (the importer's table, Sources/ScopeGuideImport/GitHub/GitHubPermissionSets.swift).",
            ]
            let anyOf = applied.filter { $0.1.isAnyOf }
            if !anyOf.isEmpty {
                lines.append("Any one permission set is enough (an alternative needing more than another is left out):")
                for (endpoint, entry) in anyOf {
                    lines.append("  \(idOf[endpoint.key]!): \(entry.sets.map(grants).joined(separator: " | ")); \(entry.source)")
                }
            }
            let allOf = applied.filter { !$0.1.isAnyOf }
            if !allOf.isEmpty {
                lines.append("All permissions needed, as the reference confirms:")
                for (endpoint, entry) in allOf { lines.append("  \(idOf[endpoint.key]!): \(grants(entry.sets[0])); \(entry.source)") }
            }
            if !unconfirmed.isEmpty {
                lines.append("All permissions needed, NOT confirmed (the reference was not found; needing all never asks for too little):")
                for endpoint in unconfirmed {
                    let set = endpoint.access.filter { $0.key != GitHubFineGrainedImporter.metadataPermission }
                        .map { GitHubPermissionSets.Grant(permission: $0.key, access: $0.value) }
                        .sorted { ($0.permission, $0.access.privilege) < ($1.permission, $1.access.privilege) }
                    lines.append("  \(idOf[endpoint.key]!): \(grants(set))")
                }
            }
            if !stale.isEmpty {
                lines.append("Table entries that no longer match the file's permissions (all permissions needed):")
                for endpoint in stale { lines.append("  \(idOf[endpoint.key]!)") }
            }
            if !unused.isEmpty {
                lines.append("Listed in the file but needed by no action once alternatives are reduced, so not defined: \(unused.map(\.rawValue).joined(separator: " ")).")
            }
            return lines
        }
    }
}
