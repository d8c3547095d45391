import JUnitXML
import KitPrimitives
import MockServerCore
import ConformanceKit

extension HTTPImplementation {
    /// What a complete answer means: a result, or the harness error that explains why it is none.
    ///
    /// | answer | outcome |
    /// |---|---|
    /// | contains a token given to `connectSource` | secret in answer, a failure (when ``Configuration/rejectsTokenEcho``) |
    /// | 200 with JSON (any Content-Type) | ``WireDecoder`` in the profile (a wrong shape is a contract violation naming the field, a failure) |
    /// | 200, empty, HTML or not JSON | protocol violation |
    /// | 404 | protocol violation: the route is missing (wrong base or concept name?) |
    /// | 504 | timeout (the 6.104 Requesting server's "Request timed out.") |
    /// | other 5xx | crashed, with the server's `error` text when it sent one |
    /// | anything else | protocol violation: the contract answers 200 |
    package func interpret(_ received: Answer, for call: ConceptCall) -> Result<ConceptResult, HarnessError> {
        var answer = received
        let redactor = secrets.redactor
        let text = String(decoding: answer.body, as: UTF8.self)
        if redactor.containsSecret(text) {
            guard !configuration.rejectsTokenEcho else {
                return .failure(HarnessError(
                    .secretInAnswer,
                    "the answer (HTTP \(answer.status)) contains an apiToken given to connectSource; tokens must never appear in a response (interpretation 7, Scenarios/README.md)"))
            }
            // Read a redacted copy, so no excerpt in a message can show (part of) a token.
            answer.body = Array(redactor.redact(text).utf8)
        }
        switch answer.status {
        case 200:
            return decode(answer, for: call)
        case 404:
            if let tried = configuration.triedRoutes[call.name], !tried.isEmpty {
                return .failure(HarnessError(
                    .protocolViolation,
                    "route not found (HTTP 404) for \(call.name); tried \(tried.joined(separator: ", ")); name the right one with --route \(call.name)=PATH or routes: in the adapter file"))
            }
            return .failure(HarnessError(
                .protocolViolation,
                "route not found (HTTP 404): is the concept server running with base \(basePath) and a concept \(configuration.conceptName) with \(call.isQuery ? "a query" : "an action") \(call.name)? (--route \(call.name)=PATH names another)"))
        case 504:
            return .failure(HarnessError(.timeout, "the server gave up waiting for an answer (HTTP 504\(errorSuffix(answer)))"))
        case 500...599:
            return .failure(HarnessError(.crashed, "the implementation failed internally (HTTP \(answer.status)\(errorSuffix(answer)))"))
        default:
            return .failure(HarnessError(
                .protocolViolation, "unexpected HTTP \(answer.status) (the contract answers 200, errors included)\(excerptSuffix(answer))"))
        }
    }

    private func decode(_ answer: Answer, for call: ConceptCall) -> Result<ConceptResult, HarnessError> {
        guard answer.body.contains(where: { !Self.isWhitespace($0) }) else {
            return .failure(HarnessError(.protocolViolation, "the answer is empty (HTTP 200 without a JSON body)"))
        }
        let json: JSONValue
        do {
            json = try WireJSONReader.parse(answer.body)
        } catch {
            if answer.body.first(where: { !Self.isWhitespace($0) }) == UInt8(ascii: "<") {
                return .failure(HarnessError(
                    .protocolViolation, "the answer is HTML, not JSON (Content-Type: \(answer.contentType ?? "none"))\(excerptSuffix(answer))"))
            }
            return .failure(HarnessError(.protocolViolation, "the answer is not JSON (\(error))\(excerptSuffix(answer))"))
        }
        do {
            return .success(try WireDecoder(profile: configuration.profile, errorNames: configuration.errorNames).result(of: call, answer: json))
        } catch {
            return .failure(HarnessError(.contractViolation, "\(call.name) answered outside the \(configuration.profile) contract: \(error.message)"))
        }
    }

    /// The path part of the base URL (`/api`), for hints.
    package var basePath: String {
        guard let scheme = configuration.baseURL.firstRange(of: "://") else { return configuration.baseURL }
        let rest = configuration.baseURL[scheme.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
    }

    /// `: "message"` from a JSON `{"error": "message"}` body, else a short excerpt of the body.
    private func errorSuffix(_ answer: Answer) -> String {
        if let json = try? WireJSONReader.parse(answer.body), case .string(let text)? = json["error"] {
            return ": " + JSONValue.excerpt(text)
        }
        return excerptSuffix(answer)
    }

    /// `: <the first 120 bytes of the body>`, or nothing for an empty body.
    private func excerptSuffix(_ answer: Answer) -> String {
        guard !answer.body.isEmpty else { return "" }
        let text = String(decoding: answer.body.prefix(120), as: UTF8.self).replacing("\n", with: " ").replacing("\r", with: "")
        return "; it begins: " + text + (answer.body.count > 120 ? "…" : "")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
