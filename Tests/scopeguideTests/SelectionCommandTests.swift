import Foundation
import Testing

/// Selections too long for one argument, and commands about one connector that must not depend
/// on the others.
@Suite struct SelectionCommandTests {
    static let frontIDs: [String] = {
        let yaml = (try? String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("Guides/front/front.connector.yaml"), encoding: .utf8)) ?? ""
        return yaml.matches(of: /- id: (front_[a-z_]+)/).map { String($0.1) }
    }()

    @Test("--actions-file reads ids separated by commas, spaces or new lines, from a file or standard input")
    func actionsFile() throws {
        #expect(Self.frontIDs.count == 52)
        let all = try CommandRunner.run(["scopes", "front", "--actions", Self.frontIDs.joined(separator: ",")])
        #expect(all.status == 0, "\(all.stderr)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sg-ids-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let mixed = Self.frontIDs.enumerated().map { $0.element + ["\n", ", ", " ", "\t,\n"][$0.offset % 4] }.joined()
        try mixed.write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try CommandRunner.run(["scopes", "front", "--actions-file", file.path])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout == all.stdout)
        let fromStdin = try CommandRunner.run(["scopes", "front", "--actions-file", "-", "--format", "json"], input: Data(mixed.utf8))
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(fromStdin.stdout.utf8)) as? [String: Any]
        #expect((report?["selection"] as? [String])?.count == 52)
    }

    @Test("--actions-file: an unknown id is an error with suggestions; an unreadable file exits 1; it excludes --actions and --url")
    func actionsFileErrors() throws {
        let unknown = try CommandRunner.run(["scopes", "front", "--actions-file", "-"], input: Data("front_send_mesage\n".utf8))
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("front_send_message"))
        let missing = try CommandRunner.run(["url", "front", "--actions-file", "/nonexistent/ids.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Cannot read --actions-file '/nonexistent/ids.txt'"))
        let both = try CommandRunner.run(["render", "front", "--actions", "front_send_message", "--actions-file", "-"])
        #expect(both.status == 1)
        #expect(both.stderr.contains("Give one of --actions, --actions-file, --stages and --url."))
    }

    /// Issue 24: consent in stages from the command line.
    @Test("--stages: scopes prints one line per stage, url writes stages=, render has the Consent in stages section, bad stages exit 1")
    func stages() throws {
        let stages = "front_list_conversations;front_create_contact,front_send_message"
        let scopes = try CommandRunner.run(["scopes", "front", "--stages", stages, "--granted", "conversations:read"])
        #expect(scopes.status == 0, "\(scopes.stderr)")
        // Stage 1 is enabled by the grant; stage 2 needs a new token with all three (Front's tokens cannot be edited).
        #expect(scopes.stdout == "\ncontacts:write conversations:read messages:send\n")
        #expect(scopes.stderr.contains("note: stage 1: nothing to ask for"))
        #expect(scopes.stderr.contains("3 scopes after 1 consent in 2 stages"))
        let url = try CommandRunner.run(["url", "front", "--stages", stages])
        #expect(url.stdout.contains("?actions=front_list_conversations,front_create_contact,front_send_message&stages=front_list_conversations;front_create_contact,front_send_message"))
        let render = try CommandRunner.run(["render", "front", "--stages", stages, "--format", "md"])
        #expect(render.status == 0 && render.stdout.contains("## Consent in stages"))
        let twice = try CommandRunner.run(["scopes", "front", "--stages", "front_send_message;front_send_message"])
        #expect(twice.status == 1 && twice.stderr.contains("action \"front_send_message\" is in stage 1 and stage 2 of stages="))
        let both = try CommandRunner.run(["scopes", "front", "--stages", stages, "--actions", "front_send_message"])
        #expect(both.status == 1 && both.stderr.contains("Give one of --actions, --actions-file, --stages and --url."))
    }

    /// A copy of Guides/ with a broken connector beside the others.
    static func guidesWithABrokenConnector() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-broken-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("Guides"), to: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("broken"), withIntermediateDirectories: true)
        try "key: broken\nname: [unclosed\n".write(to: folder.appendingPathComponent("broken/broken.connector.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("scopes, url and render for one connector load only its folder: a broken connector elsewhere does not fail them")
    func faultIsolation() throws {
        let guides = try Self.guidesWithABrokenConnector()
        defer { try? FileManager.default.removeItem(at: guides) }
        let commands: [[String]] = [
            ["scopes", "front", "--actions", "front_send_message"],
            ["url", "front", "--actions", "front_send_message"],
            ["render", "front", "--actions", "front_send_message", "--format", "md"],
            ["scopes", "--url", "https://docs.stackone.com/connectors/front/guides/link-account/api-token?actions=front_send_message"],
        ]
        for command in commands {
            let result = try CommandRunner.run(command + ["--guides", guides.path])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        for command in [["check"], ["build", "--output", guides.appendingPathComponent("out").path]] {
            let result = try CommandRunner.run(command + ["--guides", guides.path])
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(result.stderr.contains("broken/broken.connector.yaml:"), "\(command): \(result.stderr)")
        }
        // The broken connector itself, and an unknown one, still fail loudly.
        let broken = try CommandRunner.run(["scopes", "broken", "--guides", guides.path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("broken/broken.connector.yaml:3:1: error: YAML syntax error"))
    }
}

/// The decoded-connector cache of `scopes`, `url` and `render`, as a user meets it.
@Suite struct CacheCommandTests {
    /// The entry file's identity (inode): a hit reads it, a miss renames a new file over it.
    static func entryIdentity(in cache: URL) throws -> Int? {
        let names = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".bin") }
        guard names.count == 1 else { return nil }
        return try FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent(names[0]).path)[.systemFileNumber] as? Int
    }

    @Test("scopes, url and render print the same bytes on a miss, a hit, with --no-cache and with SCOPEGUIDE_NO_CACHE=1; the last two write nothing")
    func sameOutput() throws {
        let guides = try SelectionCommandTests.guidesWithABrokenConnector()
        let cache = guides.appendingPathComponent("cache")
        defer { try? FileManager.default.removeItem(at: guides) }
        let commands: [[String]] = [
            ["scopes", "front", "--actions", "front_send_message,front_list_conversations", "--format", "json"],
            ["scopes", "capsule", "--format", "json"],
            ["scopes", "traffit", "--format", "json"],
            ["scopes", "capsule", "--format", "json", "--setup"],
            ["url", "front", "--actions", "front_send_message"],
            ["render", "front", "--actions", "front_send_message", "--format", "md"],
        ]
        for command in commands {
            try? FileManager.default.removeItem(at: cache)
            let arguments = command + ["--guides", guides.path]
            let withoutFlag = try CommandRunner.run(arguments + ["--no-cache", "--cache-dir", cache.path])
            let withoutVariable = try CommandRunner.run(arguments + ["--cache-dir", cache.path], environment: ["SCOPEGUIDE_NO_CACHE": "1"])
            #expect(!FileManager.default.fileExists(atPath: cache.path), "\(command): the cache was written while turned off")
            let miss = try CommandRunner.run(arguments, environment: ["SCOPEGUIDE_CACHE_DIR": cache.path])
            let written = try #require(try Self.entryIdentity(in: cache), "\(command): no single entry was written")
            let hit = try CommandRunner.run(arguments + ["--cache-dir", cache.path])
            #expect(try Self.entryIdentity(in: cache) == written, "\(command): the second run did not read the entry")
            for result in [withoutFlag, withoutVariable, miss, hit] {
                #expect(result.status == 0, "\(command): \(result.stderr)")
                #expect(result.stdout == withoutFlag.stdout, "\(command): the output differs")
                #expect(!result.stdout.isEmpty)
            }
        }
    }

    @Test("a guide broken after it was cached fails with its file, line and column, and is not cached")
    func brokenAfterCaching() throws {
        let guides = try SelectionCommandTests.guidesWithABrokenConnector()
        let cache = guides.appendingPathComponent("cache")
        defer { try? FileManager.default.removeItem(at: guides) }
        let arguments = ["scopes", "front", "--actions", "front_send_message", "--guides", guides.path, "--cache-dir", cache.path]
        #expect(try CommandRunner.run(arguments).status == 0)
        let file = guides.appendingPathComponent("front/front.connector.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "name:", with: "name: [unclosed\nx:").write(to: file, atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let broken = try CommandRunner.run(arguments)
            #expect(broken.status == 1)
            #expect(broken.stderr.contains(#/front/front\.connector\.yaml:\d+:\d+: error: /#), "\(broken.stderr)")
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let fixed = try CommandRunner.run(arguments)
        #expect(fixed.status == 0 && fixed.stdout == "messages:send\n", "\(fixed.stdout)\(fixed.stderr)")
    }
}

/// `build`'s pipeline options as a CI job runs them.
@Suite struct BuildPipelineCommandTests {
    @Test("build --shard i/n, then --merge, equals a plain build; bad shards and early merges exit 1; --progress prints on a pipe")
    func shardsFromTheCommandLine() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sg-shards-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let plain = root.appendingPathComponent("plain").path, sharded = root.appendingPathComponent("sharded").path
        let full = try CommandRunner.run(["build", "--output", plain, "--progress"])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(full.stderr.contains("built 9/9 guides"), "\(full.stderr)")
        for index in 1...3 {
            let shard = try CommandRunner.run(["build", "--output", sharded, "--shard", "\(index)/3"])
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stderr.isEmpty, "no progress on a pipe unless asked: \(shard.stderr)")
        }
        let early = try CommandRunner.run(["build", "--output", sharded, "--check"])
        #expect(early.status == 2)
        let merge = try CommandRunner.run(["build", "--output", sharded, "--merge", "--format", "json"])
        #expect(merge.status == 0, "\(merge.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(merge.stdout.utf8)) as? [String: Any]
        #expect(report?["guides"] as? Int == 9 && report?["written"] as? Int == 3 && report?["removed"] as? Int == 0, "\(merge.stdout)")
        let diff = try CommandRunner.run(["build", "--output", sharded, "--check"])
        #expect(diff.status == 0, "\(diff.stdout)")
        let compare = Process()
        compare.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        compare.arguments = ["-r", plain, sharded]
        try compare.run()
        compare.waitUntilExit()
        #expect(compare.terminationStatus == 0)

        for bad in ["0/3", "4/3", "2", "a/b", "+1/3", "-1/3", "1/3/", "١/٣", "1/1001", "1/100000000", "1/9223372036854775807", "1/99999999999999999999"] {
            let result = try CommandRunner.run(["build", "--output", sharded, "--shard", bad])
            #expect(result.status == 1, "\(bad)")
            #expect(result.stderr.contains("--shard takes i/n"), "\(bad): \(result.stderr)")
        }
        let lonely = root.appendingPathComponent("lonely").path
        _ = try CommandRunner.run(["build", "--output", lonely, "--shard", "1/2"])
        let tooEarly = try CommandRunner.run(["build", "--output", lonely, "--merge"])
        #expect(tooEarly.status == 1)
        #expect(tooEarly.stderr.contains("shard 2/2 did not run into this folder"), "\(tooEarly.stderr)")
    }

    @Test("build and check fail on a guides folder with no connector; --base-url must be an absolute http(s) URL")
    func pipelineInputErrors() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sg-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("guides"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let guides = root.appendingPathComponent("guides").path, output = root.appendingPathComponent("out").path
        let build = try CommandRunner.run(["build", "--guides", guides, "--output", output])
        #expect(build.status == 1 && build.stderr.contains("no connector here"), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output), "an empty site was written")
        let check = try CommandRunner.run(["check", "--guides", guides])
        #expect(check.status == 1 && check.stderr.contains("no connector here"), "\(check.stderr)")
        for bad in ["guides.example.com", "https://example.com/My Docs", "https://example.com/?a=1&b=2", "", "javascript:alert(1)", "https://example.com/#top"] {
            let result = try CommandRunner.run(["build", "--output", output, "--base-url", bad])
            #expect(result.status != 0 && result.stderr.contains("--base-url takes an absolute http or https URL"), "\(bad): \(result.stderr)")
        }
        let good = try CommandRunner.run(["build", "--output", output, "--base-url", "https://guides.example.com/docs/"])
        #expect(good.status == 0, "\(good.stderr)")
        for bad in ["", "md,pdf", "fragment", "json", "md,"] {
            let result = try CommandRunner.run(["build", "--output", output, "--formats", bad])
            #expect(result.status == 1 && result.stderr.contains("--formats"), "\(bad): \(result.stderr)")
        }
    }
}
