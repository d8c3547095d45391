import CLibXML2
import Foundation

/// Collects libxml2's structured errors as ``JUnitXMLError`` values.
///
/// The collector owns a `clibxml2_error_route` (a C callback plus this object as context) that is
/// passed to libxml2 as the `void *` userdata, so no Swift global state is involved. Not `Sendable`:
/// use one collector within one synchronous operation.
final class LibXMLErrorCollector {
    /// Errors in the order libxml2 reported them.
    private(set) var errors: [JUnitXMLError] = []
    /// The code given to errors from libxml2's parser (well-formedness); others become `codeForOthers`.
    private let codeForParserErrors: JUnitXMLError.Code
    private let codeForOthers: JUnitXMLError.Code
    private let file: String?
    /// Caps memory on documents with millions of problems; the rest are counted.
    private let limit: Int
    private(set) var droppedCount = 0
    let route: UnsafeMutablePointer<clibxml2_error_route>

    init(
        parserErrors: JUnitXMLError.Code = .invalidXML,
        otherErrors: JUnitXMLError.Code = .schemaViolation,
        file: String?,
        limit: Int = 1000
    ) {
        codeForParserErrors = parserErrors
        codeForOthers = otherErrors
        self.file = file
        self.limit = limit
        route = .allocate(capacity: 1)
        route.initialize(to: clibxml2_error_route(callback: nil, context: nil))
        route.pointee.callback = { context, error in
            guard let context, let error else { return }
            Unmanaged<LibXMLErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }
        route.pointee.context = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        route.deinitialize(count: 1)
        route.deallocate()
    }

    /// Whether an error (not a warning) was recorded.
    var hasErrors: Bool { !errors.isEmpty || droppedCount > 0 }

    /// Adds an error found by Swift code (for example a count mismatch).
    func append(_ error: JUnitXMLError) {
        guard errors.count < limit else {
            droppedCount += 1
            return
        }
        errors.append(error)
    }

    /// The collected errors, plus a summary line when some were dropped.
    var report: [JUnitXMLError] {
        guard droppedCount > 0 else { return errors }
        return errors + [JUnitXMLError(
            code: codeForOthers,
            message: "\(droppedCount) more errors not shown",
            file: file
        )]
    }

    private func record(_ error: xmlError) {
        guard error.level != XML_ERR_WARNING else { return }
        let parserDomains: Set<Int32> = [
            Int32(XML_FROM_PARSER.rawValue), Int32(XML_FROM_IO.rawValue), Int32(XML_FROM_NAMESPACE.rawValue),
        ]
        let code = parserDomains.contains(error.domain) ? codeForParserErrors : codeForOthers
        var message = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
        while message.last?.isNewline == true { message.removeLast() }
        append(JUnitXMLError(
            code: code,
            message: message,
            line: error.line > 0 ? Int(error.line) : nil,
            column: error.int2 > 0 ? Int(error.int2) : nil,
            file: file
        ))
    }
}

/// Routes libxml2's process-global structured error handler to a collector for the duration of a call.
///
/// Only the tree parser (`xmlReadMemory`, `xmlReadFile`) needs this: the reader and the schema contexts
/// take per-object handlers. The handler is global to the process (thread-local when libxml2 is built
/// with threads), so calls are serialised by a lock and the previous state (none) is restored after.
enum LibXMLGlobalErrors {
    /// `NSLock` rather than `Mutex`, because the body works on non-`Sendable` libxml2 state and
    /// `Mutex.withLock` requires its result to be `sending`.
    private static let lock = NSLock()

    /// Runs `body` with libxml2's global errors going to `collector`.
    static func capture<Result>(into collector: LibXMLErrorCollector, _ body: () throws -> Result) rethrows -> Result {
        LibXML2.ensureInitialized()
        lock.lock()
        defer { lock.unlock() }
        clibxml2_set_global_errors(collector.route)
        defer { clibxml2_set_global_errors(nil) }
        return try withExtendedLifetime(collector) { try body() }
    }
}
