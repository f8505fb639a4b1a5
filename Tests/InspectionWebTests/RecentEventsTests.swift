import Foundation
import InspectionWeb
import Testing

/// The sign-in and public-form throttles' memory: bounded whatever keys an attacker invents, without
/// letting a flood of new keys free a key that is at its limit.
@Suite struct RecentEventsTests {
    let start = Date(timeIntervalSince1970: 1_782_000_000)

    @Test func aKeyAtItsLimitWaitsUntilItsOldestEventLeavesTheWindow() {
        var events = RecentEvents(window: 60, maxPerKey: 3)
        for second in 0..<3 { events.record("a", now: start + Double(second)) }
        #expect(events.wait("a", now: start + 10) == 50)
        #expect(events.wait("b", now: start + 10) == nil)
        #expect(events.wait("a", now: start + 60.5) == nil)
        events.record("a", now: start + 61)
        events.remove("a")
        #expect(events.recent("a", now: start + 62).isEmpty)
    }

    @Test func aFloodOfNewKeysStaysBoundedAndKeepsTheLimitedKey() {
        var events = RecentEvents(window: 15 * 60, maxPerKey: 5, maxKeys: 1_000)
        for second in 0..<5 { events.record("coord|10.0.0.9", now: start + Double(second)) }
        var largest = 0
        for n in 0..<50_000 {
            events.record("guess-\(n)|10.0.0.9", now: start + 10 + Double(n) / 1_000)
            largest = max(largest, events.count)
        }
        #expect(largest <= 1_001)
        #expect(events.wait("coord|10.0.0.9", now: start + 100) != nil)
        // and once the window has passed, the flood's keys are forgotten at the next overflow
        for n in 0..<1_001 { events.record("late-\(n)", now: start + 2_000) }
        #expect(events.count <= 1_001)
        #expect(events.recent("guess-1|10.0.0.9", now: start + 2_000).isEmpty)
    }
}
