using Rapport.Sync.Matching;

namespace Rapport.Sync.Connectors;

/// <summary>Reads records page by page, never a whole object at once.</summary>
public interface ICrmReader
{
    IAsyncEnumerable<IReadOnlyList<CrmRecord>> ReadAsync(CrmReadRequest request, CancellationToken cancellationToken);
}
