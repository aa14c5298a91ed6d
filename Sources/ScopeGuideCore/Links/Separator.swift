/// How selected scopes are joined for copying: the separator choice of the guide page.
public enum Separator: String, CaseIterable, Hashable, Codable, Sendable {
    case space, comma, semicolon, pipe, newline

    /// The characters placed between scopes.
    var joiner: String {
        switch self {
        case .space: " "
        case .comma: ","
        case .semicolon: ";"
        case .pipe: "|"
        case .newline: "\n"
        }
    }

    /// The label shown in the separator menu.
    package var label: String {
        switch self {
        case .space: "Space"
        case .comma: "Comma"
        case .semicolon: "Semicolon"
        case .pipe: "Pipe"
        case .newline: "Newline"
        }
    }

    /// `scopes` joined by this separator.
    package func join(_ scopes: [Scope]) -> String { scopes.map(\.rawValue).joined(separator: joiner) }
}
