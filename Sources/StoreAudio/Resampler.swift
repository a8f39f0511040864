import CSampleRate

/// Changes the rate of a mono signal with libsamplerate, to the length
/// `librosa.resample` returns.
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
}
