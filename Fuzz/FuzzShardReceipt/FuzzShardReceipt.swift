import CLibFuzzer
import Foundation
import ScopeGuide
// @testable: the receipt reader and the output folder's path check are internal to their
// targets; SwiftPM's debug builds allow it.
@testable import ScopeGuideCore
@testable import ScopeGuideRendering

/// libFuzzer target: arbitrary bytes as a shard's receipt (`.scopeguide-shard-<i>-of-<n>.json`),
/// which `build --merge` reads from a folder anyone may have copied files into. Reading must
/// accept or refuse, never trap or run long; an accepted receipt is in range (its shard and
/// count make a ``SiteBuild/Shard``, its paths stay in the folder, its hashes are SHA-256 hex)
/// and reads back equal from the bytes it writes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShardReceipt(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    // The name the receipt claims, when it is JSON with integer fields; otherwise any name.
    let claimed = (try? JSONSerialization.jsonObject(with: bytes) as? [String: Any]).flatMap { object -> String? in
        guard let shard = object["shard"] as? Int, let count = object["count"] as? Int else { return nil }
        return ShardReceipt.fileName(shard: shard, count: count)
    }
    for name in [claimed ?? ".scopeguide-shard-1-of-1.json", ".scopeguide-shard-1-of-1.json"] {
        guard let receipt = ShardReceipt.decode(bytes, name: name) else { continue }
        precondition(SiteBuild.Shard(index: receipt.shard, count: receipt.count) != nil, "out-of-range receipt accepted")
        precondition(receipt.files.keys.allSatisfy { !$0.split(separator: "/", omittingEmptySubsequences: false).contains("..") }, "path outside the folder accepted")
        let written = Data(receipt.file().contents.utf8)
        precondition(ShardReceipt.decode(written, name: name) == receipt, "receipt does not read back equal")
        // What the merge does with the files: every one of them a path below the folder.
        let folder = OutputFolder(url: URL(fileURLWithPath: "/nonexistent"))
        for path in receipt.files.keys { precondition((try? folder.split(path)) != nil, "unsplittable path accepted: \(path.debugDescription)") }
    }
    return 0
}

// This file's top-level code is the program's entry point: hand control to libFuzzer, which calls
// `fuzzShardReceipt` with each input (`FuzzShardReceipt -help=1` lists its options).
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzShardReceipt(data!, size) })
