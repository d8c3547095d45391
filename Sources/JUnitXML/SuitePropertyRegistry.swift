/// Keeps suite-level property names unique across a whole report.
///
/// xunitparser (one of the consumers CI checks) collects the properties of every `<testsuite>` into a
/// single dictionary and fails on a repeated name. So at suite level:
/// - a `name`/`value` pair already written for an earlier suite (or earlier in the same suite) is not
///   written again; this is how report-level properties end up once, in the first suite;
/// - a name already used with a different value is written as `name #2`, `name #3`, … (the smallest
///   free suffix), so nothing is lost.
///
/// Case-level properties are not affected (consumers read them per case).
struct SuitePropertyRegistry {
    private var written: Set<CleanProperty> = []
    private var names: Set<XMLSafeText> = []

    /// The properties to write for the next suite, in order, after de-duplication and renaming.
    mutating func admit(_ properties: [CleanProperty]) -> [CleanProperty] {
        var admitted: [CleanProperty] = []
        for property in properties {
            guard written.insert(property).inserted else { continue }
            var name = property.name
            var suffix = 2
            while !names.insert(name).inserted {
                name = property.name.withSuffix(suffix)
                suffix += 1
            }
            admitted.append(CleanProperty(name: name, value: property.value))
        }
        return admitted
    }
}
