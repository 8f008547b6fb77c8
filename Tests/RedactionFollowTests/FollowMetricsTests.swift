import RedactionFollow
import SystemPackage
import Testing

/// `--metrics-file` and `--stats`: Prometheus text, written atomically.
@Suite("Follow metrics")
struct FollowMetricsTests {
    /// A control that asks for statistics once.
    final class StatisticsOnce: FollowControl {
        var asked = false
        var shouldStop: Bool { false }
        func takeReopenRequest() -> Bool { false }
        func takeStatisticsRequest() -> Bool {
            defer { asked = true }
            return !asked
        }
    }

    @Test("the metrics file parses as Prometheus text and counts lines, rules, rotations, lag and checkpoints")
    func metricsFile() throws {
        let world = FollowWorld()
        world.fileSystem.makeDirectories("/metrics")
        world.settings.metricsFile = "/metrics/redact.prom"
        world.settings.metricsInterval = 1
        world.fileSystem.append(TestLog.lines(0..<40), to: "/logs/app.log")
        try world.start()
        try world.run(for: 1)
        world.fileSystem.move("/logs/app.log", to: "/logs/app.log.1")
        world.fileSystem.append(TestLog.lines(40..<60), to: "/logs/app.log")
        try world.run(for: 4)
        let metrics = try PrometheusTextParser(world.fileSystem.text(of: "/metrics/redact.prom"))
        #expect(metrics.value("redact_follow_lines_total") == 60)
        #expect(metrics.value("redact_follow_lines_redacted_total") == 6)
        let byRule = metrics.samples.filter { $0.name == "redact_follow_redactions_total" }
        #expect(byRule.reduce(0) { $0 + $1.value } >= 6)
        #expect(byRule.allSatisfy { $0.labels["rule"].map { !$0.isEmpty } == true })
        #expect(metrics.value("redact_follow_rotations_total") == 1)
        #expect(metrics.value("redact_follow_lag_bytes", ["file": "/logs/app.log"]) == 0)
        #expect(metrics.value("redact_follow_checkpoints_total").map { $0 >= 2 } == true)
        #expect(metrics.value("redact_follow_last_checkpoint_timestamp_seconds").map { $0 > 1_800_000_000 } == true)
        #expect(metrics.value("redact_follow_copytruncate_losses_total") == 0)
        #expect(metrics.types["redact_follow_lines_total"] == "counter")
        #expect(metrics.types["redact_follow_lag_bytes"] == "gauge")
        #expect(!world.fileSystem.text(of: "/metrics/redact.prom").contains("ghp_"))
        // Atomic: a new temp file renamed over the target, never written in place.
        let operations = world.fileSystem.operations.map(\.description)
        #expect(!operations.contains("open /metrics/redact.prom"))
        #expect(operations.contains("rename /metrics/redact.prom.tmp -> /metrics/redact.prom"))
        try world.stop()
    }

    @Test("a statistics request (SIGUSR1) reports the same text; label values are escaped")
    func statisticsRequest() throws {
        let world = FollowWorld(patterns: ["/logs/*.log"])
        world.fileSystem.append("a\n", to: "/logs/we\"ird\\name.log")
        try world.start()
        try world.session?.step(control: StatisticsOnce())
        try world.session?.step(control: StatisticsOnce())
        #expect(world.diagnostics.statisticsReports.count == 2)
        let report = try #require(world.diagnostics.statisticsReports.last)
        let parsed = try PrometheusTextParser(report)
        #expect(parsed.value("redact_follow_lines_total") == 1)
        #expect(parsed.value("redact_follow_lag_bytes", ["file": "/logs/we\"ird\\name.log"]) == 0)
        #expect(parsed.value("redact_follow_open_files") == 1)
    }
}
