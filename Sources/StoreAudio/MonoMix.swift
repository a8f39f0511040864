/// The mean of the channels of interleaved audio, as `librosa.to_mono` computes
/// it in Float32: channels are summed in order, then divided by their count.
///
/// Stereo `[1, 0, 0.5, 0.5]` mixes to `[0.5, 0.5]`; one channel is returned as is;
/// no frames give an empty signal.
enum MonoMix {
    static func mix(_ audio: InterleavedAudio) -> [Float] {
        let channels = audio.channels
        if channels == 1 { return audio.samples }
        let frames = audio.frameCount
        let divisor = Float(channels)
        return [Float](unsafeUninitializedCapacity: frames) { out, initialized in
            audio.samples.withUnsafeBufferPointer { input in
                for frame in 0..<frames {
                    var sum: Float = input[frame * channels]
                    for channel in 1..<channels { sum += input[frame * channels + channel] }
                    out[frame] = sum / divisor
                }
            }
            initialized = frames
        }
    }
}
