/// One `<property name="…" value="…"/>` of a suite or a test case.
///
/// Properties are kept in the order given; names may repeat (for example several `spec-clause`
/// entries), as in the Ant and Jenkins formats.
public struct JUnitProperty: Sendable, Hashable {
    /// The property name, for example `run-seed`.
    public var name: String
    /// The property value.
    public var value: String

    /// Creates a property.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension JUnitProperty {
    /// Builds an ordered property list from literal pairs: `JUnitProperty.list(["run-seed": "42", "profile": "ci"])`.
    ///
    /// `KeyValuePairs` keeps the written order and allows repeated names.
    public static func list(_ pairs: KeyValuePairs<String, String>) -> [JUnitProperty] {
        pairs.map { JUnitProperty(name: $0.key, value: $0.value) }
    }
}
