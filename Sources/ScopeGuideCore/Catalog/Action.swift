/// An operation a connector offers, and the scopes it needs.
public struct Action: Hashable, Sendable {
    public var id: ActionID
    public var label: String
    package var requirement: Requirement

    package init(id: ActionID, label: String, requirement: Requirement) {
        self.id = id
        self.label = label
        self.requirement = requirement
    }
}
