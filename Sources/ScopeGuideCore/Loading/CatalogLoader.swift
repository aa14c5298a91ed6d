import Foundation

/// Loads guide sources: `Guides/<key>/<key>.connector.yaml` for each connector and the optional
/// `Guides/site.yaml`.
///
/// Every problem in every file is collected; loading fails with all of them at once.
public struct CatalogLoader: Sendable {
    /// What a successful load returns: the catalogue and the warnings met on the way.
    public struct Result: Sendable {
        public internal(set) var catalog: Catalog
        package internal(set) var warnings: [LoadError]
        /// Problems that did not stop loading (keys ScopeGuide does not read), in file order.
        public var diagnostics: [Diagnostic] { warnings.map(Diagnostic.init) }
    }

    public init() {}

    /// The largest guide file loaded, in bytes: 32 MiB (a real 11,000-operation catalogue is
    /// about 3 MB in block style; larger ones split into `*.actions.yaml` files). A larger file
    /// (a pasted blob, say) is one clear error at once rather than seconds of parsing.
    package static let maximumFileSize = 32 << 20

    /// The name ending of the files that carry more of a connector's actions, beside
    /// `<key>.connector.yaml` in its folder (`calendar.actions.yaml`, `mail.actions.yaml`): each
    /// holds one `actions:` list; they are read after the connector file's own actions, in
    /// code-point order of their names.
    static let actionsFileSuffix = ".actions.yaml"

    /// How many nodes the YAML aliases of one file may bring in, counted with repetition:
    /// 100,000. Anything that walks an expanded tree (the decoder does) costs its full size,
    /// however short the text: ten anchors each doubling the last ten times reach 10^9 nodes in
    /// 490 bytes.
    package static let maximumAliasedNodes = YAMLPreflight.maximumAliasedNodes

    /// How many distinct scopes one connector may name, defined or required: 20,000, where the
    /// largest real catalogues have hundreds. Resolution keeps what each scope grants as a bitset
    /// over every scope, so memory grows with the square of the count: 20,000 scopes take 50 MB,
    /// and the 200,000 a 15 MB file can define would take 5 GB.
    package static let maximumScopes = 20_000

    /// How deep sequences and mappings may nest in a guide file: 200 levels.
    package static let maximumNesting = YAMLPreflight.maximumDepth

    /// Loads every connector folder under `directory`, or with `only`, those folders alone (and
    /// `site.yaml`): a command about one connector then neither waits for nor fails on the others.
    /// - Throws: ``DiagnosticsError`` listing every error found, in file order.
    public func load(directory: URL, only keys: Set<String>? = nil) throws(DiagnosticsError) -> Result {
        let (site, siteProblems, folders) = try read(directory: directory, only: keys)
        // The folders were loaded in parallel; merged in folder order, problems and connectors
        // come out as from a serial load.
        return try result(connectors: folders.compactMap(\.loaded.connector), site: site, problems: siteProblems + folders.flatMap(\.loaded.problems))
    }

    /// What ``loadAvailable(directory:)`` gives: the connectors that loaded, and those that did not.
    package struct PartialResult: Sendable {
        /// The connectors whose files have no error, and the site.
        public internal(set) var catalog: Catalog
        /// Each connector folder whose files have errors, with them, in folder order.
        package internal(set) var broken: [BrokenConnector]
        package internal(set) var warnings: [LoadError]
    }

    /// A connector folder that did not load.
    package struct BrokenConnector: Hashable, Sendable {
        /// The folder's name, which is the connector's key.
        package internal(set) var key: String
        package internal(set) var errors: [LoadError]
    }

    /// Loads every connector folder that loads, and reports the others instead of failing: for a
    /// server that must keep answering for the healthy connectors while one file is being fixed.
    /// - Throws: ``DiagnosticsError`` only for what every connector depends on: an unreadable folder
    ///   or a broken `site.yaml`.
    package func loadAvailable(directory: URL) throws(DiagnosticsError) -> PartialResult {
        let (site, siteProblems, folders) = try read(directory: directory, only: nil)
        let siteErrors = siteProblems.filter { $0.reason.severity == .error }
        guard siteErrors.isEmpty else { throw DiagnosticsError(loading: siteErrors) }
        var connectors: [Connector] = [], broken: [BrokenConnector] = [], warnings = siteProblems
        for (folder, loaded) in folders {
            let errors = loaded.problems.filter { $0.reason.severity == .error }
            if !errors.isEmpty {
                broken.append(BrokenConnector(key: folder, errors: errors))
            } else if let connector = loaded.connector {
                connectors.append(connector)
                warnings += loaded.problems
            }
        }
        return PartialResult(catalog: Catalog(site: site, connectors: connectors), broken: broken, warnings: warnings.sorted(by: LoadError.sourceOrder))
    }

