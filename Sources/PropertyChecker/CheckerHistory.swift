import KitPrimitives
import MockCanvas
import MockServerCore
import ConformanceKit

/// What happened in one case, in order: every call with its expectation and answer, every platform
/// change, clock move and fault rule (the Jepsen history). It is the source of the failure scenario
/// file and of the history digest that the determinism gate compares.
public struct CheckerHistory: Sendable, Hashable {
    /// One thing that happened.
    public enum Event: Sendable, Hashable {
        /// A command began (its symbolic rendering), or was skipped.
        case command(String, skipped: Bool)
        /// A concept call, what the model allowed and what the implementation answered; `probe`
        /// marks the invariant checks' own queries.
        case call(ConceptCall, expected: Expectation, actual: ConceptResult, probe: Bool)
        /// A concept call that got no answer to judge, with the reason (a broken rule such as a token
        /// in the answer, or the harness error) and what the model allowed.
        case unanswered(ConceptCall, expected: Expectation, reason: String, probe: Bool)
        /// A change to the platform.
        case canvas(CanvasWorldChange)
        /// The virtual clock moved forward.
        case clock(milliseconds: Int)
        /// Fault rules installed.
        case faults([FaultRule<CanvasWorldChange>])
        /// Every fault rule removed (the heal phase).
        case clearFaults
        /// Requests the platform received during a call, one line each.
        case requests([String])
        /// A remark (the application crashed, a phase began).
        case note(String)
        /// A concurrent phase: every client's calls with their answers and ticks.
        case concurrent(ConcurrentPhaseRecord)
    }

    /// The events with the 1-based step each belongs to (0: the quiescence phase).
    public private(set) var events: [(step: Int, event: Event)] = []
    /// The running digest of the events' normalized content.
    private var hash = StableHash.fnv1a64("")
    private let normalize: @Sendable (String) -> String

    /// A history whose text passes through `normalize` (which replaces origins and prefixes).
    public init(normalize: @escaping @Sendable (String) -> String = { $0 }) {
        self.normalize = normalize
    }

    /// Appends an event.
    public mutating func append(step: Int, _ event: Event) {
        events.append((step, event))
        feed(String(step))
        feed(event)
    }

    /// Replaces the concurrent phase at `index` with a fuller record of the same calls (the judge's
    /// order and expectations, known only after the probe); the digest, which holds only the calls,
    /// does not change.
    mutating func replaceConcurrent(at index: Int, with record: ConcurrentPhaseRecord) {
        guard events.indices.contains(index), case .concurrent(let old) = events[index].event, old.calls == record.calls else { return }
        events[index].event = .concurrent(record)
    }

    /// A digest of every event's content (ports, isolation prefixes and tokens normalized away):
    /// equal for equal histories, the determinism gate's measure. Computed as events arrive, from
    /// their fields rather than their rendering, so a long run costs no text.
    public var digest: String { StableHash.hex(hash) }

    /// One line per event, normalized (no ports, no isolation prefix, no token): the trace for people.
    public var lines: [String] {
        events.map { normalize("\($0.step) " + Self.render($0.event)) }
    }

    /// The timeline of the concurrent phase at event `index` (normalized like ``lines``), or nil
    /// when that event is not a phase.
    public func timeline(at index: Int) -> [String]? {
        guard events.indices.contains(index), case .concurrent(let phase) = events[index].event else { return nil }
        return ConcurrentTimeline.render(phase, normalize: normalize)
    }

    /// The concept calls made (probes included).
    public var callCount: Int {
        events.count { if case .call = $0.event { true } else { false } }
    }

    static func render(_ event: Event) -> String {
        switch event {
        case .command(let text, let skipped): return (skipped ? "skip " : "cmd ") + text
        case .call(let call, _, let actual, let probe): return (probe ? "probe " : "call ") + "\(call) -> " + ResultText.render(actual)
        case .unanswered(let call, _, let reason, let probe): return (probe ? "probe " : "call ") + "\(call) -> no answer: " + reason
        case .canvas(let change): return "canvas \(change.name) " + ResultText.json(change)
        case .clock(let ms): return "clock +\(ms)ms"
        case .faults(let rules): return "faults " + rules.map { ResultText.json($0) }.joined(separator: "; ")
        case .clearFaults: return "clear_faults"
        case .requests(let lines): return "requests " + lines.joined(separator: " | ")
        case .note(let text): return "note " + text
        case .concurrent(let phase):
            return "concurrent " + phase.calls.map { call in
                "[client \(call.client + 1) @\(call.invoked)-\(call.completed)] \(call.call) -> "
                    + (call.result.map(ResultText.render) ?? "no answer: \(call.outcome)")
            }.joined(separator: " | ") + (phase.requests.isEmpty ? "" : " || requests " + phase.requests.joined(separator: " | "))
        }
    }

    public static func == (lhs: CheckerHistory, rhs: CheckerHistory) -> Bool { lhs.hash == rhs.hash && lhs.events.count == rhs.events.count }
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    // MARK: - Digest

    private mutating func feed(_ text: String, normalizing: Bool = true) {
        hash = StableHash.fnv1a64(bytes: (normalizing ? normalize(text) : text).utf8, basis: hash)
        hash = StableHash.fnv1a64(bytes: CollectionOfOne(0x1F), basis: hash)
    }

    private mutating func feed(_ instant: Timestamp?) {
        guard let instant else { return feed("\u{0}", normalizing: false) }
        withUnsafeBytes(of: (instant.seconds.littleEndian, instant.nanoseconds.littleEndian)) { hash = StableHash.fnv1a64(bytes: $0, basis: hash) }
    }

    private mutating func feed(_ event: Event) {
        switch event {
        case .command(let text, let skipped): feed(skipped ? "skip" : "cmd"); feed(text)
        case .call(let call, _, let actual, let probe):
            feed(probe ? "probe" : "call")
            feed(call.description)
            ResultText.forEachField(in: actual) { feed($0, normalizing: $1) } instant: { feed($0) }
        case .unanswered(let call, _, let reason, let probe):
            feed(probe ? "probe-unanswered" : "call-unanswered")
            feed(call.description)
            feed(reason)
        case .canvas(let change): feed("canvas"); feed(ResultText.json(change))
        case .clock(let ms): feed("clock"); feed(String(ms))
        case .faults(let rules): feed("faults"); rules.forEach { feed(ResultText.json($0)) }
        case .clearFaults: feed("clear_faults")
        case .requests(let lines): feed("requests"); lines.forEach { feed($0) }
        case .note(let text): feed("note"); feed(text)
        case .concurrent(let phase):
            // The calls, not their answers or ticks: those depend on the scheduler. The state after
            // the phase, which the probe that follows feeds, does not (for a correct implementation).
            feed("concurrent")
            for call in phase.calls.sorted(by: { ($0.client, $0.position) < ($1.client, $1.position) }) {
                feed(String(call.client))
                feed(call.call.description)
            }
        }
    }
}
