import CLibFuzzer
import Foundation
import ScopeGuide
import ScopeGuideCore
// @testable for `DiagnosticsError.importErrors`, the failure's problems typed; SwiftPM's debug
// builds allow it.
@testable import ScopeGuideImport

/// libFuzzer target: arbitrary bytes (as UTF-8, invalid sequences replaced) as the markup of a
/// StackOne guide page (link-account or connector-profile, current or older form), imported with
/// `StackOnePageImporter` and the key the page carries, strictly and with `lenient`.
///
/// Checked on every input:
/// - importing twice gives the same outcome: the same YAML, connector and warnings, or the same
///   `DiagnosticsError`;
/// - a failure has at least one error; every problem is an `ImportError` and names the file and
///   a line of the input, with a message; none is `generatedGuideInvalid`, which would mean the
///   page reader let through something the loader refuses (so the message points at the
///   generated guide, not the page);
/// - a success has only warnings, and its YAML, loaded as bytes with
///   `CatalogLoader.loadConnector(data:)`, loads without errors or warnings to a connector equal
///   to `.connector` (as `StackOnePageImporterTests.yamlLoadsBack` checks): action ids, their
///   required scopes, the scope definitions and then everything else. (Not when the YAML holds
///   a U+FEFF, which Yams drops at the start of a value; see below.)
/// - merging a success into its own connector changes nothing (same YAML);
/// - the lenient import makes the same checks, never fails where the strict one succeeds, and
///   fails only where the strict one fails.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStackOneImporter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = "fuzz.mdx"
    // The importer reads "\r\n" as "\n" and counts lines at LF and CR, as CommonMark does.
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").reduce(1) { $1 == "\n" || $1 == "\r" ? $0 + 1 : $0 }

    for lenient in [false, true] {
        check(importPage(text, file: file, lenient: lenient), importPage(text, file: file, lenient: lenient), lines: lines, file: file)
    }
    if case .success = importPage(text, file: file, lenient: false), case .failure(let failure) = importPage(text, file: file, lenient: true) {
        fatalError("the lenient import fails where the strict one succeeds:\n\(failure)")
    }
    return 0
}

func check(_ first: Result<StackOnePageImporter.Result, DiagnosticsError>, _ second: Result<StackOnePageImporter.Result, DiagnosticsError>,
           lines: Int, file: String) {
    func checkLocated(_ problems: [ImportError]) {
        for problem in problems {
            precondition(problem.file == file, "problem names another file: \(problem)")
            precondition((1...lines).contains(problem.line), "problem at line \(problem.line) of a \(lines)-line input: \(problem)")
            precondition(!problem.message.isEmpty, "problem without a message at line \(problem.line)")
        }
    }
    switch (first, second) {
    case (.failure(let failure), .failure(let again)):
        precondition(failure == again, "importing twice fails differently:\n\(failure)\n---\n\(again)")
        precondition(!failure.errors.isEmpty, "an import failed without an error:\n\(failure)")
        // Every diagnostic must be an import problem (typed, with a file), so none escapes the
        // checks below.
        let problems = failure.importErrors
        precondition(problems.count == failure.diagnostics.count, "a failure carries a diagnostic that is not an import problem:\n\(failure)")
        checkLocated(problems)
        for problem in problems where problem.reason.severity == .error {
            if case .generatedGuideInvalid = problem.reason {
                fatalError("the page reader accepted a page whose guide does not load: \(problem)")
            }
        }
    case (.success(let result), .success(let again)):
        precondition(result.yaml == again.yaml, "importing twice gives different YAML")
        precondition(result.connector == again.connector, "importing twice gives different connectors")
        precondition(result.warnings == again.warnings, "importing twice gives different warnings")
        precondition(result.warnings.allSatisfy { $0.reason.severity == .warning }, "a successful import carries an error: \(result.warnings)")
        checkLocated(result.warnings)
        let loaded: (connector: Connector, warnings: [LoadError])
        do {
            loaded = try CatalogLoader().loadConnector(data: Data(result.yaml.utf8), file: "\(result.connector.key).connector.yaml")
        } catch {
            fatalError("the imported YAML does not load:\n\(error)\n---\n\(result.yaml)")
        }
        precondition(loaded.warnings.isEmpty, "the imported YAML loads with warnings: \(loaded.warnings)")
        // Not a bug in the importer: Yams makes each scalar a String with Foundation's
        // `String(bytes:encoding:)`, which drops a leading U+FEFF (byte order mark), so a label,
        // text or scope starting with one loads without it (Corpus/…/label-starting-with-bom).
        // libyaml writes U+FEFF escaped, as `\uFEFF`; such a guide only has to load.
        if result.yaml.contains("\u{FEFF}") || result.yaml.contains("\\uFEFF") { return }
        let (imported, reloaded) = (result.connector, loaded.connector)
        precondition(reloaded.actions.map(\.id) == imported.actions.map(\.id), "action ids differ after loading the YAML")
        precondition(reloaded.actions.map(\.requirement) == imported.actions.map(\.requirement), "required scopes differ after loading the YAML")
        precondition(reloaded.scopeDefinitions == imported.scopeDefinitions, "scope definitions differ after loading the YAML")
        precondition(reloaded == imported, "the connector differs after loading the YAML:\n\(result.yaml)")
        do {
            let merged = try StackOnePageImporter.merge(result, into: reloaded, file: file)
            precondition(merged.yaml == result.yaml, "merging a page into its own guide changes it")
        } catch {
            fatalError("merging a page into its own guide fails:\n\(error)")
        }
    default:
        fatalError("importing twice succeeds once and fails once")
    }
}

func importPage(_ text: String, file: String, lenient: Bool) -> Result<StackOnePageImporter.Result, DiagnosticsError> {
    do throws(DiagnosticsError) {
        return .success(try StackOnePageImporter(lenient: lenient).importPage(text, file: file))
    } catch {
        return .failure(error)
    }
}

// This file's top-level code is the program's entry point: hand control to libFuzzer, which calls
// `fuzzStackOneImporter` with each input (`FuzzStackOneImporter -help=1` lists its options).
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzStackOneImporter(data!, size) })
