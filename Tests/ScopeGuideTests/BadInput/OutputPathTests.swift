import Foundation
import Testing
@testable import ScopeGuide

/// Output paths that are not regular files, and temporary files left by killed runs. (FIFOs and
/// devices, which the old writer blocked on or replaced, are run through the CLI, in a child
/// process with a timeout: `HardeningCLITests`.)
@Suite struct OutputPathTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A process id no process has: above Linux's largest (2^22).
    static let deadProcess: Int32 = 2_000_000_000

    @Test("a symbolic link at the path is refused and left alone, as is what it points to")
    func symbolicLink() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("precious.txt")
        try Data("keep".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("out.md").path, withDestinationPath: target.path)
        let writer = OutputWriter(directory: folder)
        #expect(throws: OutputWriteError.notARegularFile(path: folder.appendingPathComponent("out.md").path, kind: "a symbolic link")) {
            try writer.write(OutputFile(path: "out.md", contents: "new"))
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("out.md").path) == target.path)
        #expect(FileManager.default.contents(atPath: target.path) == Data("keep".utf8))
    }

    @Test("a directory at the path is a clear error, not a Foundation error dump")
    func directory() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out.md"), withIntermediateDirectories: true)
        do {
            try OutputWriter(directory: folder).write(OutputFile(path: "out.md", contents: "new"))
            Issue.record("wrote over a directory")
        } catch {
            #expect(error == .notARegularFile(path: folder.appendingPathComponent("out.md").path, kind: "a directory"))
            #expect(!"\(error)".contains("NSCocoaErrorDomain"))
            #expect("\(error)".contains("is a directory"))
        }
    }

    @Test("a regular file is still replaced, and left alone when unchanged")
    func regularFile() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder)
        #expect(try writer.write(OutputFile(path: "a/out.md", contents: "one")) == .written)
        #expect(try writer.write(OutputFile(path: "a/out.md", contents: "one")) == .unchanged)
        #expect(try writer.write(OutputFile(path: "a/out.md", contents: "two")) == .written)
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("a/out.md").path) == Data("two".utf8))
    }

    @Test("build --check reports temporary files a killed build left; a build removes them, not a live one's")
    func staleTemporaryFiles() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let build = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog))
        let writer = OutputWriter(directory: folder)
        _ = try build.run(.write, writer: writer)
        #expect(try build.run(.check, writer: writer).differences == [])

        let stale = "front/link-account/.api-token.md.\(Self.deadProcess).tmp"
        let live = "front/link-account/.api-token.html.\(ProcessInfo.processInfo.processIdentifier).tmp"
        let unrelated = "front/.notes.txt.\(Self.deadProcess).tmp"
        for path in [stale, live, unrelated] { try Data("half".utf8).write(to: folder.appendingPathComponent(path)) }
        #expect(try build.run(.check, writer: writer).differences == [.temporary(stale)])
        #expect(writer.staleTemporaryFiles() == [stale])

        #expect(try build.run(.write, writer: writer).written == 0)
        let exists = { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        #expect(!exists(stale))
        #expect(exists(live) && exists(unrelated))
        #expect(try build.run(.check, writer: writer).differences == [])
    }

    @Test("a temporary file named after a live process is stale once an hour old (PID 1 after a container's killed build)")
    func oldTemporaryFileOfLiveProcess() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = ".index.html.1.tmp", fresh = ".manifest.json.1.tmp"
        for name in [old, fresh] { try Data("half".utf8).write(to: folder.appendingPathComponent(name)) }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3_700)], ofItemAtPath: folder.appendingPathComponent(old).path)
        #expect(OutputWriter(directory: folder).staleTemporaryFiles() == [old])
    }

    @Test("an output folder given as a symbolic link is listed through it: extra and temporary files are found")
    func symlinkedFolder() throws {
        let folder = try Self.temporaryFolder(), link = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + "-link")
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: link) }
        let build = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog))
        _ = try build.run(.write, writer: OutputWriter(directory: folder))
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        let stale = "front/link-account/.api-token.md.\(Self.deadProcess).tmp", extra = "front/link-account/old.md"
        for path in [stale, extra] { try Data("x".utf8).write(to: folder.appendingPathComponent(path)) }
        let writer = OutputWriter(directory: link)
        #expect(try build.run(.check, writer: writer).differences == [.extra(extra), .temporary(stale)])
        #expect(try build.run(.write, writer: writer).removed == 1)
        #expect(try build.run(.check, writer: writer).differences == [])
    }

    @Test("render -o's cleanup removes only its own file's stale temporary files, in its own folder")
    func removeStaleOfOneFile() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mine = ".front.html.\(Self.deadProcess).tmp", other = ".other.html.\(Self.deadProcess).tmp"
        for name in [mine, other] { try Data("half".utf8).write(to: folder.appendingPathComponent(name)) }
        #expect(OutputWriter(directory: folder).removeStaleTemporaryFiles(of: "front.html") == [mine])
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(other).path))
    }
}
