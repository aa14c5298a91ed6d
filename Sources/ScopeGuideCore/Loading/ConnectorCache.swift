import Crypto
import Foundation

/// A folder of decoded connectors, so that a command about one connector of a large catalogue
/// does not parse its YAML again on every run (libyaml alone takes 40 ms on an 11,000-action
/// file; reading and hashing the bytes, a few).
///
/// An entry is used only when its key matches: a SHA-256 over the format version, the running
/// executable's size and modification time (a rebuilt `scopeguide` never reads an older one's
/// entries), the folder name, and every source file's display path and bytes, `site.yaml`
/// included. Only a load without errors is stored, with its warnings; a load with errors always
/// goes through the sources, so its errors keep their file, line and column. A missing,
/// damaged or foreign entry is a miss, and is overwritten.
package struct ConnectorCache: Sendable {
    /// Where the entries are: one file per guides folder and connector.
    package let directory: URL
    /// What identifies the running program; `nil` when it cannot be found, and then nothing is
    /// read or written.
    let executableIdentity: [UInt8]?

    /// Bumped whenever ``CachedConnector``'s layout or the model it holds changes.
    static let formatVersion: UInt64 = 6

    /// The first bytes of every entry.
    private static let magic = Array("SGCONN".utf8)

    package init(directory: URL) {
        self.init(directory: directory, executableIdentity: Self.runningExecutableIdentity)
    }

    init(directory: URL, executableIdentity: [UInt8]?) {
        self.directory = directory
        self.executableIdentity = executableIdentity
    }

    /// The cache folder the environment asks for: `nil` with `SCOPEGUIDE_NO_CACHE=1`; else
    /// `SCOPEGUIDE_CACHE_DIR`; else `$XDG_CACHE_HOME/scopeguide`, or `~/.cache/scopeguide`.
    package static func standardDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if environment["SCOPEGUIDE_NO_CACHE"] == "1" { return nil }
        if let folder = environment["SCOPEGUIDE_CACHE_DIR"], !folder.isEmpty { return URL(fileURLWithPath: folder) }
        // The XDG base directory rules ignore a relative XDG_CACHE_HOME.
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return URL(fileURLWithPath: base).appendingPathComponent("scopeguide")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/scopeguide")
    }

    /// Where a load came from, for tests and measurements.
    enum Origin: Hashable {
        case cache
        case sources
    }

    /// What `CatalogLoader().load(directory: guides, only: [connector])` returns, from the
    /// cache when its entry matches the sources, otherwise from the sources (then stored).
    /// - Throws: ``DiagnosticsError`` listing every error found, in file order.
    package func load(connector folder: String, in guides: URL) throws(DiagnosticsError) -> CatalogLoader.Result {
        try lookup(connector: folder, in: guides).result
    }

    func lookup(connector folder: String, in guides: URL) throws(DiagnosticsError) -> (result: CatalogLoader.Result, origin: Origin) {
        guard let sources = ConnectorSources.read(folder: folder, in: guides, includingSite: true) else {
            return (try CatalogLoader().load(directory: guides, only: [folder]), .sources)
        }
        let loader = CatalogLoader()
        guard let key = key(for: sources) else { return (try loader.load(sources), .sources) }
        let file = entryURL(folder: folder, guides: guides)
        if let cached = read(file, key: key) {
            return (CatalogLoader.Result(catalog: Catalog(site: cached.site, connectors: [cached.connector]), warnings: cached.warnings), .cache)
        }
        let result = try loader.load(sources)
        if let connector = result.catalog.connectors.first, result.catalog.connectors.count == 1 {
            write(CachedConnector(site: result.catalog.site, connector: connector, warnings: result.warnings), to: file, key: key)
        }
        return (result, .sources)
    }

    // MARK: Keys and entries

    /// The SHA-256 an entry for `sources` must carry; `nil` when a file could not be read (the
    /// load then fails on it) or the executable is unknown.
    func key(for sources: ConnectorSources) -> [UInt8]? {
        guard let executableIdentity else { return nil }
        var hasher = SHA256()
        // Each field after its length, so no two different inputs feed the hasher the same bytes.
        func add(_ bytes: some DataProtocol) {
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
        add(withUnsafeBytes(of: Self.formatVersion.littleEndian, Array.init))
        add(executableIdentity)
        add(Array(sources.folder.utf8))
        for file in [sources.connector] + sources.parts + (sources.site.map { [$0] } ?? []) {
            guard let data = file.data else { return nil }
            add(Array(file.displayPath.utf8))
            add(data)
        }
        // The site's presence is in the key too: its display path and bytes are fed only when it exists.
        withUnsafeBytes(of: UInt8(sources.site == nil ? 0 : 1)) { hasher.update(bufferPointer: $0) }
        return Array(hasher.finalize())
    }

    /// The entry file for `folder` of the guides folder `guides`: named by a hash of both, so
    /// two guides folders do not take turns overwriting each other's entries.
    func entryURL(folder: String, guides: URL) -> URL {
        let name = SHA256.hash(data: Array("\(guides.standardizedFileURL.path)\u{0}\(folder)".utf8))
        return directory.appendingPathComponent("connector-" + name.prefix(16).map { String(format: "%02x", $0) }.joined() + ".bin")
    }

    /// The largest entry read: far above what the largest catalogue this tool loads decodes to,
    /// and a bound on what a damaged or planted file can make a run read.
    static let maximumEntrySize = 256 << 20

    /// The entry at `file`, if it is whole, undamaged and made for `key`.
    ///
    /// Layout: the magic bytes, the format version (one byte), the 32-byte key, the payload's
    /// SHA-256 (32 bytes), then the payload, ``CachedConnector``'s bytes. The header is read and
    /// checked first, and the size: a foreign or oversized file costs one small read, not its size.
    func read(_ file: URL, key: [UInt8]) -> CachedConnector? {
        let descriptor = open(file.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        let headerSize = Self.magic.count + 1 + 32 + 32
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size >= headerSize, info.st_size <= Self.maximumEntrySize,
            let header = OutputFolder.read(descriptor, count: headerSize),
            header.prefix(Self.magic.count).elementsEqual(Self.magic), header[Self.magic.count] == UInt8(Self.formatVersion),
            header[(Self.magic.count + 1)..<(Self.magic.count + 33)].elementsEqual(key),
            let payload = OutputFolder.read(descriptor, count: Int(info.st_size) - headerSize)
        else { return nil }
        // A flipped bit in a string would still read as a string: the digest catches it.
        guard SHA256.hash(data: payload).elementsEqual(header[(Self.magic.count + 33)...]) else { return nil }
        return payload.withUnsafeBytes { try? CachedConnector(decoding: $0) }
    }

    /// Stores `entry` under `key`, atomically: written to a temporary file in the same folder,
    /// then renamed over the old entry, so a reader sees the old file or the new one, whole.
    /// Failing to write is not an error: the next run loads from the sources again.
    func write(_ entry: CachedConnector, to file: URL, key: [UInt8]) {
        guard let payload = entry.encoded() else { return }
        var bytes = Self.magic + [UInt8(Self.formatVersion)] + key
        bytes += SHA256.hash(data: payload)
        bytes += payload
        // The output writer's guarantees: a temporary file created O_EXCL under a random name,
        // no link followed or replaced, then a rename.
        _ = try? OutputWriter(directory: directory).write(Data(bytes), to: file.lastPathComponent)
    }

    // MARK: The running executable

    /// The running executable's size and modification time (to the nanosecond), or `nil`.
    static let runningExecutableIdentity: [UInt8]? = {
        #if os(Linux)
        let path = "/proc/self/exe"
        #else
        guard let path = Bundle.main.executableURL?.path else { return nil }
        #endif
        var status = stat()
        // stat follows the /proc/self/exe link to the file itself.
        guard stat(path, &status) == 0 else { return nil }
        #if os(Linux)
        let modified = (Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec))
        #else
        let modified = (Int64(status.st_mtimespec.tv_sec), Int64(status.st_mtimespec.tv_nsec))
        #endif
        var writer = BinaryWriter()
        writer.write(int: Int(status.st_size))
        writer.write(int: Int(modified.0))
        writer.write(int: Int(modified.1))
        return writer.bytes
    }()
}
