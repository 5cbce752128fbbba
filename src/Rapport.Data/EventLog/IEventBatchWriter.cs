namespace Rapport.Data.EventLog;

/// <summary>Writes many appends in one durable transaction; one instance per writer loop.</summary>
internal interface IEventBatchWriter : IAsyncDisposable
{
    /// <summary>Writes the appends' events in order and commits.</summary>
    Task WriteAsync(IReadOnlyList<PreparedAppend> appends, CancellationToken cancellationToken);
}
