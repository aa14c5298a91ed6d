import Hummingbird
import ScopeGuide

/// A request's path, read once: the format its `.md` or `.json` suffix (or else `Accept`) asks
/// for, the path without that suffix, and, on a guide route, the connector key, guide kind and
/// slug it names.
///
/// The guide route reads it once and hands it on: to the cache key (``GuideRequestKey``), to the
/// connector lookup and validation, and, through ``RequestPath/Failure``, to the error page, so
/// an error comes back in the format the answer would have had.
struct RequestPath: Sendable {
    /// The three names of a guide route, `/connectors/<connector>/guides/<kind>/<slug>`, as
    /// received (percent-encoded); the slug without the suffix.
    struct GuideNames: Sendable {
        var connector: Substring
        var kind: Substring
        var slug: Substring
    }

    /// An error thrown while answering the request at `path`, which ``ErrorPageMiddleware``
    /// answers in `path.format` without reading the path again.
    struct Failure: Error {
        var path: RequestPath
        var error: any Error
    }

    let format: RequestedFormat
    /// The path as received, without the `.md` or `.json` suffix.
    let stem: Substring
    /// The guide the path names, or `nil` when it is not a guide route's.
    let guide: GuideNames?

    init(_ request: Request) {
        self.init(path: request.uri.path, accept: request.headers[.accept])
    }

    /// `.md` and `.json` suffixes on the last path segment win; otherwise `Accept` decides
    /// between HTML and JSON (JSON only when the client ranks it above HTML).
    init(path: String, accept: String?) {
        let suffixed = [RequestedFormat.markdown, .json].first { path.hasSuffix($0.suffix) }
        format = suffixed ?? (RequestedFormat.prefersJSON(accept: accept) ? .json : .html)
        stem = path.dropLast(suffixed?.suffix.count ?? 0)
        // The router matched these segments; empty ones were redirected away (CanonicalPathMiddleware).
        let segments = stem.split(separator: "/", maxSplits: 6, omittingEmptySubsequences: false)
        if segments.count == 6, segments[0].isEmpty, segments[1] == "connectors", segments[3] == "guides" {
            guide = GuideNames(connector: segments[2], kind: segments[4], slug: segments[5])
        } else {
            guide = nil
        }
    }

    /// A path segment percent-decoded by the engine (`+` stays a plus, as in a path), or `nil`
    /// when its encoding is malformed.
    static func decoded(_ segment: Substring) -> String? {
        // Most segments have nothing to decode.
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return String(segment) }
        return FormEncoding.decode(segment, plusAsSpace: false)
    }
}
