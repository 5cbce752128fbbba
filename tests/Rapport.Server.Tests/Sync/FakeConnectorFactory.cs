using Rapport.Sync.Connectors;

namespace Rapport.Server.Tests.Sync;

/// <summary>Opens <see cref="FakeConnector"/>s, or throws what a test asks for (an expired refresh token, say).</summary>
public sealed class FakeConnectorFactory : ICrmConnectorFactory
{
    public Func<string, Exception?> OpenFailure { get; set; } = _ => null;

    public Task<ICrmConnector> OpenAsync(string connectionId, CancellationToken cancellationToken)
        => OpenFailure(connectionId) is { } failure ? Task.FromException<ICrmConnector>(failure) : Task.FromResult<ICrmConnector>(new FakeConnector());
}
