import Foundation
import KitTestSupport
import Testing

/// The house rules the README's Architecture section states, checked against the files: the
/// manifest declares exactly what each target imports, and no judging target imports the reference.
@Suite struct ArchitectureTests {
    /// One target of `Package.swift`: its name, its directory and the modules it declares.
    struct ManifestTarget: CustomTestStringConvertible {
        var name: String
        var path: String
        var dependencies: Set<String>
        var testDescription: String { name }
    }

    /// The targets, read from the manifest's text: `name:`, optional `path:`, and `dependencies: [...]`
    /// whose entries are target names in quotes or the product constants declared at its top.
    static func targets() throws -> [ManifestTarget] {
        let manifest = try String(contentsOfFile: PackageRoot.path + "/Package.swift", encoding: .utf8)
        var products: [String: String] = [:]
        for match in manifest.matches(of: /let (\w+): Target.Dependency = .product\(name: "(\w+)"/) {
            products[String(match.1)] = String(match.2)
        }
        let blocks = manifest.components(separatedBy: "\n        .").dropFirst()
        return try blocks.compactMap { block -> ManifestTarget? in
            guard let kind = block.split(separator: "(").first, ["target", "testTarget", "executableTarget"].contains(String(kind)),
                let name = block.firstMatch(of: /name: "(\w+)"/)?.1
            else { return nil }
            let isTest = kind == "testTarget"
            let path = block.firstMatch(of: /path: "([^"]+)"/).map { String($0.1) } ?? (isTest ? "Tests/\(name)" : "Sources/\(name)")
            var dependencies: Set<String> = []
            if let list = block.firstMatch(of: /dependencies: \[([^\]]*)\]/)?.1 {
                for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !entry.isEmpty {
                    let module = entry.hasPrefix("\"") ? String(entry.dropFirst().dropLast()) : products[entry]
                    dependencies.insert(try #require(module, "\(name): unknown dependency \(entry)"))
                }
            }
            return ManifestTarget(name: String(name), path: path, dependencies: dependencies)
        }
    }

    /// The modules the Swift files under `path` import, toolchain modules left out.
    static func imports(under path: String) -> Set<String> {
        let toolchain: Set<String> = ["Foundation", "FoundationEssentials", "Testing", "Dispatch", "Glibc", "Musl", "Darwin", "Synchronization"]
        let root = URL(fileURLWithPath: PackageRoot.path + "/" + path)
        var found: Set<String> = []
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            for match in text.matches(of: /(?m)^(?:@testable |@_exported )?import (\w+)/) where !toolchain.contains(String(match.1)) {
                found.insert(String(match.1))
            }
        }
        return found
    }

    @Test func theManifestIsReadable() throws {
        let names = try Self.targets().map(\.name)
        #expect(names.contains("ConformanceKit") && names.contains("ConformanceKitTests") && names.contains("conformance"), "\(names)")
    }

    @Test(arguments: try ArchitectureTests.targets())
    func eachTargetDeclaresExactlyWhatItImports(_ target: ManifestTarget) {
        var imported = Self.imports(under: target.path)
        imported.remove(target.name)
        #expect(imported.subtracting(target.dependencies).isEmpty, "imported, not declared: \(imported.subtracting(target.dependencies).sorted())")
        #expect(target.dependencies.subtracting(imported).isEmpty, "declared, never imported: \(target.dependencies.subtracting(imported).sorted())")
    }

    @Test(arguments: ["ConformanceKit", "PropertyChecker", "WireAdapter", "RunReports", "MutantGallery"])
    func noJudgingTargetImportsTheReference(_ name: String) {
        #expect(!Self.imports(under: "Sources/" + name).contains("ExternalAssignmentSync"))
    }
}
