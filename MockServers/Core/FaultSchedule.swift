import KitPrimitives

/// A fault that fired for a request.
public struct FiredFault<Change: PlatformChange>: Sendable, Hashable {
    /// The rule's id, or `#<n>` (its install number).
    public var ruleID: String
    /// The fault to apply.
    public var fault: Fault<Change>
}

/// The installed fault rules and their counters: decides, deterministically, which fault (if any)
/// applies to each request.
///
/// Given the same seed, the same rules installed in the same order and the same sequence of
/// requests, the same faults fire. Each rule draws its probability from its own generator, seeded
/// from the run seed and the rule's install number, so adding a rule never changes another's draws.
public struct FaultSchedule<Change: PlatformChange>: Sendable {
    /// A rule with its live counters, as reported to the controller.
    public struct Installed: Sendable, Hashable, Codable {
        /// The rule's id, or `#<n>`.
        public var id: String
        /// The rule.
        public var rule: FaultRule<Change>
        /// Requests the rule selected so far.
        public var matched: Int
        /// Times it fired so far.
        public var fired: Int
        var rng: SplitMix64

        enum CodingKeys: String, CodingKey { case id, rule, matched, fired }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            rule = try c.decode(FaultRule<Change>.self, forKey: .rule)
            matched = try c.decode(Int.self, forKey: .matched)
            fired = try c.decode(Int.self, forKey: .fired)
            rng = SplitMix64(seed: 0)
        }

        init(id: String, rule: FaultRule<Change>, rng: SplitMix64) {
            self.id = id
            self.rule = rule
            self.matched = 0
            self.fired = 0
            self.rng = rng
        }
    }

    /// The run seed every rule's generator derives from.
    public let seed: UInt64
    /// The rules in install order.
    public private(set) var rules: [Installed] = []
    /// While suspended no rule fires and no request counts against a rule (a checker's concurrent
    /// phase runs on a healthy platform and leaves pending faults for the requests after it).
    public private(set) var suspended = false
    private var installCount = 0

    /// An empty schedule for `seed`.
    public init(seed: UInt64) { self.seed = seed }

    /// Adds rules after the existing ones.
    public mutating func install(_ newRules: [FaultRule<Change>]) throws(MockError) {
        for rule in newRules { try rule.match.validate() }
        for rule in newRules {
            installCount += 1
            let id = rule.id ?? "#\(installCount)"
            rules.append(Installed(id: id, rule: rule, rng: SplitMix64(seed: SplitMix64.derive(seed, "fault-rule:\(installCount)"))))
        }
    }

    /// Suspends (`true`) or resumes every rule, counters untouched.
    public mutating func suspend(_ on: Bool) { suspended = on }

    /// Removes every rule (install numbering continues, so later draws stay independent).
    public mutating func clear() { rules.removeAll() }

    /// Forgets every rule and the install numbering (a full reset).
    public mutating func reset() {
        rules.removeAll()
        installCount = 0
        suspended = false
    }

    /// Counts `request` against every rule and returns the first rule's fault that fires.
    public mutating func fault(for request: MockRequest) -> FiredFault<Change>? {
        guard !suspended else { return nil }
        var fired: FiredFault<Change>?
        for index in rules.indices where rules[index].rule.match.selects(request) {
            rules[index].matched += 1
            guard fired == nil else { continue }
            let rule = rules[index]
            let match = rule.rule.match
            if let nth = match.nth {
                guard rule.matched == nth else { continue }
            } else {
                guard rule.matched > (match.after ?? 0) else { continue }
                if let times = match.times, rule.fired >= times { continue }
            }
            if let p = match.probability {
                guard rules[index].rng.nextUnit() < p else { continue }
            }
            rules[index].fired += 1
            fired = FiredFault(ruleID: rule.id, fault: rule.rule.fault)
        }
        return fired
    }
}
