import ArgumentParser

/// A `--var name=value` argument: a customer value for a guide variable.
struct VariableAssignment: ExpressibleByArgument {
    let name: String
    let value: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        name = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
    }

    static var defaultValueDescription: String { "name=value" }
}
