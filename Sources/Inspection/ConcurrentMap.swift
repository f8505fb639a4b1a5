import Dispatch

extension Array where Element: Sendable {
    /// `map(transform)`, the elements transformed at once on Dispatch's threads (the machines have
    /// two cores); the results in the elements' order.
    public func concurrentMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let address = Int(bitPattern: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                guard let base = UnsafeMutablePointer<T>(bitPattern: address) else { return }
                (base + i).initialize(to: transform(self[i]))
            }
            initialized = count
        }
    }
}
