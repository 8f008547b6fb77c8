import Redaction
import SystemPackage

/// Metrics: the snapshot behind `--metrics-file` and `--stats`.
extension FollowSession {
    /// What the session did so far (see ``FollowMetrics``).
    public var metrics: FollowMetrics {
        var metrics = FollowMetrics()
        var statistics = counters.closedFileStatistics
        var counted = Set<ObjectIdentifier>()
        for file in tracked.open where counted.insert(ObjectIdentifier(file.redactor)).inserted {
            statistics.merge(file.redactor.statistics)
        }
        metrics.statistics = statistics
        metrics.rotations = counters.rotations
        metrics.truncations = counters.truncations
        metrics.copytruncateLosses = counters.copytruncateLosses
        metrics.checkpoints = counters.checkpoints
        metrics.lastCheckpointTime = counters.lastCheckpointTime
        metrics.openFiles = tracked.open.count
        for file in tracked.open {
            // Fresh sizes: a successor held back behind its predecessor has not read yet.
            let size = (try? file.file.status().size) ?? file.readOffset
            metrics.lagBytes[file.lastKnownPath.string, default: 0] += max(0, size - file.readOffset)
        }
        return metrics
    }

    /// Rewrites `--metrics-file`; a failure is warned about at most once a minute (metrics never
    /// stop the sidecar).
    func writeMetrics(now: Double) {
        guard let metricsFile else { return }
        lastMetrics = now
        do { try metricsFile.write(metrics.prometheusText) } catch {
            if now - lastMetricsFailure >= 60 {
                lastMetricsFailure = now
                diagnostics.warning("follow: --metrics-file \(metricsFile.path): cannot write: \(error)")
            }
        }
    }
}
