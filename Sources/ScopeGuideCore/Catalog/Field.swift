/// A value the end user (`configFields`) or the admin (`setupFields`) types in the hub.
package struct Field: Hashable, Sendable {
    package var key: String
    package var label: String
    package var type: String
    package var isRequired: Bool
    package var isSecret: Bool

    package init(key: String, label: String, type: String = "text", isRequired: Bool = true, isSecret: Bool = false) {
        self.key = key
        self.label = label
        self.type = type
        self.isRequired = isRequired
        self.isSecret = isSecret
    }
}