    /// `site.yaml` (defaults when absent) and its problems, and each connector folder, loaded.
    private func read(directory: URL, only keys: Set<String>?) throws(DiagnosticsError) -> (Site, [LoadError], [(folder: String, loaded: LoadedFolder)]) {
        let fileManager = FileManager.default
        let siteURL = directory.appendingPathComponent("site.yaml")
        let root = directory.path
        let (site, problems) = loadSite(fileManager.fileExists(atPath: siteURL.path) ? ConnectorSources.file(siteURL, root: root) : nil)
        guard let allFolders = try? fileManager.contentsOfDirectory(atPath: root).sorted() else {
            throw DiagnosticsError(loading: [LoadError(
                location: SourceLocation(file: root, line: 1, column: 1), keyPath: "",
                reason: .unreadable("no such directory"))])
        }
        let folders = keys.map { keys in allFolders.filter(keys.contains) } ?? allFolders
        return (site, problems, Array(zip(folders, loadFolders(folders, in: directory))).map { (folder: $0.0, loaded: $0.1) })
    }

    /// Loads one connector from its sources as read: what ``load(directory:only:)`` returns for
    /// that folder alone, from these bytes (`ConnectorCache` keys its entries on them).
    /// - Throws: ``DiagnosticsError`` listing every error found, in file order.
    func load(_ sources: ConnectorSources) throws(DiagnosticsError) -> Result {
        let (site, siteProblems) = loadSite(sources.site)
        let loaded = loadFolder(sources)
        return try result(connectors: loaded.connector.map { [$0] } ?? [], site: site, problems: siteProblems + loaded.problems)
    }

    /// The site `file` describes (the defaults without one) and its problems.
    private func loadSite(_ file: ConnectorSources.File?) -> (Site, [LoadError]) {
        guard let file else { return (Site(), []) }
        var diagnostics = ProblemCollector()
        var site = Site()
        if let cursor = parse(file, diagnostics: &diagnostics) {
            site = SiteDecoder.decode(cursor, diagnostics: &diagnostics)
        }
        return (site, diagnostics.problems)
    }

    /// What one folder under the guides folder gave: no connector when it holds no
    /// `<folder>.connector.yaml` or that file has errors, and the file's problems.
    private struct LoadedFolder: Sendable {
        var connector: Connector?
        var problems: [LoadError] = []
    }

    /// Loads each of `folders` (names under `directory`), on every core, into its own slot of the
    /// result: each folder's documents, cursors and decoder stay on the thread that made them.
    private func loadFolders(_ folders: [String], in directory: URL) -> [LoadedFolder] {
        folders.concurrentMap { loadFolder($0, in: directory) }
    }

    private func loadFolder(_ folder: String, in directory: URL) -> LoadedFolder {
        if let sources = ConnectorSources.read(folder: folder, in: directory, includingSite: false) { return loadFolder(sources) }
        return LoadedFolder(problems: ConnectorSources.missingConnectorFile(folder: folder, in: directory).map { [$0] } ?? [])
    }

    private func loadFolder(_ sources: ConnectorSources) -> LoadedFolder {
        var diagnostics = ProblemCollector()
        var connector: Connector?
        if let cursor = parse(sources.connector, diagnostics: &diagnostics) {
            let parts = parseParts(sources.parts, diagnostics: &diagnostics)
            var decoder = ConnectorDecoder(folder: sources.folder)
            connector = decoder.decode(cursor, actionFiles: parts)
            diagnostics = decoder.diagnostics.merging(diagnostics)
        }
        return LoadedFolder(connector: connector, problems: diagnostics.problems)
    }

    /// The `*.actions.yaml` files `parts`, parsed on every core (a split catalogue's parts are
    /// most of its bytes), their problems added to `diagnostics` in the order of `parts`, as a
    /// serial parse adds them.
    private func parseParts(_ parts: [ConnectorSources.File], diagnostics: inout ProblemCollector) -> [YAMLCursor] {
        let parsed = parts.concurrentMap { part -> (cursor: YAMLCursor?, diagnostics: ProblemCollector) in
            var problems = ProblemCollector()
            let cursor = parse(part, diagnostics: &problems)
            return (cursor, problems)
        }
        for part in parsed { diagnostics = part.diagnostics.merging(diagnostics) }
        return parsed.compactMap(\.cursor)
    }

