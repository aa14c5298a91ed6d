import Foundation
import ScopeGuideCore

/// `Output/manifest.json`: every built guide with its files, their SHA-256 and size, and what
/// its front matter says, for a docs pipeline to publish, cache-bust or diff what was built.
///
/// ```json
/// {"generator": "scopeguide", "guides": [{"connector": "front", "guide": "link-account",
///   "methodSlug": "api-token", "guideURL": "https://…", "scopes": […],
///   "files": [{"path": "connectors/front/guides/link-account/api-token.md", "sha256": "…", "bytes": 4021}, …], …}]}
/// ```
///
/// Guides come in build order, keys sorted, so the same build always gives the same bytes.
package struct SiteManifest: Codable, Hashable, Sendable {
    package struct File: Codable, Hashable, Sendable {
        package var path: String
        package var sha256: String
        package var bytes: Int

        package init(path: String, contents: String) {
            self.path = path
            sha256 = ContentHash.hex(of: contents)
            bytes = contents.utf8.count
        }
    }

    package struct Guide: Codable, Hashable, Sendable {
        package var connector: String
        package var connectorName: String
        package var method: String
        package var methodSlug: String
        /// `link-account` or `connector-profile`.
        package var guide: String
        package var title: String
        package var description: String
        /// The canonical dynamic guide URL.
        package var guideURL: String
        /// The scopes the untailored guide asks for.
        package var scopes: [String]
        package var files: [File]

        package init(_ frontMatter: GuideFrontMatter, files: [File]) {
            connector = frontMatter.connector
            connectorName = frontMatter.connectorName
            method = frontMatter.method
            methodSlug = frontMatter.methodSlug
            guide = frontMatter.guide.pathSegment
            title = frontMatter.title
            description = frontMatter.description
            guideURL = frontMatter.guideURL
            scopes = frontMatter.scopes
            self.files = files
        }
    }

    package var generator = "scopeguide"
    package var guides: [Guide]
    /// The site files the build wrote besides the guides' and the manifest (`index.html`,
    /// `sitemap.xml`), so that a later build that writes none of them (`--formats md`) removes
    /// them, and no static-site generator finds a stale index among its sources.
    package var files: [File]

    /// What a build reads back of an earlier build's manifest: only the files it recorded, so a
    /// manifest of any version (one with `url` rather than `guideURL`, say) still tells the build
    /// which files are its own to replace or delete.
    struct Record: Decodable {
        struct Guide: Decodable {
            var files: [File]
        }

        var generator: String
        var guides: [Guide]
        /// Absent from the manifests of builds before the site files were recorded.
        var files: [File]?
    }

    package init(guides: [Guide], files: [File] = []) {
        self.guides = guides
        self.files = files
    }

    /// Pretty-printed, keys sorted, slashes unescaped, one final newline: the bytes `JSONEncoder`
    /// writes for this `Codable` value, through `PrettyJSON` (the encoder's boxed containers
    /// made the manifest of 500 guides a serial 14 M instructions at the end of a build).
    package func json() -> String {
        func json(_ file: File) -> PrettyJSON {
            .object([("path", .string(file.path)), ("sha256", .string(file.sha256)), ("bytes", .integer(file.bytes))])
        }
        let guides = guides.map { guide -> PrettyJSON in
            let files = guide.files.map(json)
            return .object([
                ("connector", .string(guide.connector)), ("connectorName", .string(guide.connectorName)),
                ("method", .string(guide.method)), ("methodSlug", .string(guide.methodSlug)), ("guide", .string(guide.guide)),
                ("title", .string(guide.title)), ("description", .string(guide.description)), ("guideURL", .string(guide.guideURL)),
                ("scopes", .strings(guide.scopes)), ("files", .array(files)),
            ])
        }
        return PrettyJSON.object([("files", .array(files.map(json))), ("generator", .string(generator)), ("guides", .array(guides))]).text + "\n"
    }
}
