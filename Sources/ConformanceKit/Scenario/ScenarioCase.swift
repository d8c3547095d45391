/// One run of a scenario on one platform: what a report shows as one test case.
///
/// Canvas runs keep the scenario's id (`principle.trace`), so reports, expectations files and
/// replays written before GitHub Classroom existed stay valid; other platforms add their short name
/// (`principle.trace[github-classroom]`).
public struct ScenarioCase: Sendable, Hashable, Identifiable {
    /// The scenario.
    public var scenario: Scenario
    /// The platform it runs on.
    public var platform: SourcePlatform

    /// Creates a case.
    public init(scenario: Scenario, platform: SourcePlatform) {
        self.scenario = scenario
        self.platform = platform
    }

    /// The id in reports: the scenario's id, plus ``SourcePlatform/reportSuffix``.
    public var id: String { Self.id(scenario.id, on: platform) }

    /// The report id of scenario `scenarioID` on `platform`.
    public static func id(_ scenarioID: String, on platform: SourcePlatform) -> String { scenarioID + platform.reportSuffix }
}
