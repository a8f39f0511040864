import CSampleRate
import CSoxr

/// Changes the rate of a mono signal with libsamplerate or libsoxr, to the
/// length `librosa.resample` returns.
///
/// (1) Equal rates return the input unchanged.
/// (2) The output has exactly `ceil(n · target / source)` samples (librosa's
///     `fix=True`: libsamplerate's output is cut or zero-padded on the right).
/// (3) The values differ from librosa's (soxr "soxr_hq") by the two libraries'
///     filter designs, not by timing: both are linear-phase and delay-compensated.
struct Resampler: Sendable {
    let targetRate: Int
    let quality: ResampleQuality

    /// The number of samples `librosa.resample` makes of `count` samples:
    /// `int(np.ceil(count * (target / source)))`. 22050 samples at 44100 → 11025 Hz give 5513.
    static func resampledCount(_ count: Int, from source: Int, to target: Int) -> Int {
        Int((Double(count) * (Double(target) / Double(source))).rounded(.up))
    }

    func resample(_ mono: [Float], from sourceRate: Int) throws(AudioError) -> [Float] {
        if sourceRate == targetRate || mono.isEmpty { return mono }
        let ratio = Double(targetRate) / Double(sourceRate)
        let count = Self.resampledCount(mono.count, from: sourceRate, to: targetRate)
        if quality == .soxr { return try soxr(mono, from: sourceRate, count: count) }
        // libsamplerate may stop a few samples short of input × ratio; leave room for one extra.
        var output = [Float](repeating: 0, count: count + 16)
        let status: Int32 = mono.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                var data = SRC_DATA()
                data.data_in = input.baseAddress
                data.input_frames = Int(input.count)
                data.data_out = out.baseAddress
                data.output_frames = Int(out.count)
                data.src_ratio = ratio
                data.end_of_input = 1
                let status = src_simple(&data, quality.converterType, 1)
                if status == 0 {
                    // Zero what libsamplerate did not write, so the pad is silence.
                    for index in Int(data.output_frames_gen)..<out.count { out[index] = 0 }
                }
                return status
            }
        }
        if status != 0 {
            throw AudioError("cannot resample from \(sourceRate) Hz to \(targetRate) Hz (libsamplerate: \(String(cString: src_strerror(status))))")
        }
        output.removeLast(output.count - count)
        return output
    }

    /// libsoxr's one-shot conversion with `SOXR_HQ` (librosa's "soxr_hq"),
    /// float32 in and out, cut or zero-padded to `count`.
    private func soxr(_ mono: [Float], from sourceRate: Int, count: Int) throws(AudioError) -> [Float] {
        var output = [Float](repeating: 0, count: count + 16)
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        var used = 0
        var made = 0
        let failure: String? = mono.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                let error = soxr_oneshot(Double(sourceRate), Double(targetRate), 1,
                                         input.baseAddress, input.count, &used,
                                         out.baseAddress, out.count, &made, &io, &quality, nil)
                return error.map { String(cString: $0) }
            }
        }
        if let failure {
            throw AudioError("cannot resample from \(sourceRate) Hz to \(targetRate) Hz (libsoxr: \(failure))")
        }
        for index in min(made, output.count)..<output.count { output[index] = 0 }
        output.removeLast(output.count - count)
        return output
    }
}
