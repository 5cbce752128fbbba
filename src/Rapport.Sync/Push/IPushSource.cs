using Rapport.Data;
using Rapport.Data.Entities;

namespace Rapport.Sync.Push;

/// <summary>Reads changed profiles (or accounts) of a dataset in cursor order, a page at a time.</summary>
internal interface IPushSource
{
    CrmProfileKind Kind { get; }

    /// <summary>The cursor this source's pass keeps: <c>push:user</c> or <c>push:account</c>.</summary>
    string CursorName { get; }

    /// <summary>Whether at least <paramref name="count"/> rows changed after <paramref name="after"/> (counts no further than that).</summary>
    Task<bool> AtLeastAsync(RapportDbContext db, string datasetId, PushPosition after, int count, CancellationToken cancellationToken);

    /// <summary>The next <paramref name="size"/> changed rows after <paramref name="after"/>, in (change sequence, id) order.</summary>
    Task<IReadOnlyList<PushSubject>> ReadAsync(RapportDbContext db, string datasetId, PushPosition after, int size, CancellationToken cancellationToken);
}
