import Foundation

/// `Output/manifest.json`: every built guide with its files, their SHA-256 and size, and what
/// its front matter says, for a docs pipeline to publish, cache-bust or diff what was built.
///
/// ```json
/// {"generator": "scopeguide", "guides": [{"connector": "front", "guide": "link-account",
///   "methodSlug": "api-token", "url": "https://…", "scopes": […],
///   "files": [{"path": "front/link-account/api-token.md", "sha256": "…", "bytes": 4021}, …], …}]}
/// ```
///
/// Guides come in build order, keys sorted, so the same build always gives the same bytes.
public struct SiteManifest: Codable, Hashable, Sendable {
    public struct File: Codable, Hashable, Sendable {
        public var path: String
        public var sha256: String
        public var bytes: Int

        public init(path: String, contents: String) {
            self.path = path
            sha256 = ContentHash.hex(of: contents)
            bytes = contents.utf8.count
        }
    }

    public struct Guide: Codable, Hashable, Sendable {
        public var connector: String
        public var connectorName: String
        public var method: String
        public var methodSlug: String
        /// `link-account` or `connector-profile`.
        public var guide: String
        public var title: String
        public var description: String
        /// The canonical dynamic guide URL.
        public var url: String
        /// The scopes the untailored guide asks for.
        public var scopes: [String]
        public var files: [File]

        public init(_ frontMatter: GuideFrontMatter, files: [File]) {
            connector = frontMatter.connector
            connectorName = frontMatter.connectorName
            method = frontMatter.method
            methodSlug = frontMatter.methodSlug
            guide = frontMatter.guide.pathSegment
            title = frontMatter.title
            description = frontMatter.description
            url = frontMatter.url
            scopes = frontMatter.scopes
            self.files = files
        }
    }

    public var generator = "scopeguide"
    public var guides: [Guide]

    public init(guides: [Guide]) { self.guides = guides }

    /// Pretty-printed, keys sorted, slashes unescaped, one final newline: the bytes `JSONEncoder`
    /// writes for this `Codable` value, through ``PrettyJSON`` (the encoder's boxed containers
    /// made the manifest of 500 guides a serial 14 M instructions at the end of a build).
    public func json() -> String {
        let guides = guides.map { guide -> PrettyJSON in
            let files = guide.files.map { file -> PrettyJSON in
                .object([("path", .string(file.path)), ("sha256", .string(file.sha256)), ("bytes", .integer(file.bytes))])
            }
            return .object([
                ("connector", .string(guide.connector)), ("connectorName", .string(guide.connectorName)),
                ("method", .string(guide.method)), ("methodSlug", .string(guide.methodSlug)), ("guide", .string(guide.guide)),
                ("title", .string(guide.title)), ("description", .string(guide.description)), ("url", .string(guide.url)),
                ("scopes", .strings(guide.scopes)), ("files", .array(files)),
            ])
        }
        return PrettyJSON.object([("generator", .string(generator)), ("guides", .array(guides))]).text + "\n"
    }
}
