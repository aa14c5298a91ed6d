import ArgumentParser

/// `--alternatives N`, shared by `scopes` and `render`: the other answers as good on privilege
/// levels and scope count that the tailor also lists.
struct AlternativesOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Also list up to N other answers as good on privilege levels and scope count, least authority first (what each enables of the catalogue), so a reviewer sees the trade-off.",
        valueName: "N"))
    var alternatives: Int = 0

    func validate() throws {
        guard (0...20).contains(alternatives) else { throw ValidationError("--alternatives takes 0 to 20, not \(alternatives)") }
    }
}
