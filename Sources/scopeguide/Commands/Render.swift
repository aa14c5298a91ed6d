import ArgumentParser
import Foundation
import ScopeGuide

extension ScopeGuideCommand {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a guide tailored to a selection of actions.",
            discussion: """
                Formats: md (CommonMark), html (a standalone page with the interactive scope \
                selector), fragment (the guide's HTML without page chrome, for embedding), json \
                (the same as 'scopes --format json'), mdx (the Mintlify MDX page StackOne \
                publishes, front matter and all, which 'import' reads back). Output goes to standard output unless -o \
                names a file, which is written atomically; -o writes only regular files (not a \
                directory, device, FIFO or symbolic link) and removes temporary files a killed \
                run left beside it.

                An html page carries its stylesheet and script (--assets inline), or links \
                assets/guide-page.<hash>.css and .js beside it (--assets linked; with -o they are \
                written there too), as the pages 'build' writes do. --front-matter starts md \
                output with the YAML front matter 'build' writes.

                Example: scopeguide render traffit --var subdomain=acme --format md
                """
        )

        @OptionGroup var guide: GuideOptions
        @OptionGroup var selection: SelectionOptions

        @Option(help: "md, html, fragment, json or mdx.")
        var format: RenderFormat = .markdown

        @Flag(help: "Leave out the hub part and the platform's name (whitelabel mode).")
        var whitelabel = false

        @Option(name: .customLong("var"), help: "A customer value for a guide variable, such as subdomain=acme; repeatable.")
        var variables: [VariableAssignment] = []

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var outputFile: String?

        @Option(help: "html pages: inline (one self-contained file) or linked (assets/guide-page.<hash>.css and .js beside the page).")
        var assets: AssetsOption = .inline

        @Flag(help: "md: start with YAML front matter (title, description, connector, connectorName, method, methodSlug, guide, guideURL, scopes) and no # title, as 'build' writes it.")
        var frontMatter = false

        @OptionGroup var alternatives: AlternativesOption

        func run() throws {
            let catalog = try guide.loadCatalog(url: selection.url)
            var request = try selection.guideRequest(guide, in: catalog)
            if whitelabel { request.isWhitelabel = true }
            try request.setVariables(request.variables.merging(variables.map { ($0.name, $0.value) }) { $1 })
            let renderer = GuideRenderer(tailor: Tailor(catalog: catalog, alternatives: alternatives.alternatives))
            let options = GuideRenderer.Options(assets: assets == .linked ? .linked(prefix: SiteBuild.assetsFolder + "/") : .inline, frontMatter: frontMatter)
            let text = renderer.render(request, as: format, options: options)
            if let outputFile {
                let target = URL(fileURLWithPath: outputFile)
                let writer = OutputWriter(directory: target.deletingLastPathComponent())
                writer.removeStaleTemporaryFiles(of: target.lastPathComponent)
                // Refuses anything but a regular file (a device, a FIFO, a link, a directory).
                try writer.write(OutputFile(path: target.lastPathComponent, contents: text))
                if format == .html, assets == .linked { for file in SiteBuild.linkedAssetFiles { try writer.write(file) } }
            } else {
                print(text, terminator: "")
            }
        }
    }
}

extension RenderFormat: ExpressibleByArgument {}

/// `--assets`: where an html page's stylesheet and script are.
enum AssetsOption: String, ExpressibleByArgument, CaseIterable {
    case inline
    case linked
}
