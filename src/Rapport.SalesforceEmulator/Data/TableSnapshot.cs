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
    private readonly ModstampTracker? _tracker;
    private readonly ModstampTracker.Capture? _changes;
    private ModstampIndex? _modstampIndex;

    /// <param name="version">The table version shown.</param>
    /// <param name="definition">The table's object.</param>
    /// <param name="views">Every stored row in arrival order.</param>
    /// <param name="liveCount">Rows not deleted.</param>
    /// <param name="idOrdered">Whether arrival order is Id order.</param>
    /// <param name="tracker">
    /// The table's change tracker when positions in <paramref name="views"/> are slots (no emptied
    /// slot), so the SystemModstamp index can be updated from the last one rather than sorted afresh.
    /// </param>
    /// <param name="changes">What the tracker held when the snapshot was taken.</param>
    public TableSnapshot(long version, ObjectDefinition definition, RecordView[] views, int liveCount, bool idOrdered, ModstampTracker? tracker, ModstampTracker.Capture? changes)
    {
        Version = version;
        _definition = definition;
        _tracker = tracker;
        _changes = changes;
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
            if (Volatile.Read(ref _modstampIndex) is { } built)
            {
                return built;
            }
            // Two threads may build it at once; both results are equal, and one wins.
            var index = (_changes?.Published is { } published ? ModstampIndex.Update(published, _changes.Changed, Views, stampField) : null)
                ?? ModstampIndex.Build(Views, stampField);
            if (Interlocked.CompareExchange(ref _modstampIndex, index, null) is { } other)
            {
                return other;
            }
            if (_tracker is not null && _changes is not null)
            {
                _tracker.Publish(_changes, index);
            }
            return index;
        }
    }
}
