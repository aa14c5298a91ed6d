import Dispatch

extension Array where Element: Sendable {
    /// `transform` of each element, in order, computed on every core: for work that is
    /// independent per element (a connector folder, an actions file, a connector's lint).
    ///
    /// Each iteration writes only its own slot of the result, so the writes never overlap, and
    /// all are done when `concurrentPerform` returns; values made on a thread stay in their slot.
    package func concurrentMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: count) { [self] index in
                slots[index] = transform(self[index])
            }
        }
        return results.map { $0! }
    }
}