    /// Loads one connector from YAML text; `file` names it in errors.
    /// - Throws: ``DiagnosticsError`` listing every error found.
    package func loadConnector(yaml: String, file: String = "<input>") throws(DiagnosticsError) -> (connector: Connector, warnings: [LoadError]) {
        try loadConnector(file: file) { diagnostics in parse(yaml, file: file, diagnostics: &diagnostics) }
    }

    /// Loads one connector from the bytes of a YAML file, which must be UTF-8, as `load(directory:)` reads them.
    /// - Throws: ``DiagnosticsError`` listing every error found.
    package func loadConnector(data: Data, file: String = "<input>") throws(DiagnosticsError) -> (connector: Connector, warnings: [LoadError]) {
        try loadConnector(file: file) { diagnostics in parse(data, file: file, diagnostics: &diagnostics) }
    }

    private func loadConnector(
        file: String, parsing parse: (inout ProblemCollector) -> YAMLCursor?
    ) throws(DiagnosticsError) -> (connector: Connector, warnings: [LoadError]) {
        var diagnostics = ProblemCollector()
        var connector: Connector?
        if let cursor = parse(&diagnostics) {
            var decoder = ConnectorDecoder(folder: nil)
            connector = decoder.decode(cursor)
            diagnostics = decoder.diagnostics.merging(diagnostics)
        }
        let result = try result(connectors: connector.map { [$0] } ?? [], site: Site(), problems: diagnostics.problems)
        guard let loaded = result.catalog.connectors.first else {
            throw DiagnosticsError(loading: [LoadError(
                location: SourceLocation(file: file, line: 1, column: 1), keyPath: "", reason: .syntax("empty document"))])
        }
        return (loaded, result.warnings)
    }

    private func result(connectors: [Connector], site: Site, problems: [LoadError]) throws(DiagnosticsError) -> Result {
        let errors = problems.filter { $0.reason.severity == .error }
        guard errors.isEmpty else { throw DiagnosticsError(loading: errors) }
        return Result(catalog: Catalog(site: site, connectors: connectors), warnings: problems.filter{ $0.reason.severity == .warning }.sorted(by: LoadError.sourceOrder))
    }

    private func parse(_ file: ConnectorSources.File, diagnostics: inout ProblemCollector) -> YAMLCursor? {
        guard let data = file.data else {
            diagnostics.report(.unreadable("cannot open"), at: SourceLocation(file: file.displayPath, line: 1, column: 1), path: "")
            return nil
        }
        return parse(data, file: file.displayPath, diagnostics: &diagnostics)
    }

    private func parse(_ data: Data, file: String, diagnostics: inout ProblemCollector) -> YAMLCursor? {
        guard data.count <= Self.maximumFileSize else {
            diagnostics.report(.tooLarge(data.count), at: SourceLocation(file: file, line: 1, column: 1), path: "")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.report(.unreadable("not valid UTF-8"), at: SourceLocation(file: file, line: 1, column: 1), path: "")
            return nil
        }
        return parse(text, file: file, diagnostics: &diagnostics)
    }

    private func parse(_ text: String, file: String, diagnostics: inout ProblemCollector) -> YAMLCursor? {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard text.utf8.count <= Self.maximumFileSize else {
            diagnostics.report(.tooLarge(text.utf8.count), at: start, path: "")
            return nil
        }
        do throws(YAMLDocumentParser.Failure) {
            guard let document = try YAMLDocumentParser.parse(text) else {
                diagnostics.report(.syntax("empty document"), at: start, path: "")
                return nil
            }
            return YAMLCursor(root: document, file: file)
        } catch {
            switch error {
            case .refused(let refusal):
                let reason: LoadError.Reason = switch refusal.reason {
                case .aliasExpansion(let nodes): .aliasExpansion(nodes)
                case .collectionKey: .collectionKey
                case .tooDeep: .nestingTooDeep
                }
                diagnostics.report(reason, at: SourceLocation(file: file, line: refusal.line, column: refusal.column), path: "")
            case .invalid(let message, let line, let column):
                diagnostics.report(.syntax(message), at: SourceLocation(file: file, line: line, column: column), path: "")
            }
        }
        return nil
    }
}

extension ProblemCollector {
    /// `other`'s problems followed by these.
    func merging(_ other: ProblemCollector) -> ProblemCollector {
        var merged = other
        for problem in problems { merged.report(problem.reason, at: problem.location, path: problem.keyPath) }
        return merged
    }
}
