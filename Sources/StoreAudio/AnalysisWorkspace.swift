import Synchronization

/// The large work arrays of one analysis: the spectrogram's power and magnitude
/// matrices (about 0.5 MB each for 3 s at n_fft 2048) and the FFT buffers.
///
/// Allocating them per file cost more than computing some features: glibc serves
/// them with fresh `mmap` pages, and faulting those in took 40 % of the CPU time
/// of a five-feature analysis (7.9 against 4.5 ms with mmap disabled). A
/// workspace is used by one analysis at a time (see `WorkspacePool`).
final class AnalysisWorkspace: @unchecked Sendable {
    var power: [Float] = []
    var magnitude: [Float] = []
    let fft: FFTBuffers

    init(fft: FFTBuffers) {
        self.fft = fft
    }
}

/// Idle workspaces of one analyzer: an analysis borrows one (or makes one when
/// all are busy) and gives it back, so there are at most as many as there were
/// analyses at the same time, and they keep their capacity between files.
final class WorkspacePool: Sendable {
    private let idle = Mutex<[AnalysisWorkspace]>([])
    private let fft: RealFFT

    init(fft: RealFFT) {
        self.fft = fft
    }

    func withWorkspace<Result, Failure: Error>(_ body: (AnalysisWorkspace) throws(Failure) -> Result) throws(Failure) -> Result {
        let workspace = idle.withLock { $0.popLast() } ?? AnalysisWorkspace(fft: fft.makeBuffers())
        defer { idle.withLock { $0.append(workspace) } }
        return try body(workspace)
    }
}

extension Array where Element == Float {
    /// Sets the count to `count`, keeping the allocation; new elements are 0,
    /// kept ones keep their (stale) values.
    mutating func resize(to count: Int) {
        if self.count > count {
            removeLast(self.count - count)
        } else if self.count < count {
            append(contentsOf: repeatElement(0, count: count - self.count))
        }
    }
}
