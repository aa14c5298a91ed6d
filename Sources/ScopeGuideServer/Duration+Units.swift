extension Duration {
    /// Whole milliseconds, for log metadata and messages.
    var wholeMilliseconds: Int64 { components.seconds &* 1000 &+ components.attoseconds / 1_000_000_000_000_000 }
    /// Whole nanoseconds, for Dispatch deadlines.
    var wholeNanoseconds: Int64 { components.seconds &* 1_000_000_000 &+ components.attoseconds / 1_000_000_000 }
}
