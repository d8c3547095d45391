// swift-tools-version: 6.1
import Foundation
import PackageDescription

// MARK: - Shared settings

/// The corpus folders under Scenarios/, each copied into the binary's resources with its layout.
let corpusFolders: [Resource] = {
    let root = Context.packageDirectory + "/Scenarios"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return names.sorted().filter { name in
        var isDirectory: ObjCBool = false
        return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
    }.map { Resource.copy($0) }
}()

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The packages' products the targets use, named once.
let nioCore: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")
let nioPosix: Target.Dependency = .product(name: "NIOPosix", package: "swift-nio")
let nioHTTP1: Target.Dependency = .product(name: "NIOHTTP1", package: "swift-nio")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let asyncHTTPClient: Target.Dependency = .product(name: "AsyncHTTPClient", package: "async-http-client")
let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let propertyBased: Target.Dependency = .product(name: "PropertyBased", package: "swift-property-based")

let package = Package(
    name: "ExternalAssignmentSyncKit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "conformance", targets: ["conformance"]),
        .library(name: "MockCanvas", targets: ["MockCanvas"]),
        .library(name: "MockGitHubClassroom", targets: ["MockGitHubClassroom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // MARK: - Shared primitives
        .target(
            name: "KitPrimitives"
        ),

        // MARK: - The scenario corpus, shipped in the binary
        .target(
            name: "ScenarioCorpus",
            path: "Scenarios",
            exclude: ["README.md"],
            sources: ["ScenarioCorpus.swift"],
            resources: corpusFolders
        ),

        // MARK: - Mock servers
        .target(
            name: "MockServerCore",
            dependencies: ["KitPrimitives", nioCore, nioPosix, nioHTTP1, logging, yams],
            path: "MockServers/Core"
        ),
        .target(
            name: "MockCanvas",
            dependencies: ["KitPrimitives", "MockServerCore", nioCore, nioHTTP1],
            path: "MockServers/Canvas"
        ),
        .target(
            name: "MockGitHubClassroom",
            dependencies: ["KitPrimitives", "MockServerCore", nioCore, nioHTTP1],
            path: "MockServers/GitHubClassroom"
        ),

        // MARK: - The concept's values (shared by the judge and the reference; no logic, no I/O)
        .target(
            name: "ConceptValues",
            dependencies: ["KitPrimitives"]
        ),

        // MARK: - Reference implementation
        .target(
            name: "ExternalAssignmentSync",
            dependencies: ["KitPrimitives", "ConceptValues", logging, asyncHTTPClient, nioCore, nioHTTP1, grdb]
        ),

        // MARK: - Conformance kit: the judge
        // The spec's vocabulary, the scenario language and runner, the model and the platforms.
        .target(
            name: "ConformanceKit",
            dependencies: ["KitPrimitives", "ConceptValues", "MockServerCore", "MockCanvas", "MockGitHubClassroom", yams]
        ),
        // The property checker: generated cases, concurrent phases, linearizability, shrinking.
        .target(
            name: "PropertyChecker",
            dependencies: [
                "KitPrimitives", "ConceptValues", "ConformanceKit", "MockServerCore", "MockCanvas", "MockGitHubClassroom", yams,
            ]
        ),
        // Reaching an implementation over HTTP: the wire contract's two profiles, adapter files, sessions.
        .target(
            name: "WireAdapter",
            dependencies: [
                "KitPrimitives", "ConceptValues", "ConformanceKit", "MockServerCore", "JUnitXML", asyncHTTPClient, logging,
                nioCore, nioHTTP1,
            ]
        ),
        // The bug gallery: a second, compact implementation with planted bugs the checker must catch.
        .target(
            name: "MutantGallery",
            dependencies: [
                "KitPrimitives", "ConceptValues", "ConformanceKit", "PropertyChecker", asyncHTTPClient, nioCore, nioHTTP1,
            ]
        ),
        // A run's JUnit report.
        .target(
            name: "RunReports",
            dependencies: ["KitPrimitives", "ConformanceKit", "PropertyChecker", "JUnitXML", "MockCanvas", "ScenarioCorpus"]
        ),

        // MARK: - The reference behind the kit's interfaces: in-process adapter, HTTP server, stores
        .target(
            name: "ReferenceHarness",
            dependencies: [
                "KitPrimitives", "ConformanceKit", "WireAdapter", "MutantGallery", "ExternalAssignmentSync", "MockServerCore",
                "MockCanvas", asyncHTTPClient, logging, nioCore,
            ]
        ),

        // MARK: - Reports
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "JUnitXML",
            dependencies: ["CLibXML2"]
        ),

        // MARK: - Command-line tool
        .executableTarget(
            name: "conformance",
            dependencies: [
                "KitPrimitives", "ScenarioCorpus", "MockServerCore", "MockCanvas", "MockGitHubClassroom", "ConformanceKit",
                "PropertyChecker", "WireAdapter", "MutantGallery", "RunReports", "ReferenceHarness", "ExternalAssignmentSync",
                "JUnitXML", argumentParser, asyncHTTPClient, logging, nioCore, nioHTTP1, nioPosix,
            ]
        ),

        // MARK: - Tests
        .target(
            name: "KitTestSupport",
            dependencies: ["KitPrimitives", "MockServerCore", nioCore, nioPosix],
            path: "Tests/KitTestSupport"
        ),
        .testTarget(
            name: "ConformanceCLITests",
            dependencies: ["KitPrimitives", "KitTestSupport", nioCore]
        ),
        .testTarget(
            name: "KitPrimitivesTests",
            dependencies: ["KitPrimitives"]
        ),
        .testTarget(
            name: "ExternalAssignmentSyncTests",
            dependencies: [
                "KitTestSupport", "MockGitHubClassroom", grdb, "ExternalAssignmentSync", "KitPrimitives", "MockServerCore",
                "MockCanvas", logging, asyncHTTPClient, nioCore, nioHTTP1,
            ]
        ),
        .testTarget(
            name: "ConformanceKitTests",
            dependencies: [
                "CLibXML2", "ConceptValues", "ConformanceKit", "PropertyChecker", "WireAdapter", "MutantGallery", "RunReports",
                "ReferenceHarness", "MockGitHubClassroom", "ExternalAssignmentSync", "KitPrimitives", "KitTestSupport",
                "MockServerCore", "MockCanvas", "JUnitXML", asyncHTTPClient, logging, nioCore, nioHTTP1, propertyBased,
            ]
        ),
        .testTarget(
            name: "JUnitXMLTests",
            dependencies: ["JUnitXML", "KitTestSupport", "CLibXML2", propertyBased]
        ),
        .testTarget(
            name: "MockGitHubClassroomTests",
            dependencies: ["KitPrimitives", "KitTestSupport", "MockServerCore", "MockGitHubClassroom", nioCore]
        ),
        .testTarget(
            name: "MockCanvasTests",
            dependencies: ["KitTestSupport", "KitPrimitives", "MockServerCore", "MockCanvas", nioCore, nioHTTP1]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Every Swift target gets the same strict settings (stated once, here).
for target in package.targets where target.type != .system {
    target.swiftSettings = strictSettings
}
