import Foundation
import StoreTestSupport
import XCTest

/// Every relative link in the README and the reference under docs/ leads
/// somewhere: to a file or folder of the repository and, when it names an
/// anchor in a Markdown file, to a heading of that file. The reference was
/// split out of the README into topic files, and a link left pointing at a
/// section that moved is the first thing a reader trips over.
final class DocumentationLinkTests: XCTestCase {
    func testEveryRelativeLinkInTheReadmeAndDocsResolves() throws {
        let files = try Self.documentationFiles()
        XCTAssertTrue(files.contains("README.md"))
        XCTAssertTrue(files.contains("docs/commands.md"), "the command reference is under docs/: \(files)")
        var checked = 0
        for file in files {
            let text = try String(contentsOf: repositoryFolder.appendingPathComponent(file), encoding: .utf8)
            for link in MarkdownText.links(in: text) where !link.contains("://") && !link.hasPrefix("mailto:") {
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? file : Self.resolve(parts[0], from: file)
                let anchor = parts.count > 1 ? parts[1] : ""
                checked += 1
                let url = repositoryFolder.appendingPathComponent(target)
                guard FileManager.default.fileExists(atPath: url.path) else {
                    XCTFail("\(file): the link (\(link)) leads to \(target), which does not exist")
                    continue
                }
                if !anchor.isEmpty {
                    XCTAssertTrue(target.hasSuffix(".md"), "\(file): the link (\(link)) has an anchor into a file that is not Markdown")
                    let headings = MarkdownText.anchors(in: try String(contentsOf: url, encoding: .utf8))
                    XCTAssertTrue(headings.contains(anchor), "\(file): the link (\(link)) names no heading of \(target); its anchors are \(headings.sorted())")
                }
            }
        }
        XCTAssertGreaterThan(checked, 50, "the README and docs/ link to each other")
    }

    // MARK: - The helpers, checked on small texts

    func testAnchorsFollowGitHubsRules() {
        let text = """
        # store
        ### `store ingest csv FILE --table NAME`
        ```
        # not a heading, inside code
        ```
        ### `store sample credit|speech|shapes`
        ### Models: `predict()` and `predict_proba()`
        ## Größe
        ## Notes
        ## Notes
        """
        XCTAssertEqual(MarkdownText.anchors(in: text), [
            "store", "store-ingest-csv-file---table-name", "store-sample-creditspeechshapes",
            "models-predict-and-predict_proba", "größe", "notes", "notes-1",
        ])
    }

    func testLinksSkipCodeBlocks() {
        let text = """
        See [the tour](README.md#a-short-tour) and [`store sql`](#store-sql).
        ```
        $ echo "[not](a-link.md)"
        ```
        [docs](docs/) and [web](https://example.org/x)
        """
        XCTAssertEqual(MarkdownText.links(in: text), ["README.md#a-short-tour", "#store-sql", "docs/", "https://example.org/x"])
    }

    func testResolvesAgainstTheLinkingFilesFolder() {
        XCTAssertEqual(Self.resolve("../schema/TENSOR_FORMAT.md", from: "docs/tensors.md"), "schema/TENSOR_FORMAT.md")
        XCTAssertEqual(Self.resolve("ingest.md", from: "docs/commands.md"), "docs/ingest.md")
        XCTAssertEqual(Self.resolve("docs/demo.md", from: "README.md"), "docs/demo.md")
        XCTAssertEqual(Self.resolve("../bench", from: "docs/performance.md"), "bench")
    }

    /// README.md and every Markdown file under docs/, as repository paths.
    static func documentationFiles() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: repositoryFolder.appendingPathComponent("docs").path)
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    }

    /// A relative link's target as a repository path, from the folder of the
    /// file that holds the link.
    static func resolve(_ link: String, from file: String) -> String {
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for part in link.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}

/// What the link check reads in Markdown: the link targets outside fenced
/// code blocks, and the anchors GitHub gives headings.
enum MarkdownText {
    /// The lines of `text` outside fenced (```) code blocks.
    static func proseLines(of text: String) -> [Substring] {
        var inCode = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            if line.hasPrefix("```") {
                inCode.toggle()
                return false
            }
            return !inCode
        }
    }

    /// The targets of inline links, `[text](target)`, in order.
    static func links(in text: String) -> [String] {
        proseLines(of: text).flatMap { line -> [String] in
            line.components(separatedBy: "](").dropFirst().compactMap { rest in
                guard let end = rest.firstIndex(of: ")") else { return nil }
                let target = String(rest[..<end])
                return target.contains(" ") ? nil : target
            }
        }
    }

    /// The anchors of the headings, as GitHub makes them: the heading text in
    /// lower case, without punctuation other than `-` and `_`, spaces as `-`,
    /// and a repeated anchor numbered `-1`, `-2`, ….
    static func anchors(in text: String) -> [String] {
        var seen: [String: Int] = [:]
        return proseLines(of: text).compactMap { line -> String? in
            guard line.hasPrefix("#") else { return nil }
            let title = line.drop { $0 == "#" }
            guard title.first == " " else { return nil }
            let slug = String(title.trimmingCharacters(in: .whitespaces).lowercased().unicodeScalars.compactMap { scalar -> Character? in
                if scalar == " " { return "-" }
                if scalar == "-" || scalar == "_" || CharacterSet.alphanumerics.contains(scalar) { return Character(scalar) }
                return nil
            })
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            return count == 0 ? slug : "\(slug)-\(count)"
        }
    }
}
