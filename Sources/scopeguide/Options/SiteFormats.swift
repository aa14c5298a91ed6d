import ArgumentParser
import ScopeGuide

/// `build --formats md,html`: the guide files a build writes, comma-separated.
struct SiteFormats: ExpressibleByArgument, Hashable {
    var formats: Set<RenderFormat>

    init(_ formats: Set<RenderFormat>) { self.formats = formats }

    init?(argument: String) {
        var formats = Set<RenderFormat>()
        for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let format = RenderFormat(rawValue: name.trimmingCharacters(in: .whitespaces)), SiteBuild.formatOrder.contains(format)
            else { return nil }
            formats.insert(format)
        }
        self.init(formats)
    }

    var defaultValueDescription: String { SiteBuild.formatOrder.filter(formats.contains).map(\.rawValue).joined(separator: ",") }

    static var allValueStrings: [String] { SiteBuild.formatOrder.map(\.rawValue) }
}
