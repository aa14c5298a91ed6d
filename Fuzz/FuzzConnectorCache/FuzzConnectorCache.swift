import CLibFuzzer
import Crypto
import Foundation
import ScopeGuide
// @testable: the cache entry reader and its payload decoder are internal to the core; SwiftPM's
// debug builds allow it.
@testable import ScopeGuideCore

/// libFuzzer target: arbitrary bytes as a decoded-connector cache entry. The payload reader
/// (``CachedConnector/init(decoding:)``) must accept or refuse, never trap; an accepted payload
/// encodes back to bytes that decode equal. The same bytes are then read as a whole entry file by
/// ``ConnectorCache/read(_:key:)``, once as they are and once behind a valid header for them
/// (magic, version, key, SHA-256), so the header and size checks and the payload decoder all run.
enum Scratch {
    static let folder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-cache-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()
    static let cache = ConnectorCache(directory: folder, executableIdentity: [1])
    static let key = [UInt8](repeating: 7, count: 32)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConnectorCache(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let payload = UnsafeRawBufferPointer(start: data, count: size)
    if let entry = try? CachedConnector(decoding: payload) {
        if let again = entry.encoded() {
            let decoded = again.withUnsafeBytes { try? CachedConnector(decoding: $0) }
            precondition(decoded?.connector == entry.connector && decoded?.site == entry.site && decoded?.warnings == entry.warnings, "entry does not decode back equal")
        }
    }
    let file = Scratch.folder.appendingPathComponent("entry.bin")
    let bytes = Array(payload)
    try? Data(bytes).write(to: file)
    _ = Scratch.cache.read(file, key: Scratch.key)
    let headed = Array("SGCONN".utf8) + [UInt8(ConnectorCache.formatVersion)] + Scratch.key + Array(SHA256.hash(data: bytes)) + bytes
    try? Data(headed).write(to: file)
    let read = Scratch.cache.read(file, key: Scratch.key)
    precondition((read != nil) == ((try? CachedConnector(decoding: payload)) != nil), "a valid header changed what the payload decodes to")
    return 0
}

// This file's top-level code is the program's entry point: hand control to libFuzzer, which calls
// `fuzzConnectorCache` with each input (`FuzzConnectorCache -help=1` lists its options).
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues) { data, size in fuzzConnectorCache(data!, size) })
