import Foundation

/// `scopeguide-bench render|resolver|badinput [options]`: in-process benchmarks whose medians and ratios
/// go in Benchmarks/README.md. Whole-process measurements (build, peak memory) are in run.sh.
let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default value: String) -> String {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

let usage = """
    usage: scopeguide-bench render [--guides Guides] [--rounds 300] [--batch 20]
           scopeguide-bench render --only md|fragment|page|cmark --iterations N   (for callgrind)
           scopeguide-bench resolver [--selections 200] [--budget 200000] [--sizes 10,50,500]
           scopeguide-bench badinput   (the bad-input corpus's slowest cases, timed once each)
    """

switch arguments.first {
case "render":
    let benchmark = RenderBenchmark(guides: option("guides", default: "Guides"))
    if let only = arguments.firstIndex(of: "--only").map({ arguments[$0 + 1] }) {
        guard let operation = RenderBenchmark.Operation(rawValue: only) else { fail(usage) }
        benchmark.repeatOnly(operation, iterations: Int(option("iterations", default: "100"))!)
    } else {
        benchmark.run(rounds: Int(option("rounds", default: "300"))!, batch: Int(option("batch", default: "20"))!)
    }
case "resolver":
    ResolverBenchmark(
        selections: Int(option("selections", default: "200"))!,
        nodeBudget: Int(option("budget", default: "200000"))!,
        sizes: option("sizes", default: "10,50,500").split(separator: ",").map { Int($0)! }
    ).run()
case "badinput":
    BadInputTimings().run()
default:
    fail(usage)
}
