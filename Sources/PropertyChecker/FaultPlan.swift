import MockCanvas
import MockServerCore
import ConformanceKit

/// A fault from the mock's taxonomy (README, "Faults"), installed for the next few platform requests.
public struct FaultPlan: Sendable, Hashable {
    /// What goes wrong.
    public var choice: FaultChoice
    /// How many requests it hits (after `skip`).
    public var count: Int
    /// How many matching requests pass untouched first (a fault on the 3rd request hits a later
    /// page or course: no partial lists, interpretation 5).
    public var skip: Int

    public init(_ choice: FaultChoice, count: Int = 1, skip: Int = 0) {
        self.choice = choice
        self.count = count
        self.skip = skip
    }
}

/// The faults the checker injects.
public enum FaultChoice: Sendable, Hashable, CaseIterable {
    case status500, status502, status503, status504
    case throttle403, throttle429
    case html
    case crossOriginRedirect
    /// Every `Link` URL moved to another origin that leads back to the same mock (`localhost`
    /// for `127.0.0.1`), so a client that follows a foreign `next` with the token is seen doing it.
    case foreignLinks
    case malformedJSON
    case truncatedBody
    case delay
    case revokeToken
    case expireToken
    /// An assignment inserted at the front of a course between its first and second page, so the
    /// last item of page 1 shows up again on page 2 (README, "Faults" "an item shifts pages"); armed
    /// for every course with more than one page.
    case pageShift
    case reset
    case closeWithoutResponse
    case closeMidHeaders
    case closeMidBody
    /// No bytes for ``stallThenResetMilliseconds``, then a reset: the common form of a stall, whose
    /// cost is bounded whatever the implementation's timeout.
    case stallThenReset
    /// No bytes until the client gives up: costs the implementation's whole timeout, so only in
    /// runs that ask for slow faults, and there at most once in a bounded share of the cases
    /// (``CommandGenerator/slowCaseEvery``).
    case stall

    public static var allCases: [FaultChoice] {
        [
            .status500, .status502, .status503, .status504, .throttle403, .throttle429, .html, .crossOriginRedirect, .foreignLinks,
            .malformedJSON, .truncatedBody, .delay, .revokeToken, .expireToken, .pageShift, .reset,
            .closeWithoutResponse, .closeMidHeaders, .closeMidBody, .stallThenReset, .stall,
        ]
    }

    /// The mock's `kind` name: the kind of the fault it installs (a page shift is a world change).
    public var kind: String {
        fault(origin: "http://127.0.0.1:1")?.kind ?? "world_change"
    }

    /// How long a ``stallThenReset`` stays silent before the reset.
    public static let stallThenResetMilliseconds = 25

    /// A short label (`status 503`, `throttle 429`, `page shift in course #1`).
    public var label: String {
        switch self {
        case .status500: "status 500"
        case .status502: "status 502"
        case .status503: "status 503"
        case .status504: "status 504"
        case .throttle403: "throttle 403"
        case .throttle429: "throttle 429"
        case .pageShift: "page shift"
        default: kind.replacing("_", with: " ")
        }
    }

    /// `choices` grouped by family (the four statuses, the two throttles, the four transport faults
    /// each form one), in the order of ``allCases``.
    public static func families(of choices: [FaultChoice]) -> [[FaultChoice]] {
        var families: [[FaultChoice]] = []
        var names: [String] = []
        for choice in choices {
            let family = choice.family
            if let index = names.firstIndex(of: family) {
                families[index].append(choice)
            } else {
                names.append(family)
                families.append([choice])
            }
        }
        return families
    }

    /// The family name: the mock's kind, with the connection-breaking transport faults as one.
    public var family: String {
        switch self {
        case .reset, .closeWithoutResponse, .closeMidHeaders, .closeMidBody: "transport"
        case .stall, .stallThenReset: "stall"
        default: kind
        }
    }

    /// Whether it costs real time (the implementation's timeout).
    public var isSlow: Bool { self == .stall }

    /// The origin a cross-origin redirect points to (nothing listens there).
    public static let foreignOrigin = "http://127.0.0.1:9"

    /// The other origin that leads back to the mock at `origin` (`localhost` for `127.0.0.1`), nil
    /// when there is none.
    public static func aliasOrigin(of origin: String) -> String? {
        guard origin.hasPrefix("http://127.0.0.1:") else { return nil }
        return "http://localhost:" + origin.dropFirst("http://127.0.0.1:".count)
    }

    /// The mock's fault (for everything but ``pageShift``, which needs the world), with the case's
    /// mock at `origin`.
    func fault(origin: String) -> Fault<CanvasWorldChange>? {
        switch self {
        case .foreignLinks: Self.aliasOrigin(of: origin).map { .foreignLinks(origin: $0) }
        case .status500: .status(500, retryAfter: nil)
        case .status502: .status(502, retryAfter: nil)
        case .status503: .status(503, retryAfter: nil)
        case .status504: .status(504, retryAfter: nil)
        case .throttle403: .throttle(status: 403, retryAfter: nil)
        case .throttle429: .throttle(status: 429, retryAfter: nil)
        case .html: .html(status: 200)
        case .crossOriginRedirect: .redirect(origin: Self.foreignOrigin, status: 302)
        case .malformedJSON: .malformedJSON
        case .truncatedBody: .truncatedBody
        case .delay: .delay(milliseconds: 5)
        case .revokeToken: .revokeToken
        case .expireToken: .expireToken
        case .pageShift: nil
        case .reset: .transport(.reset)
        case .closeWithoutResponse: .transport(.closeWithoutResponse)
        case .closeMidHeaders: .transport(.closeMidHeaders)
        case .closeMidBody: .transport(.closeMidBody)
        case .stall: .transport(.stall)
        case .stallThenReset: .stallThenReset(milliseconds: Self.stallThenResetMilliseconds)
        }
    }
}
