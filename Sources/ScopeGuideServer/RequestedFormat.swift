import Foundation

/// What a guide request asks for: the page, its Markdown or its resolution JSON (read from the
/// path and `Accept` by ``RequestPath``).
enum RequestedFormat: Sendable {
    case html, markdown, json

    /// The suffix this format adds to a guide's path.
    var suffix: String {
        switch self {
        case .html: ""
        case .markdown: ".md"
        case .json: ".json"
        }
    }

    var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .markdown: "text/markdown; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        }
    }

    /// Whether `application/json` has a higher quality than `text/html` in an `Accept` header
    /// (`*/*` and `text/*` count for HTML; a missing header means HTML).
    static func prefersJSON(accept: String?) -> Bool {
        guard let accept else { return false }
        var json = 0.0, html = 0.0
        for item in accept.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            switch type {
            case "application/json": json = max(json, quality)
            case "text/html", "text/*", "*/*": html = max(html, type == "text/html" ? quality : min(quality, 0.99))
            default: continue
            }
        }
        return json > 0 && json > html
    }
}
