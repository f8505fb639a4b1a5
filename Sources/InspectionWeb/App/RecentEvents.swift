public import Foundation

/// Events per key (an address, an account typed at sign-in) within a sliding window, in bounded
/// memory: a key keeps at most `maxPerKey` times, and beyond `maxKeys` keys the ones with nothing
/// left in the window are forgotten, then those with the fewest events, the least recently seen
/// first, down to half. A flood of new keys therefore costs amortised O(log n) per event and cannot
/// push out a key that is at its limit unless it brings half as many keys at the limit themselves.
public struct RecentEvents: Sendable {
    public let window: TimeInterval
    public let maxPerKey: Int
    public let maxKeys: Int
    private var times: [String: [Date]] = [:]

    public init(window: TimeInterval, maxPerKey: Int, maxKeys: Int = 10_000) {
        self.window = window
        self.maxPerKey = max(1, maxPerKey)
        self.maxKeys = max(2, maxKeys)
    }

    /// How many keys are remembered.
    public var count: Int { times.count }

    /// The key's times within the window, oldest first (forgetting the older ones).
    public mutating func recent(_ key: String, now: Date) -> [Date] {
        guard let all = times[key] else { return [] }
        let kept = all.filter { now.timeIntervalSince($0) < window }
        times[key] = kept.isEmpty ? nil : kept
        return kept
    }

    /// Seconds until the key may have another event, or nil when it may now.
    public mutating func wait(_ key: String, now: Date) -> Int? {
        let recent = recent(key, now: now)
        guard recent.count >= maxPerKey, let oldest = recent.first else { return nil }
        return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
    }

    public mutating func record(_ key: String, now: Date) {
        var kept = recent(key, now: now)
        kept.append(now)
        times[key] = Array(kept.suffix(maxPerKey))
        if times.count > maxKeys { forget(now) }
    }

    public mutating func remove(_ key: String) { times[key] = nil }

    private mutating func forget(_ now: Date) {
        times = times.compactMapValues { all in
            let kept = all.filter { now.timeIntervalSince($0) < window }
            return kept.isEmpty ? nil : kept
        }
        guard times.count > maxKeys / 2 else { return }
        let kept = times.sorted { a, b in
            a.value.count != b.value.count ? a.value.count > b.value.count : (a.value.last ?? .distantPast) > (b.value.last ?? .distantPast)
        }.prefix(maxKeys / 2)
        times = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }
}
