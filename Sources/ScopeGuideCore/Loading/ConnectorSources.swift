import Foundation

/// The source files of one connector folder, read once: `<folder>.connector.yaml`, its
/// `*.actions.yaml` parts in load order, and the guides folder's `site.yaml` when there is one.
///
/// The loader decodes these very bytes, and `ConnectorCache` keys its entries on them, so a
/// file that changes while a command runs can never be cached under its earlier contents.
struct ConnectorSources: Sendable {
    /// One file: where it is, how problems name it, and its bytes (`nil` when it cannot be read).
    struct File: Sendable {
        var url: URL
        var displayPath: String
        var data: Data?
    }

    /// The folder's name, which must equal the connector's key.
    var folder: String
    var connector: File
    /// The `*.actions.yaml` files, in the order their actions follow the connector file's own.
    var parts: [File]
    /// `site.yaml`, when the guides folder has one.
    var site: File?

    /// Reads the sources of `folder` under `directory`; `nil` when the folder holds no
    /// `<folder>.connector.yaml`. With `includingSite`, `site.yaml` too.
    static func read(folder: String, in directory: URL, includingSite: Bool) -> ConnectorSources? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let folderURL = directory.appendingPathComponent(folder)
        guard fileManager.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        let connectorURL = folderURL.appendingPathComponent("\(folder).connector.yaml")
        guard fileManager.fileExists(atPath: connectorURL.path) else { return nil }
        let root = directory.path
        // More of the catalogue: `*.actions.yaml` beside the connector file, by name.
        let partNames = ((try? fileManager.contentsOfDirectory(atPath: folderURL.path)) ?? [])
            .filter { $0.hasSuffix(CatalogLoader.actionsFileSuffix) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let siteURL = directory.appendingPathComponent("site.yaml")
        let site = includingSite && fileManager.fileExists(atPath: siteURL.path) ? file(siteURL, root: root) : nil
        return ConnectorSources(
            folder: folder, connector: file(connectorURL, root: root),
            parts: partNames.map { file(folderURL.appendingPathComponent($0), root: root) }, site: site)
    }

    /// The error for a visible folder under the guides that holds YAML files but no
    /// `<folder>.connector.yaml` (say `<folder>.connector.yml`, or a typo in the name): a
    /// connector that would otherwise vanish from the site without a word. Folders without YAML
    /// (images, notes) are not connectors and get none.
    static func missingConnectorFile(folder: String, in directory: URL) -> LoadError? {
        let folderURL = directory.appendingPathComponent(folder)
        var isDirectory: ObjCBool = false
        guard !folder.hasPrefix("."), FileManager.default.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return nil }
        let yaml = ((try? FileManager.default.contentsOfDirectory(atPath: folderURL.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !yaml.isEmpty else { return nil }
        let expected = folderURL.appendingPathComponent("\(folder).connector.yaml")
        return LoadError(location: SourceLocation(file: displayPath(expected, directory.path), line: 1, column: 1), keyPath: "", reason: .missingConnectorFile(found: yaml))
    }

    /// `url`'s bytes, named as problems in it are shown.
    static func file(_ url: URL, root: String) -> File {
        File(url: url, displayPath: displayPath(url, root), data: FileManager.default.contents(atPath: url.path))
    }

    /// `url` relative to the guides folder's parent, such as `Guides/front/front.connector.yaml`.
    static func displayPath(_ url: URL, _ root: String) -> String {
        let base = URL(fileURLWithPath: root).deletingLastPathComponent().standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}
