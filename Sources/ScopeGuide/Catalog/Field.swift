/// A value the end user (`configFields`) or the admin (`setupFields`) types in the hub.
public struct Field: Hashable, Sendable {
    public var key: String
    public var label: String
    public var type: String
    var isRequired: Bool
    var isSecret: Bool

    public init(key: String, label: String, type: String = "text", isRequired: Bool = true, isSecret: Bool = false) {
        self.key = key
        self.label = label
        self.type = type
        self.isRequired = isRequired
        self.isSecret = isSecret
    }
}
