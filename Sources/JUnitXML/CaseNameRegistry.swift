/// Makes `(classname, name)` pairs unique across a report by suffixing repeats with ` #2`, ` #3`, ….
///
/// GitLab keys test cases on classname + name and keeps only the first of a duplicate pair, so a
/// repeated name could hide a failure. The first occurrence keeps its name; later ones get the
/// smallest suffix not yet taken, so the result depends only on the order of the cases.
///
/// To keep the streaming writer's memory flat, the registry stores a 64-bit SipHash digest per pair
/// (about 16 bytes per case in a `Set`), not the strings. A digest collision (probability about
/// n²/2⁶⁵, ~3·10⁻¹⁰ for 100,000 cases) would only add a needless suffix, never produce a duplicate.
struct CaseNameRegistry {
    private var seen: Set<Int> = []

    /// Returns `nil` if the pair is new, otherwise the smallest `k ≥ 2` for which `name #k` is new;
    /// records the pair that will be written.
    mutating func register(classname: String, name: String) -> Int? {
        if seen.insert(Self.digest(classname, name)).inserted { return nil }
        var suffix = 2
        while !seen.insert(Self.digest(classname, "\(name) #\(suffix)")).inserted {
            suffix += 1
        }
        return suffix
    }

    private static func digest(_ classname: String, _ name: String) -> Int {
        var hasher = Hasher()
        hasher.combine(classname)
        hasher.combine(name)
        return hasher.finalize()
    }
}
