import Hummingbird
import ScopeGuide

/// How a rejected guide request is answered: a missing connector or guide is `404 Not Found`,
/// anything wrong with the query (unknown actions, separator, variable value…) `400 Bad Request`.
/// ``ErrorPageMiddleware`` renders the page; the message is the error's `description`, which
/// names the offending value and is escaped on the way into the page.
extension GuideURLError {
    var status: HTTPResponse.Status {
        switch self {
        case .notAGuideURL, .unknownConnector, .unknownGuideKind, .unknownGuide: .notFound
        case .unknownActions, .unknownParameter, .invalidSeparator, .invalidWhitelabel, .unknownVariable,
            .invalidVariable, .conflictingParameter, .malformedEncoding, .unknownScopes, .grantedAndRefused, .emptyStage, .actionInTwoStages, .stagesDisagreeWithActions: .badRequest
        case .tooLong: .uriTooLong
        }
    }

    /// A few words for the page's heading.
    var title: String {
        switch self {
        case .notAGuideURL: "Not a guide"
        case .unknownConnector: "Unknown connector"
        case .unknownGuideKind, .unknownGuide: "Unknown guide"
        case .unknownActions: "Unknown action"
        case .unknownParameter: "Unknown parameter"
        case .invalidSeparator: "Invalid separator"
        case .invalidWhitelabel: "Invalid whitelabel value"
        case .unknownVariable: "Unknown variable"
        case .invalidVariable: "Invalid variable value"
        case .conflictingParameter: "Conflicting parameters"
        case .malformedEncoding: "Malformed URL"
        case .unknownScopes: "Unknown scope"
        case .grantedAndRefused: "Scope granted and refused"
        case .emptyStage, .actionInTwoStages, .stagesDisagreeWithActions: "Invalid stages"
        case .tooLong: "URL too long"
        }
    }
}
