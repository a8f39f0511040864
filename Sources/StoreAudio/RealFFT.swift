import CFFTW
import Synchronization

/// FFTW's planner and plan destruction are not thread-safe; every analyzer in
/// the process plans and destroys through this lock. Executing a plan is safe.
private let fftwPlanner = Mutex<Void>(())

/// A planned double-precision real-to-complex FFT of one length (FFTW `r2c_1d`).
///
/// The plan is made once; `transform` executes it on the caller's buffers
/// through FFTW's new-array interface, so one plan serves several threads at
/// once. The buffers must come from `makeBuffers()` (FFTW-aligned).
final class RealFFT: @unchecked Sendable {
    let length: Int
    private let plan: fftw_plan

    init(length: Int) throws(AudioError) {
        self.length = length
        let planned: fftw_plan? = fftwPlanner.withLock { _ in
            let input = fftw_alloc_real(length)
            let output = fftw_alloc_complex(length / 2 + 1)
            defer {
                fftw_free(input)
                fftw_free(output)
            }
            return fftw_plan_dft_r2c_1d(Int32(length), input, output, UInt32(FFTW_ESTIMATE))
        }
        guard let planned else {
            throw AudioError("FFTW cannot plan a \(length)-point FFT")
        }
        plan = planned
    }

    deinit {
        fftwPlanner.withLock { _ in fftw_destroy_plan(plan) }
    }

    /// Fresh FFTW-aligned input (`length` reals) and output (`length/2 + 1` complex) buffers.
    func makeBuffers() -> FFTBuffers {
        FFTBuffers(input: fftw_alloc_real(length), output: fftw_alloc_complex(length / 2 + 1))
    }

    /// The spectrum of `buffers.input` into `buffers.output`, unnormalised as numpy's `rfft`.
    func transform(_ buffers: FFTBuffers) {
        fftw_execute_dft_r2c(plan, buffers.input, buffers.output)
    }
}

/// One thread's FFTW-aligned work arrays; freed when released.
final class FFTBuffers {
    let input: UnsafeMutablePointer<Double>
    let output: UnsafeMutablePointer<fftw_complex>

    init(input: UnsafeMutablePointer<Double>, output: UnsafeMutablePointer<fftw_complex>) {
        self.input = input
        self.output = output
    }

    deinit {
        fftw_free(input)
        fftw_free(output)
    }
}
