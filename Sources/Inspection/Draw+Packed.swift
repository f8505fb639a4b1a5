import Crypto
import Dispatch

extension VerifiableDraw {
    /// A stratum drawn from packed candidates, exactly as `sortedByBytes`, `snapshot` and `draw` do
    /// on Strings: the candidates sorted by bytes, their snapshot, the quota (from their count) and
    /// the first `quota` in ticket order.
    ///
    /// NB: ids of at most 24 ASCII bytes (USCCs) are sorted, hashed and drawn on their bytes; only
    /// the record's lists become Strings. Other ids take the String functions.
    public static func drawStratum(seed: [UInt8], scope: String, candidates: PackedIDs,
                                   quota: (Int) -> Int) -> (candidates: [String], snapshot: String, quota: Int, drawn: [String]) {
        guard let sorted = sortedByBytes(candidates) else {
            let strings = sortedByBytes(candidates.strings)
            let k = quota(strings.count)
            return (strings, snapshot(sorted: strings), k, draw(seed: seed, scope: scope, candidates: strings, count: k))
        }
        var hasher = SHA256()
        sorted.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let snapshot = hex(hasher.finalize())
        let k = quota(sorted.count)
        let keyed = tickets(seed: seed, scope: scope, candidates: sorted)
        let first = sorted.bytes.withUnsafeBytes { raw in
            firstK(keyed, k) { a, b in
                if a.ticket != b.ticket { return a.ticket < b.ticket }
                return PackedIDs.id(a.index, sorted.starts, raw).lexicographicallyPrecedes(PackedIDs.id(b.index, sorted.starts, raw))
            }
        }
        return (sorted.strings, snapshot, k, first.map { sorted[$0.index] })
    }

    /// `ids` sorted by their bytes, or nil when one is not ASCII or longer than 24 bytes (then NFC
    /// and longer keys apply: `sortedByBytes(_: [String])`). Ids already in order are returned as they are.
    static func sortedByBytes(_ ids: PackedIDs) -> PackedIDs? {
        var keys: [ASCIIKey] = []
        keys.reserveCapacity(ids.count)
        let ascii = ids.bytes.withUnsafeBytes { raw in
            for i in 0..<ids.count {
                guard let key = asciiKey(PackedIDs.id(i, ids.starts, raw), index: i) else { return false }
                keys.append(key)
            }
            return true
        }
        guard ascii else { return nil }
        if keys.indices.dropFirst().allSatisfy({ !keys[$0].precedes(keys[$0 - 1]) }) { return ids }
        // NB: a long list is sorted in two halves on two threads (the machines have two cores), then merged.
        let half = keys.count >= 1 << 16 ? keys.count / 2 : keys.count
        keys.withUnsafeMutableBufferPointer { buffer in
            let address = Int(bitPattern: buffer.baseAddress), count = buffer.count
            DispatchQueue.concurrentPerform(iterations: half < count ? 2 : 1) { part in
                guard let base = UnsafeMutablePointer<ASCIIKey>(bitPattern: address) else { return }
                let range = part == 0 ? 0..<half : half..<count
                var slice = UnsafeMutableBufferPointer(start: base + range.lowerBound, count: range.count)
                slice.sort { $0.precedes($1) }
            }
        }
        var sorted = PackedIDs()
        sorted.reserveCapacity(ids: ids.count, bytes: ids.bytes.count)
        ids.bytes.withUnsafeBytes { raw in
            var i = 0, j = half
            while i < half || j < keys.count {
                let next: ASCIIKey
                if j == keys.count || (i < half && keys[i].precedes(keys[j])) {
                    next = keys[i]
                    i += 1
                } else {
                    next = keys[j]
                    j += 1
                }
                sorted.append(PackedIDs.id(next.index, ids.starts, raw))
            }
        }
        return sorted
    }

    /// Exclusions sorted by id as `sorted { $0.id < $1.id }` sorts them (String order is byte
    /// order for ASCII ids), without comparing Strings when the ids are short ASCII.
    static func sortedByID(_ excluded: [Exclusion]) -> [Exclusion] {
        var keys: [ASCIIKey] = []
        keys.reserveCapacity(excluded.count)
        for (i, x) in excluded.enumerated() {
            var id = x.id
            guard let key = id.withUTF8({ asciiKey(UnsafeRawBufferPointer($0), index: i) }) else {
                return excluded.sorted { $0.id < $1.id }
            }
            keys.append(key)
        }
        keys.sort { $0.precedes($1) }
        return keys.map { excluded[$0.index] }
    }

