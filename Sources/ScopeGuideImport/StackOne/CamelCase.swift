import ScopeGuideCore

/// Makes lowerCamelCase keys from labels, as StackOne's connector YAML names fields and
/// methods: "Client ID" becomes `clientId`, "OAuth 2.0 (Client Credentials)" becomes
/// `oauth20ClientCredentials`.
enum CamelCase {
    static func lower(_ label: String) -> String {
        let words = label.split { !($0.isLetter || $0.isNumber) }
        guard let first = words.first else { return "" }
        return first.lowercased() + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
    }
}
