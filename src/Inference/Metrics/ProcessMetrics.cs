using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Reconciler.Inference.Metrics;

/// <summary>
/// The process's memory and garbage collections, under the names Prometheus' own client libraries use, so a dashboard
/// (or the benchmark's soak) can tell a leak from a heap that settles.
/// </summary>
internal static class ProcessMetrics
{
    public static void Append(StringBuilder text)
    {
        using var process = Process.GetCurrentProcess();
        text.Append("# HELP process_resident_memory_bytes Resident memory size in bytes.\n# TYPE process_resident_memory_bytes gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"process_resident_memory_bytes {process.WorkingSet64}\n");
        text.Append("# HELP dotnet_gc_heap_size_bytes Managed heap size after the last garbage collection.\n# TYPE dotnet_gc_heap_size_bytes gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"dotnet_gc_heap_size_bytes {GC.GetGCMemoryInfo().HeapSizeBytes}\n");
        // Live data is what survived the last gen-2 collection; the heap size alone also counts garbage that only a
        // gen-2 collection would free, and the server GC runs those rarely when memory is plentiful.
        var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var lastGen2 = full.Index >= background.Index ? full : background;
        text.Append("# HELP dotnet_gc_live_bytes_after_gen2 Bytes that survived the last gen-2 collection (0 before the first).\n# TYPE dotnet_gc_live_bytes_after_gen2 gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"dotnet_gc_live_bytes_after_gen2 {(lastGen2.Index == 0 ? 0 : lastGen2.PromotedBytes)}\n");
        text.Append("# HELP dotnet_gc_collections_total Garbage collections by generation.\n# TYPE dotnet_gc_collections_total counter\n");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            text.Append(CultureInfo.InvariantCulture, $"dotnet_gc_collections_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}\n");
        }
    }
}
