import Foundation
import JUnitXML

/// A fresh directory under the system temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("junitxml-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

enum Samples {
    static let timestamp = JUnitTimestamp(Date(timeIntervalSince1970: 1_757_476_799))

    /// A small report with every outcome and every optional field.
    static func report() -> JUnitReport {
        JUnitReport(
            name: "conformance",
            timestamp: timestamp,
            properties: JUnitProperty.list(["kit-version": "1.2.3", "run-seed": "42"]),
            suites: [
                JUnitSuite(
                    name: "assignments.sync",
                    hostname: "ci-runner-7",
                    properties: JUnitProperty.list(["profile": "ci"]),
                    cases: [
                        JUnitCase(classname: "assignments.sync", name: "creates assignment", time: 0.125, file: "Scenarios/create.yaml"),
                        JUnitCase(
                            classname: "assignments.sync",
                            name: "updates due date",
                            time: 1.23456,
                            properties: JUnitProperty.list(["case-seed": "7", "spec-clause": "§4.2"]),
                            outcome: .failure(message: "due date differs", type: "Mismatch", body: "expected: 2025-09-09\nactual:   2025-09-10"),
                            systemOut: "step 1: GET /courses\nstep 2: PUT /assignments/1"
                        ),
                        JUnitCase(classname: "assignments.sync", name: "crash", time: 0.0004, outcome: .error(message: "implementation crashed")),
                        JUnitCase(classname: "assignments.sync", name: "known gap", outcome: .skipped(message: "expected failure EXP-1"), systemErr: "warning"),
                    ]
                ),
                JUnitSuite(name: "property.idempotence", time: 12345.6, cases: [
                    JUnitCase(classname: "", name: "sync twice changes nothing", time: 2),
                ]),
                JUnitSuite(name: "empty"),
            ]
        )
    }
}

extension Array where Element == UInt8 {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}
