public import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// How long a connection may take and stay open, so that half-sent requests and idle keep-alive
/// connections end (`liancha serve --header-timeout/--request-timeout/--idle-timeout`).
public struct ConnectionLimits: Sendable, Equatable {
    /// From the connection's start until its first request's headers are complete.
    public var headerTimeout: TimeInterval
    /// From a request's headers until its body is complete (uploads).
    public var requestTimeout: TimeInterval
    /// From a response's end until the next request's headers are complete (keep-alive).
    public var idleTimeout: TimeInterval

    public init(headerTimeout: TimeInterval = 10, requestTimeout: TimeInterval = 120, idleTimeout: TimeInterval = 30) {
        self.headerTimeout = headerTimeout
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
    }
}

/// Hummingbird's HTTP/1 child channel with one more handler between NIO's HTTP/1 codec and the
/// HTTP types: `ConnectionGuard`, which closes connections that stall and answers HTTP/1.0 (and
/// `Connection: close`) without keep-alive.
struct GuardedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let limits: ConnectionLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: .init())
            try channel.pipeline.syncOperations.addHandler(ConnectionGuard(limits: limits))
            try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            // Hummingbird's own handler, for a graceful shutdown (its idle timer is ours instead).
            try channel.pipeline.syncOperations.addHandler(HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with `ConnectionGuard`.
    static func guardedHTTP1(_ limits: ConnectionLimits) -> HTTPServerBuilder {
        .init { responder in GuardedHTTP1Channel(responder: responder, limits: limits) }
    }
}

/// Ends connections that wait too long for a request's headers or body, or sit idle between
/// requests; and closes the connection after the response when the request did not ask for
/// keep-alive (HTTP/1.0 by default, or `Connection: close`), answering an HTTP/1.0 client in
/// HTTP/1.0 so that it never gets a chunked body it cannot read.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let limits: ConnectionLimits
    private var timer: Scheduled<Void>?
    private var keepAlive = true
    private var requestVersion = HTTPVersion.http1_1
    private var readingRequest = false

    init(limits: ConnectionLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(limits.headerTimeout, context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(limits.headerTimeout, context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            keepAlive = head.isKeepAlive
            requestVersion = head.version
            readingRequest = true
            arm(limits.requestTimeout, context: context)
        case .body:
            break
        case .end:
            readingRequest = false
            cancel()  // the handler's own time is not limited here
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            if !keepAlive {
                head.headers.replaceOrAdd(name: "Connection", value: "close")
                if requestVersion.major == 1 && requestVersion.minor == 0 { head.version = .http1_0 }
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            if keepAlive {
                context.write(data, promise: promise)
                if !readingRequest { arm(limits.idleTimeout, context: context) }
            } else {
                cancel()
                let written = context.eventLoop.makePromise(of: Void.self)
                written.futureResult.cascade(to: promise)
                context.writeAndFlush(data, promise: written)
                let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
                written.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
            }
        }
    }

    private func arm(_ seconds: TimeInterval, context: ChannelHandlerContext) {
        cancel()
        let nanoseconds = Int64(max(0.001, seconds) * 1_000_000_000)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { bound.value.close(promise: nil) }
    }

    private func cancel() {
        timer?.cancel()
        timer = nil
    }
}
