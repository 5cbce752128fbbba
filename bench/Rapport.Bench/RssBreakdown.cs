using System.Globalization;

namespace Rapport.Bench;

/// <summary>
/// One sample of the resident set and what it is made of. Anonymous memory holds the GC heap
/// (<see cref="ManagedBytes"/> is what the GC had committed at its last collection), SQLite's page
/// caches (<see cref="SqliteBytes"/>, from <c>sqlite3_status</c>) and the rest of native memory
/// (malloc arenas, thread stacks, runtime data). File-backed memory is the mapped assemblies and
/// native libraries; shared memory is what the runtime maps through its W^X double mapping (JIT
/// code, stubs and the loader heaps beside them).
/// </summary>
internal readonly record struct RssBreakdown(long RssBytes, long AnonBytes, long FileBytes, long ShmemBytes, long ManagedBytes, long SqliteBytes)
{
    private const double Mb = 1024.0 * 1024.0;

    public override string ToString()
    {
        var otherNative = Math.Max(0, AnonBytes - ManagedBytes - SqliteBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{RssBytes / Mb:F0} MB = anonymous {AnonBytes / Mb:F0} (GC committed {ManagedBytes / Mb:F0}, SQLite {SqliteBytes / Mb:F0}, other native {otherNative / Mb:F0}) "
            + $"+ mapped assemblies and libraries {FileBytes / Mb:F0} + JIT code and runtime heaps {ShmemBytes / Mb:F0}");
    }
}
