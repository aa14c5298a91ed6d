import Testing

/// A test argument of megabytes, shown in test output by its name and size: Swift Testing prints
/// each argument, and printing the text itself made a CI log of 140 MB.
struct LargeText: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String

    init(_ name: String, _ text: String) {
        self.name = name
        self.text = text
    }

    var testDescription: String { "\(name) (\(text.utf8.count) bytes)" }
}
