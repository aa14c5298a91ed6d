import Foundation
import Testing
@testable import ScopeGuideCore
@testable import ScopeGuideImport
@testable import ScopeGuideRendering

@Suite struct SiteBuildTests {
    let build = SiteBuild(renderer: GuideRenderer(catalog: Fixtures.catalog))

    private func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sg-site-\(UUID().uuidString)")
    }

    /// Relative path → bytes of every file under `folder`.
    private func contents(of folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in OutputWriter(directory: folder).existingFiles() {
            files[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
        }
        return files
    }

    @Test("one worker and four write the same bytes, which are the guides' renderings")
    func workersDoNotChangeOutput() throws {
        let serial = temporaryFolder(), parallel = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: serial); try? FileManager.default.removeItem(at: parallel) }
        let one = try build.run(.write, writer: OutputWriter(directory: serial), workers: 1)
        let four = try build.run(.write, writer: OutputWriter(directory: parallel), workers: 4)

        let urls = build.guides
        #expect(one.guides == urls.count && four.guides == urls.count)
        #expect(one.files == urls.count * 2 + 5 && four.files == one.files)  // + index, manifest, sitemap, two assets
        #expect(one.written == one.files && four.written == four.files)
        #expect(one.bytes == four.bytes)
        let written = contents(of: serial)
        #expect(written == contents(of: parallel))
        for url in urls {
            for file in build.files(for: url) {
                #expect(written[file.path] == Data(file.contents.utf8), "\(file.path)")
            }
        }
        #expect(written.count == one.files)
    }

    @Test("a second build writes nothing; check lists missing and stale files in order, not an owner's file")
    func rebuildAndCheck() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder)
        _ = try build.run(.write, writer: writer)
        let again = try build.run(.write, writer: writer)
        #expect(again.written == 0)
        #expect(try build.run(.check, writer: writer).differences.isEmpty)

        let urls = build.guides
        let markdown = SiteLayout.path(of: urls[0], format: .markdown), page = SiteLayout.path(of: urls[urls.count - 1], format: .html)
        #expect(markdown == "connectors/capsule/guides/link-account/oauth-2-0.md")
        #expect(page == "connectors/traffit/guides/link-account/oauth-2-0-client-credentials/index.html")
        try FileManager.default.removeItem(at: folder.appendingPathComponent(markdown))
        try Data("changed".utf8).write(to: folder.appendingPathComponent(page))
        try Data("old".utf8).write(to: folder.appendingPathComponent("connectors/front/guides/link-account/removed-guide.md"))
        let check = try build.run(.check, writer: writer, workers: 3)
        // removed-guide.md is in no manifest: the site owner's, not reported (SitePublishingTests
        // covers extra files of a guide a build did write).
        #expect(check.differences == [.missing(markdown), .stale(page)])
        #expect(check.written == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(markdown).path) == false)
    }

    @Test("progress reports every guide once, counting up to the total")
    func progress() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var counts: [Int] = []
            var urls: [GuideURL] = []
        }
        let seen = Seen()
        let total = build.guides.count
        _ = try build.run(.check, writer: OutputWriter(directory: folder), workers: 2) { done, of, url in
            #expect(of == total)
            seen.lock.withLock {
                seen.counts.append(done)
                seen.urls.append(url.url)
            }
        }
        #expect(seen.counts.sorted() == Array(1...total))
        #expect(Set(seen.urls) == Set(build.guides.map(\.url)))
    }

    @Test("an output folder that cannot be created is an error, not a crash")
    func unwritableFolder() throws {
        let file = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("a file, not a folder".utf8).write(to: file)
        #expect(throws: (any Error).self) { try build.run(.write, writer: OutputWriter(directory: file), workers: 2) }
    }
}