    /// A sort key of an id of at most 24 ASCII bytes: its bytes as three big-endian words
    /// (zero-padded), then its length and its position (equal ids keep their order) in one word.
    struct ASCIIKey {
        var w0, w1, w2: UInt64
        var tail: UInt64

        var index: Int { Int(truncatingIfNeeded: tail & 0xFFFF_FFFF) }

        @inline(__always)
        func precedes(_ other: ASCIIKey) -> Bool {
            if w0 != other.w0 { return w0 < other.w0 }
            if w1 != other.w1 { return w1 < other.w1 }
            if w2 != other.w2 { return w2 < other.w2 }
            return tail < other.tail
        }
    }

    /// The key of the id `bytes` at `index`, or nil when it is not ASCII or is longer than 24 bytes.
    @inline(__always)
    static func asciiKey(_ bytes: UnsafeRawBufferPointer, index: Int) -> ASCIIKey? {
        guard bytes.count <= 24, index <= 0xFFFF_FFFF else { return nil }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: bytes) }
        guard (words.0 | words.1 | words.2) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return ASCIIKey(w0: UInt64(bigEndian: words.0), w1: UInt64(bigEndian: words.1), w2: UInt64(bigEndian: words.2),
                        tail: UInt64(bytes.count) << 32 | UInt64(index))
    }

    /// Every packed candidate's ticket, in candidate order (ids of ASCII bytes: NFC leaves them as they are).
    static func tickets(seed: [UInt8], scope: String, candidates: PackedIDs) -> [Keyed] {
        candidates.bytes.withUnsafeBytes { raw in
            let address = Int(bitPattern: raw.baseAddress), count = raw.count, starts = candidates.starts
            return inParallel(count: starts.count) {
                let prefix = prefixHasher(seed: seed, scope: scope)
                let raw = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: address), count: count)
                return { index in
                    var hasher = prefix
                    hasher.update(bufferPointer: PackedIDs.id(index, starts, raw))
                    return Keyed(ticket: Ticket(hasher.finalize()), index: index)
                }
            }
        }
    }

    /// `[make(0), …, make(count - 1)]`, a long one made in two halves on two threads (the machines
    /// have two cores); each half gets its `make` from `maker` (it may hold state that is not Sendable).
    static func inParallel<T>(count n: Int, _ maker: @Sendable () -> (Int) -> T) -> [T] {
        guard n > 0 else { return [] }
        let parts = n >= 1 << 16 ? 2 : 1
        let chunk = (n + parts - 1) / parts
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            let address = Int(bitPattern: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                guard let base = UnsafeMutablePointer<T>(bitPattern: address) else { return }
                let make = maker()
                for index in part * chunk ..< min(n, (part + 1) * chunk) { (base + index).initialize(to: make(index)) }
            }
            initialized = n
        }
    }

    /// The first `k` of `keyed` in the order `precedes` gives, in that order.
    ///
    /// NB: only the first k are kept in order (a bounded max-heap) when k is under a quarter of
    /// them: drawing 1 % of a million sorts ten thousand tickets, not a million.
    static func firstK(_ keyed: [Keyed], _ k: Int, by precedes: (Keyed, Keyed) -> Bool) -> [Keyed] {
        var keyed = keyed
        let k = max(0, min(k, keyed.count))
        guard k < keyed.count / 4 else {
            keyed.sort(by: precedes)
            return Array(keyed.prefix(k))
        }
        guard k > 0 else { return [] }
        // A max-heap of the k smallest so far: its root is the one to beat.
        var heap = Array(keyed.prefix(k))
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let left = 2 * i + 1, right = left + 1
                var largest = i
                if left < k && precedes(heap[largest], heap[left]) { largest = left }
                if right < k && precedes(heap[largest], heap[right]) { largest = right }
                if largest == i { return }
                heap.swapAt(i, largest)
                i = largest
            }
        }
        for i in stride(from: k / 2 - 1, through: 0, by: -1) { siftDown(i) }
        for candidate in keyed[k...] where precedes(candidate, heap[0]) {
            heap[0] = candidate
            siftDown(0)
        }
        heap.sort(by: precedes)
        return heap
    }
}
