import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Makes OpenMP's idle threads sleep instead of spin before a network trains.
///
/// libtorch runs its operators on libgomp's threads, which by default spin
/// for a while after each parallel region. On two busy cores that made a
/// two-thread LSTM epoch 3–10 s instead of 1.2 s. libgomp reads
/// `OMP_WAIT_POLICY` once, when it loads — and it loads with libsoxr when
/// `store` starts — so setting the variable later changes nothing: the
/// process starts itself again with `OMP_WAIT_POLICY=PASSIVE`, before it
/// has opened anything. A value the user set is kept; if the restart fails,
/// training goes on with libgomp's default.
enum PassiveOpenMP {
    static func restartIfNeeded() {
        guard ProcessInfo.processInfo.environment["OMP_WAIT_POLICY"] == nil else { return }
        setenv("OMP_WAIT_POLICY", "PASSIVE", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
