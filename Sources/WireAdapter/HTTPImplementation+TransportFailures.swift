import AsyncHTTPClient
import KitPrimitives
import NIOCore
import NIOHTTP1

import ConformanceKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HTTPImplementation {
    /// The harness error for a call that produced no complete answer.
    ///
    /// | failure | code |
    /// |---|---|
    /// | connection refused, no route to the host, connect timeout, bad URL | unreachable |
    /// | no complete answer within the call's timeout, or the calling task was cancelled | timeout |
    /// | reset, closed before or in the middle of the answer | connection-lost |
    /// | bytes that are not HTTP/1.1, an answer larger than the limit | protocol-violation |
    package func transportFailure(_ error: any Error) -> HarnessError {
        let timeout = configuration.timeout
        let connectTimeout = configuration.connectTimeout
        let host = Self.authority(of: configuration.baseURL)
        func unreachable(_ why: String) -> HarnessError {
            HarnessError(.unreachable, "could not connect to \(host) (\(why)); is the implementation running there?")
        }
        let timedOut = HarnessError(.timeout, "no complete answer within \(timeout) (the call's timeout)")
        let lost = HarnessError(.connectionLost, "the connection broke before a complete answer")

        if Task.isCancelled {
            return HarnessError(.timeout, "the call was cancelled before a complete answer")
        }
        switch error {
        case is CallTimedOut, is CancellationError:
            return timedOut
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout: return unreachable("no connection within \(connectTimeout)")
            case .deadlineExceeded, .readTimeout, .writeTimeout, .cancelled: return timedOut
            case .getConnectionFromPoolTimeout:
                return HarnessError(.timeout, "no free connection to \(host) within \(connectTimeout) (more calls at once than the kit's \(Self.connectionsPerHost) connections)")
            case .remoteConnectionClosed: return HarnessError(.connectionLost, "the server closed the connection before a complete answer")
            case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath:
                return unreachable("the base URL is not a usable http URL: \(configuration.baseURL)")
            case _ where "\(error)".contains("unsupportedScheme"):
                return unreachable("the base URL is not a usable http URL: \(configuration.baseURL)")
            default:
                return HarnessError(.connectionLost, "the exchange failed (\(error))")
            }
        case is NIOTooManyBytesError:
            return HarnessError(.protocolViolation, "the answer is larger than \(configuration.maxAnswerBytes) bytes")
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED: return unreachable("connection refused")
            case EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL: return unreachable("no route to the host")
            case ETIMEDOUT: return unreachable("the connection attempt timed out")
            case ECONNRESET: return HarnessError(.connectionLost, "the connection was reset before a complete answer")
            case EPIPE: return HarnessError(.connectionLost, "the server closed the connection while the request was sent")
            default: return HarnessError(.connectionLost, "the exchange failed (\(error))")
            }
        case let error as ChannelError:
            switch error {
            case .connectTimeout: return unreachable("no connection within \(connectTimeout)")
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .eof: return lost
            default: return HarnessError(.connectionLost, "the exchange failed (\(error))")
            }
        case let error as HTTPParserError:
            switch error {
            case .invalidEOFState, .closedConnection:
                return HarnessError(.connectionLost, "the server closed the connection in the middle of the answer")
            default:
                return HarnessError(.protocolViolation, "the answer is not valid HTTP/1.1 (\(error))")
            }
        default:
            return describedFailure(error, unreachable: unreachable, lost: lost)
        }
    }

    /// Errors of modules the kit does not import (NIOPosix's `NIOConnectionError`, wrapped errors),
    /// classified by their description.
    private func describedFailure(
        _ error: any Error, unreachable: (String) -> HarnessError, lost: HarnessError
    ) -> HarnessError {
        let text = String(describing: error)
        let typeName = String(reflecting: type(of: error))
        if text.contains("Connection refused") || text.contains("ECONNREFUSED") || text.contains("connectionRefused") {
            return unreachable("connection refused")
        }
        if typeName.hasSuffix("NIOConnectionError") || text.contains("NIOConnectionError") {
            return unreachable("the connection could not be established")
        }
        if text.contains("Connection reset") || text.contains("ECONNRESET") {
            return HarnessError(.connectionLost, "the connection was reset before a complete answer")
        }
        return HarnessError(.connectionLost, "the exchange failed (\(typeName): \(text.prefix(200)))")
    }

    /// `host:port` of a URL, for messages.
    package static func authority(of url: String) -> String {
        let afterScheme = url.firstRange(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        return String(afterScheme.prefix { $0 != "/" })
    }
}
