/// The identifier of an action in a connector's catalogue, such as `front_send_message`.
public struct ActionID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
