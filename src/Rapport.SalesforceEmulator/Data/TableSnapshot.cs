namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// The records of one table as of one version, taken under the org lock so its parts agree: the
/// rows wrapped for the SOQL engine (in slot order, which is arrival order), how many of them are
/// not deleted, and whether arrival order is also Id order. Queries page through a snapshot behind
/// a query locator while writers carry on. Shared by every query until the table changes.
/// </summary>
internal sealed class TableSnapshot
{
    private readonly ObjectDefinition _definition;
    private ModstampIndex? _modstampIndex;

    public TableSnapshot(long version, ObjectDefinition definition, RecordView[] views, int liveCount, bool idOrdered)
    {
        Version = version;
        _definition = definition;
        Views = views;
        LiveCount = liveCount;
        IdOrdered = idOrdered;
    }

    /// <summary>The table version this snapshot shows.</summary>
    public long Version { get; }

    /// <summary>Every stored row, deleted ones included, in arrival order.</summary>
    public RecordView[] Views { get; }

    /// <summary>Rows whose IsDeleted is not true: the <c>totalSize</c> of an unfiltered <c>/query</c>.</summary>
    public int LiveCount { get; }

    /// <summary>True when <see cref="Views"/> is in ascending Id order (ids were issued in sequence), so it can serve <c>ORDER BY Id</c>.</summary>
    public bool IdOrdered { get; }

    /// <summary>
    /// <see cref="Views"/> ordered by SystemModstamp then position, built on first use: the order
    /// a sync's <c>ORDER BY SystemModstamp, Id</c> pages through, and a range search for
    /// <c>SystemModstamp &gt; …</c>. Null when the object has no SystemModstamp field.
    /// </summary>
    public ModstampIndex? Modstamps
    {
        get
        {
            if (_definition.FindField("SystemModstamp") is not { } stampField)
            {
                return null;
            }
            // Two threads may build it at once; both results are equal, and one wins.
            return Volatile.Read(ref _modstampIndex) ?? Interlocked.CompareExchange(ref _modstampIndex, ModstampIndex.Build(Views, stampField), null) ?? _modstampIndex;
        }
    }
}
