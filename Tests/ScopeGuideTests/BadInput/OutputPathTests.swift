import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

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

        let stale = "connectors/front/guides/link-account/.api-token.md.\(Self.deadProcess).tmp"
        let live = "connectors/front/guides/link-account/api-token/.index.html.\(ProcessInfo.processInfo.processIdentifier).tmp"
        let unrelated = "connectors/front/.notes.txt.\(Self.deadProcess).tmp"
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
        let stale = "connectors/front/guides/link-account/.api-token.md.\(Self.deadProcess).tmp"
        try Data("x".utf8).write(to: folder.appendingPathComponent(stale))
        // The catalogue without its last connector: that connector's recorded files are extra.
        let catalog = Fixtures.catalog, last = catalog.connectors.last!.key
        let smaller = SiteBuild(renderer: GuideRenderer(catalog: Catalog(site: catalog.site, connectors: Array(catalog.connectors.dropLast()))))
        let writer = OutputWriter(directory: link)
        let extra = writer.existingFiles().filter { $0.hasPrefix("connectors/" + last + "/") }
        #expect(!extra.isEmpty)
        // The site files list the removed connector too: stale, and not what this test is about.
        let differences = try smaller.run(.check, writer: writer).differences.filter { if case .stale = $0 { false } else { true } }
        #expect(differences == extra.map(OutputWriter.Difference.extra) + [.temporary(stale)])
        #expect(try smaller.run(.write, writer: writer).removed == extra.count)
        #expect(try smaller.run(.check, writer: writer).differences == [])
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

    // MARK: Writes confined to the output folder (issue 22)

    @Test("links planted at temporary names (the old predictable ones and any name a guess could give) are never written through")
    func plantedTemporaryLinks() throws {
        let folder = try Self.temporaryFolder(), outside = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: outside) }
        let victim = outside.appendingPathComponent("victim.txt")
        try Data("keep".utf8).write(to: victim)
        let pid = ProcessInfo.processInfo.processIdentifier
        for candidate in pid..<(pid + 20) {
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(".front.html.\(candidate).tmp").path, withDestinationPath: victim.path)
        }
        try OutputWriter(directory: folder).write(OutputFile(path: "front.html", contents: "<p>page</p>"))
        #expect(FileManager.default.contents(atPath: victim.path) == Data("keep".utf8))
        // attributesOfItem does not follow a link at the path: a link left there would show as one.
        #expect(try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("front.html").path)[.type] as? FileAttributeType == .typeRegular)
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("front.html").path) == Data("<p>page</p>".utf8))
        // The names are not guessable: two writes of one file draw different ones.
        #expect(OutputWriter.temporaryName(for: "a.md") != OutputWriter.temporaryName(for: "a.md"))
    }

    @Test("a link in place of a guide's folder or of assets/ stops the build naming it; nothing is written where it points", arguments: ["connectors", "assets"])
    func linkedFolder(name: String) throws {
        let folder = try Self.temporaryFolder(), elsewhere = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: elsewhere)
        let build = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog))
        let writer = OutputWriter(directory: folder)
        #expect(throws: OutputWriteError.notAFolder(path: folder.appendingPathComponent(name).path, kind: "a symbolic link")) {
            try build.run(.write, writer: writer, workers: 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == [])
        let blocked = try build.run(.check, writer: writer).differences.filter { if case .blocked = $0 { true } else { false } }
        #expect(!blocked.isEmpty)
        #expect(blocked.allSatisfy { "\($0)".contains("(\(name) is a symbolic link)") }, "\(blocked)")
    }

    @Test("removing a file never follows a link in place of its folder")
    func removeThroughLink() throws {
        let folder = try Self.temporaryFolder(), elsewhere = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: elsewhere) }
        try Data("keep".utf8).write(to: elsewhere.appendingPathComponent("api-token.md"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("front"), withDestinationURL: elsewhere)
        #expect(throws: OutputWriteError.self) { try OutputWriter(directory: folder).remove("front/api-token.md") }
        #expect(FileManager.default.contents(atPath: elsewhere.appendingPathComponent("api-token.md").path) == Data("keep".utf8))
    }

    @Test("paths that leave the folder are refused", arguments: ["../x.md", "a/../../x.md", "/etc/x.md", "", "a//b.md", "./x.md"])
    func escapingPaths(path: String) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: OutputWriteError.invalidPath(path)) { try OutputWriter(directory: folder).write(OutputFile(path: path, contents: "x")) }
    }
}
