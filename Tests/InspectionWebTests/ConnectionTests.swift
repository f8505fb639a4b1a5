import Dispatch
import Foundation
import HummingbirdTesting
import InspectionWeb
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Issue 9: half-sent requests and idle keep-alive connections stayed open; an HTTP/1.0 client got
// a keep-alive HTTP/1.1 answer and hung. Driven over real sockets against the running server.

/// What a raw client got: the bytes, and whether the server closed the connection (rather than
/// the client's own read timeout ending the wait).
struct RawExchange {
    var text: String
    var closedByServer: Bool
}

/// Connects to 127.0.0.1:`port`, sends `request`, reads until the server closes or `timeout` passes.
/// NB: runs on a Dispatch thread, never on the cooperative pool that the server's handlers need.
func rawExchange(port: Int, _ request: String, timeout: Int = 5) async -> RawExchange {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var wait = timeval(tv_sec: timeout, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { return continuation.resume(returning: RawExchange(text: "", closedByServer: false)) }
            _ = Array(request.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n > 0 { received += buffer[0..<n]; continue }
                continuation.resume(returning: RawExchange(text: String(decoding: received, as: UTF8.self), closedByServer: n == 0))
                return
            }
        }
    }
}

@Suite struct ConnectionTests {
    static let limits = ConnectionLimits(headerTimeout: 0.5, requestTimeout: 0.5, idleTimeout: 0.5)

    @Test func anHTTP10RequestIsAnsweredInKindAndTheConnectionClosed() async throws {
        let app = try buildApplication(try World(.none).environment(), port: 0, connections: Self.limits)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let answer = await rawExchange(port: port, "GET /public/results HTTP/1.0\r\nHost: localhost\r\n\r\n")
            #expect(answer.text.hasPrefix("HTTP/1.0 200"))
            #expect(answer.text.lowercased().contains("connection: close"))
            #expect(!answer.text.lowercased().contains("transfer-encoding: chunked"))
            #expect(answer.text.contains("抽查结果公示"))
            #expect(answer.closedByServer)
            // HTTP/1.1 asking to close is closed too; keep-alive ones are answered in HTTP/1.1.
            let close = await rawExchange(port: port, "GET /public/results HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(close.text.hasPrefix("HTTP/1.1 200") && close.closedByServer)
        }
    }

    @Test func halfSentAndIdleConnectionsAreClosedByTheServer() async throws {
        let app = try buildApplication(try World(.none).environment(), port: 0, connections: Self.limits)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Headers never finished: closed without an answer.
            let half = await rawExchange(port: port, "GET /public/results HTTP/1.1\r\nHost: localhost\r\n")
            #expect(half.closedByServer)
            #expect(half.text.isEmpty)
            // Nothing sent at all.
            let silent = await rawExchange(port: port, "")
            #expect(silent.closedByServer)
            // A body announced but never sent.
            let body = await rawExchange(port: port, "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nname=")
            #expect(body.closedByServer)
            // Answered, then left idle on keep-alive: closed after the answer.
            let idle = await rawExchange(port: port, "GET /public/results HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(idle.text.hasPrefix("HTTP/1.1 200"))
            #expect(idle.closedByServer)
        }
    }
}
