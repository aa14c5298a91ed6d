import Foundation
import ScopeGuideCore

/// The action catalogue a StackOne Hub page embeds in `data-guide-actions-json`:
/// `[{"id": …, "label": …, "scopes": […]}]`, each action needing all of its scopes; an action
/// with alternatives, as `scopeguide render --format mdx` writes it, lists them all in
/// `"anyOf": [[…], […]]` (and its first in `scopes`, for the Hub's script).
struct ActionCatalogJSON: Decodable, Hashable, Sendable {
    var id: String
    var label: String
    var scopes: [String]
    var anyOf: [[String]]? = nil

    /// The alternatives the action needs one of: `anyOf`, or its `scopes` together.
    var alternatives: [[String]] { anyOf ?? [scopes] }

    /// Why the attribute did not decode, for ``ImportError/Reason/invalidActionsJSON(_:)``.
    struct Failure: Error, Hashable {
        var why: String
    }

    /// Decodes the attribute's value (already entity-decoded).
    static func decode(_ json: String) throws(Failure) -> [ActionCatalogJSON] {
        do {
            return try JSONDecoder().decode([ActionCatalogJSON].self, from: Data(json.utf8))
        } catch let DecodingError.keyNotFound(key, context) {
            throw Failure(why: "missing \"\(key.stringValue)\" at \(path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw Failure(why: "wrong type at \(path(context.codingPath))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw Failure(why: "null at \(path(context.codingPath))")
        } catch {
            throw Failure(why: "not valid JSON")
        }
    }

    private static func path(_ codingPath: [CodingKey]) -> String {
        let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return text.isEmpty ? "the top level" : text
    }
}
