import TestTools
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test only where `tools` are all on `PATH`, else skips it with the reason; under
    /// `CI=true` it always runs, and a missing tool fails it (``ExternalTool/required()``).
    /// The one availability check for Chromium, Node and Python (``ExternalTool``).
    static func requires(_ tools: ExternalTool...) -> Self {
        .enabled(if: ExternalTool.shouldRun(tools), Comment(rawValue: ExternalTool.skipReason(tools)))
    }
}
